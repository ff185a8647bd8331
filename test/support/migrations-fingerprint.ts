import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER = join(process.cwd(), 'libs', 'persistence', 'migrations');

/**
 * A hash of every file in the migrations' folder (they import nothing else of the project): a
 * migrated template made from other migrations than these has another fingerprint, and is built
 * again rather than copied.
 */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(FOLDER).sort()) hash.update(file).update(readFileSync(join(FOLDER, file)));
  return hash.digest('hex').slice(0, 16);
}
