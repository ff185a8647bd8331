#!/usr/bin/env node
// `npx case-audit …` runs the built CLI; `npm start` or `npm run build` builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/apps/cli/src/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('case-audit: not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
await import(main);
