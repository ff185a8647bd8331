import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisterFile } from './register-files.js';

/** Where uploaded registers wait between the preview and the import: `REGISTER_UPLOAD_DIR`, or the OS temp dir. */
export function uploadRoot(value = process.env.REGISTER_UPLOAD_DIR): string {
  return value?.trim() ? value : join(tmpdir(), 'case-audit-register-uploads');
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;

/**
 * The uploaded files of a register waiting to be imported, on disk so that a big register does
 * not sit in memory between the preview and the import, and so that the administrator never
 * sends it twice. Only this process's own ids (random UUIDs) name folders; the folders and files
 * are readable by the service's user alone, and are removed after the import or when they expire.
 */
export class StagedUploads {
  constructor(private readonly root = uploadRoot()) {}

  async save(id: string, files: readonly RegisterFile[]): Promise<void> {
    const dir = this.dirOf(id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await Promise.all(files.map((file, i) => writeFile(join(dir, String(i)), file.content, { mode: 0o600 })));
  }

  /** The files as uploaded; their names are the caller's (kept with the job, not on disk). */
  async load(id: string, names: readonly string[]): Promise<RegisterFile[]> {
    const dir = this.dirOf(id);
    return Promise.all(
      names.map(async (name, i) => ({ name, content: await readFile(join(dir, String(i))) })),
    );
  }

  remove(id: string): Promise<void> {
    return rm(this.dirOf(id), { recursive: true, force: true });
  }

  /**
   * Removes staged uploads older than `maxAgeMs` (left by a restart or an abandoned preview).
   * Their age is measured on the file system's own clock (a probe file's mtime), not the app's:
   * a test's fixed clock must not expire another process's uploads.
   */
  async sweep(maxAgeMs: number): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const probe = join(this.root, '.now');
    await writeFile(probe, '');
    const now = (await stat(probe)).mtimeMs;
    const names = await readdir(this.root).catch(() => [] as string[]);
    for (const name of names.filter((n) => UPLOAD_ID.test(n))) {
      const info = await stat(join(this.root, name)).catch(() => null);
      if (info && now - info.mtimeMs > maxAgeMs) await this.remove(name);
    }
  }

  private dirOf(id: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error('not an upload id');
    return join(this.root, id);
  }
}
