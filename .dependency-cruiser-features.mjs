/**
 * The second pass of `npm run depcheck`: no cycle between features, counting a feature as its
 * folder and what is under it (libs/a → libs/b → libs/a, or through workflows/ or apps/). It
 * cruises the code that ships: specs and test/ are left out (they are leaves nothing imports,
 * and test support reaches everything), which folder-scoped rules cannot filter by themselves.
 */
import base from './.dependency-cruiser.mjs';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular-features',
      severity: 'error',
      comment: 'No feature folder reaches itself through another.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: ['^(dist|node_modules|\\.tmp)/', '^test/', '\\.(e2e-)?spec\\.ts$'] },
    // A feature's sub-folders (libs/cases/import, libs/cycles/rules) count as the feature.
    collapse: '^(libs/[^/]+|apps/[^/]+|workflows|bench)/',
  },
};
