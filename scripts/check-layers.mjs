// The layer rule: workflows/ holds pure state machines. Neither a machine nor anything it
// imports, however indirectly (the pure rules and types in libs/), may reach Nest, TypeORM or
// the apps. Run by `npm test`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const forbidden = [/^@nestjs\//, /^typeorm/, /^express/];
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g;
const problems = [];
const seen = new Set();

function visit(file, chain) {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const target = match[1] ?? match[2];
    const path = [...chain, relative('.', file)].join(' → ');
    if (forbidden.some((rule) => rule.test(target))) problems.push(`${path} imports ${target}`);
    if (!target.startsWith('.')) continue;
    const resolved = resolve(dirname(file), target.replace(/\.js$/, '.ts'));
    if (relative('.', resolved).startsWith('apps')) problems.push(`${path} imports ${target}`);
    if (existsSync(resolved)) visit(resolved, [...chain, relative('.', file)]);
  }
}

for (const file of readdirSync('workflows', { recursive: true })) {
  const name = String(file);
  if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) visit(resolve(join('workflows', name)), []);
}
if (problems.length) {
  console.error(`workflows/ must stay pure:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`layers: workflows/ and the ${seen.size} files it reaches import no Nest, TypeORM or app code`);
