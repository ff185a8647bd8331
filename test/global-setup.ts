import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every test database lives under .tmp/test: one SQLite file per Jest worker and test file.
 * Starting from an empty folder means no test can pass on a database a previous run left.
 */
export default function globalSetup(): void {
  const dir = join(process.cwd(), '.tmp', 'test');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
