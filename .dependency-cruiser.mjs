/**
 * The dependency rules, checked by `npm run depcheck` (part of `npm test`). Each libs/<feature>
 * is one room with one door (its index.ts); workflows/ holds pure machines; persistence serves
 * the features and knows none of them. Cycles between features are checked by a second pass,
 * .dependency-cruiser-features.mjs. See the README ("Dependency rules") for drawing the graph.
 */
const PRODUCTION = '^(apps|libs|workflows)/';
const SPEC = '\\.(e2e-)?spec\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'workflows-are-pure',
      severity: 'error',
      comment:
        'A machine, and everything it imports however indirectly, reaches no Nest, TypeORM, Express ' +
        'or app code.',
      from: { path: '^workflows/', pathNot: SPEC },
      to: { path: ['node_modules/(@nestjs|typeorm|express)/', '^apps/'], reachable: true },
    },
    {
      name: 'workflows-import-no-feature',
      severity: 'error',
      comment: 'Machines take their rules and types from beside them (workflows/), never from a feature.',
      from: { path: '^workflows/', pathNot: SPEC },
      to: { path: '^(libs|apps|bench|test)/' },
    },
    {
      name: 'feature-through-its-index',
      severity: 'error',
      comment: 'One feature uses another only through what its index.ts exports.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/index\\.ts$'] },
    },
    {
      name: 'feature-through-its-index-from-outside',
      severity: 'error',
      comment:
        'apps/, bench/ and workflows/ use a feature only through its index.ts. The audit bench times ' +
        'the bare workflow runner on the audit rows, so it alone may name the audit entity.',
      from: { path: '^(apps|bench|workflows)/', pathNot: [SPEC, '^bench/audit-lifecycle\\.bench\\.ts$'] },
      to: {
        path: '^libs/[^/]+/.+',
        pathNot: ['^libs/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'feature-through-its-index-from-outside',
      severity: 'error',
      comment: 'The same, for the one exception: the audit bench may name the audit entity and nothing else.',
      from: { path: '^bench/audit-lifecycle\\.bench\\.ts$' },
      to: {
        path: '^libs/[^/]+/.+',
        pathNot: ['^libs/[^/]+/index\\.ts$', '^libs/audits/audit\\.entity\\.ts$'],
      },
    },
    {
      name: 'cli-starts-light',
      severity: 'error',
      comment:
        'The CLI reads its arguments before loading the application: main.ts, program.ts and what they ' +
        'import statically reach Nest, TypeORM and the features only by import() inside a command ' +
        '(or for types), so `case-audit --help` costs commander alone.',
      from: { path: '^apps/cli/src/(main|program|cli-context|print)\\.ts$' },
      to: {
        path: ['^libs/', '^workflows/', 'node_modules/(@nestjs|typeorm|xstate|better-sqlite3|pg)/'],
        dependencyTypesNot: ['dynamic-import', 'type-only'],
      },
    },
    {
      name: 'persistence-imports-no-feature',
      severity: 'error',
      comment: 'Features register their entities and snapshot migrations; persistence names none of them.',
      from: { path: '^libs/persistence/' },
      to: { path: ['^libs/', '^workflows/', '^apps/'], pathNot: ['^libs/(persistence|common|clock)/'] },
    },
    {
      name: 'production-not-to-test',
      severity: 'error',
      comment: 'Production code never imports from test/.',
      from: { path: PRODUCTION, pathNot: SPEC },
      to: { path: '^test/' },
    },
    {
      name: 'production-not-to-dev-dependency',
      severity: 'error',
      comment: 'Production code imports no devDependency (type-only imports of @types packages excepted).',
      from: { path: PRODUCTION, pathNot: SPEC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'production-not-to-unlisted-package',
      severity: 'error',
      comment:
        'Production code imports only packages package.json lists (no reliance on what happens to be installed).',
      from: { path: PRODUCTION, pathNot: SPEC },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or a package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  allowed: undefined,
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: undefined,
    // libs/*/public holds browser scripts, which import by URL from the server, not from files.
    exclude: { path: '^(dist|node_modules|\\.tmp)/|^libs/[^/]+/public/' },
    tsPreCompilationDeps: true,
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      dot: { collapsePattern: '^(node_modules/(@[^/]+/)?[^/]+|libs/[^/]+|apps/[^/]+)' },
    },
  },
};
