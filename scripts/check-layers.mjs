// The layer rule: workflows/ holds pure state machines and may import nothing from Nest, TypeORM
// or the feature libraries. Run by `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const forbidden = [
  /from ['"]@nestjs\//,
  /from ['"]typeorm/,
  /from ['"]\.\.\/libs\//,
  /from ['"]\.\.\/apps\//,
];
const problems = [];
for (const file of readdirSync('workflows', { recursive: true })) {
  if (!String(file).endsWith('.ts')) continue;
  const text = readFileSync(join('workflows', String(file)), 'utf8');
  for (const rule of forbidden) if (rule.test(text)) problems.push(`workflows/${file}: ${rule}`);
}
if (problems.length) {
  console.error(`workflows/ must stay pure:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('layers: workflows/ imports no Nest, TypeORM or feature code');
