import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root, from the source tree (tests) or from dist/ (the built app) alike. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
/** Templates are named from here: `web/views/layout.njk`, `audits/views/audit.njk`. */
export const VIEWS_ROOT = join(PROJECT_ROOT, 'libs');
export const GOVUK_DIST = join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist');
export const MOJ_ROOT = join(PROJECT_ROOT, 'node_modules', '@ministryofjustice', 'frontend');
