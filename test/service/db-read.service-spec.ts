import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Locality } from '../../libs/org/locality.entity.js';
import { Db } from '../../libs/persistence/db.service.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

/** A promise the test resolves when it chooses: holds a unit of work open at an await. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Tracks whether a promise has settled, without waiting for it. */
function watch<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  return { promise: tracked, settled: () => settled };
}

const named = (name: string) => (m: import('typeorm').EntityManager) => m.findOneBy(Locality, { name });

describe('Db.read on a SQLite file in WAL mode (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;

  beforeAll(async () => {
    s = await startServices('db-read');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('has a read connection of its own', async () => {
    await expect(s.db.hasReadConnection()).resolves.toBe(true);
  });

  it('answers a read while a write transaction is held open, with the committed state only', async () => {
    await s.db.transaction((m) => m.insert(Locality, { name: 'Committed before' }));
    const held = gate();
    const inside = gate();
    const write = watch(
      s.db.transaction(async (m) => {
        await m.insert(Locality, { name: 'Not yet committed' });
        await m.update(Locality, { name: 'Committed before' }, { name: 'Renamed, not yet committed' });
        inside.open();
        await held.wait;
      }),
    );
    try {
      await inside.wait;
      const seen = await s.db.read(async (m) => ({
        committed: await m.findOneBy(Locality, { name: 'Committed before' }),
        uncommitted: await m.findOneBy(Locality, { name: 'Not yet committed' }),
        renamed: await m.findOneBy(Locality, { name: 'Renamed, not yet committed' }),
      }));
      expect(write.settled()).toBe(false);
      expect(seen.committed).not.toBeNull();
      expect(seen.uncommitted).toBeNull();
      expect(seen.renamed).toBeNull();
    } finally {
      held.open();
    }
    await write.promise;
    await expect(s.db.read(named('Not yet committed'))).resolves.not.toBeNull();
    await expect(s.db.read(named('Renamed, not yet committed'))).resolves.not.toBeNull();
    await expect(s.db.read(named('Committed before'))).resolves.toBeNull();
  });

  it('keeps writes one at a time while reads go on', async () => {
    const held = gate();
    const inside = gate();
    const first = watch(
      s.db.transaction(async (m) => {
        await m.insert(Locality, { name: 'First writer' });
        inside.open();
        await held.wait;
      }),
    );
    await inside.wait;
    const second = watch(s.db.transaction((m) => m.findOneBy(Locality, { name: 'First writer' })));
    await expect(s.db.read(named('First writer'))).resolves.toBeNull();
    expect(second.settled()).toBe(false);
    held.open();
    await first.promise;
    // The second writer ran after the first had committed, and saw its row.
    await expect(second.promise).resolves.not.toBeNull();
  });

  it('shows each read one snapshot, even when a write commits between its queries', async () => {
    await s.db.transaction((m) => m.insert(Locality, { name: 'Snapshot base' }));
    const held = gate();
    const inside = gate();
    const read = s.db.read(async (m) => {
      const before = await m.count(Locality);
      inside.open();
      await held.wait;
      return { before, after: await m.count(Locality) };
    });
    await inside.wait;
    await s.db.transaction((m) => m.insert(Locality, { name: 'Committed mid-read' }));
    held.open();
    const { before, after } = await read;
    expect(after).toBe(before);
    await expect(s.db.read((m) => m.count(Locality))).resolves.toBe(before + 1);
  });

  it('reads inside a transaction through that transaction, seeing its own writes', async () => {
    const seen = await s.db.transaction(async (m) => {
      await m.insert(Locality, { name: 'Own write' });
      return s.db.read(named('Own write'));
    });
    expect(seen).not.toBeNull();
  });

  it('refuses a write made through a read', async () => {
    await expect(s.db.read((m) => m.insert(Locality, { name: 'Through a read' }))).rejects.toThrow(
      /readonly/i,
    );
    await expect(s.db.read(named('Through a read'))).resolves.toBeNull();
  });

  it('sees a schema change committed after the read connection opened (as migrations are)', async () => {
    await expect(s.db.hasReadConnection()).resolves.toBe(true);
    await s.db.transaction(async (m) => {
      await m.query('CREATE TABLE read_probe (id INTEGER PRIMARY KEY)');
      await m.query('INSERT INTO read_probe (id) VALUES (7)');
    });
    try {
      await expect(s.db.read((m) => m.query('SELECT id FROM read_probe'))).resolves.toEqual([{ id: 7 }]);
    } finally {
      await s.db.transaction((m) => m.query('DROP TABLE read_probe'));
    }
  });
});

describe('Db.read without a second view of the database (standalone, raw SQL)', () => {
  const file = (name: string) => {
    const path = join(
      process.cwd(),
      '.tmp',
      'test',
      `db-read-${name}-${process.env.JEST_WORKER_ID ?? '0'}.test.sqlite`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return path;
  };

  async function open(database: string, enableWAL: boolean): Promise<{ db: Db; close: () => Promise<void> }> {
    const dataSource = await new DataSource({ type: 'better-sqlite3', database, enableWAL }).initialize();
    await dataSource.query('CREATE TABLE items (name TEXT NOT NULL)');
    await dataSource.query("INSERT INTO items (name) VALUES ('committed')");
    const db = new Db(dataSource);
    return {
      db,
      close: async () => {
        await db.beforeApplicationShutdown();
        await dataSource.destroy();
      },
    };
  }

  /** Today's behaviour: a read asked for while a write is held open waits for its commit. */
  async function readWaitsForWrite(db: Db): Promise<void> {
    const held = gate();
    const inside = gate();
    const write = watch(
      db.transaction(async (m) => {
        await m.query("INSERT INTO items (name) VALUES ('later')");
        inside.open();
        await held.wait;
      }),
    );
    await inside.wait;
    const read = watch(db.read((m) => m.query('SELECT name FROM items ORDER BY name')));
    // The driver is synchronous: a read that did not wait would be done before this turn ends.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(read.settled()).toBe(false);
    held.open();
    await write.promise;
    await expect(read.promise).resolves.toEqual([{ name: 'committed' }, { name: 'later' }]);
  }

  it('falls back to the one connection for :memory:', async () => {
    const { db, close } = await open(':memory:', false);
    try {
      await expect(db.hasReadConnection()).resolves.toBe(false);
      await readWaitsForWrite(db);
    } finally {
      await close();
    }
  });

  it('falls back to the one connection for a file not in WAL mode', async () => {
    const { db, close } = await open(file('rollback-journal'), false);
    try {
      await expect(db.hasReadConnection()).resolves.toBe(false);
      await readWaitsForWrite(db);
    } finally {
      await close();
    }
  });

  it('closes the read connection on shutdown, so the last close removes the WAL file', async () => {
    const path = file('shutdown');
    const { db, close } = await open(path, true);
    await expect(db.hasReadConnection()).resolves.toBe(true);
    await expect(db.read((m) => m.query('SELECT name FROM items'))).resolves.toEqual([{ name: 'committed' }]);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
