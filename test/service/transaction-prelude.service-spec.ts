import { Locality } from '../../libs/org/locality.entity.js';
import { TransactionPrelude, withTransactionPrelude } from '../../libs/persistence/index.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

/**
 * The claim of a form token or an idempotency key rides in the first transaction of its
 * request: it commits with the create, rolls back with it, and is never run twice.
 */
describe('Db.transaction with a TransactionPrelude (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;

  beforeAll(async () => {
    s = await startServices('transaction-prelude');
  });
  afterAll(async () => {
    await s?.close();
  });

  const exists = (name: string) => s.db.read((m) => m.existsBy(Locality, { name }));
  /** A prelude that writes a row named `name`, and counts its runs. */
  const claimWriting = (name: string) => {
    const prelude = new TransactionPrelude(async (m) => {
      runs.push(name);
      await m.insert(Locality, { name });
    });
    const runs: string[] = [];
    return { prelude, runs };
  };

  it('runs first in the first transaction only, and commits with it', async () => {
    const { prelude, runs } = claimWriting('claim 1');
    await withTransactionPrelude(prelude, async () => {
      await s.db.transaction(async (m) => {
        // The claim's row is there before the work's first statement.
        await expect(m.existsBy(Locality, { name: 'claim 1' })).resolves.toBe(true);
        await m.insert(Locality, { name: 'created 1' });
      });
      await s.db.transaction((m) => m.insert(Locality, { name: 'later 1' }));
    });
    expect(runs).toEqual(['claim 1']);
    await expect(exists('claim 1')).resolves.toBe(true);
    await expect(exists('created 1')).resolves.toBe(true);
  });

  it('rolls back with a refused create, and runs again in the next transaction', async () => {
    const { prelude, runs } = claimWriting('claim 2');
    await withTransactionPrelude(prelude, async () => {
      await expect(
        s.db.transaction(async (m) => {
          await m.insert(Locality, { name: 'created 2' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await expect(exists('claim 2')).resolves.toBe(false);
      await s.db.transaction((m) => m.insert(Locality, { name: 'created 2' }));
    });
    expect(runs).toEqual(['claim 2', 'claim 2']);
    await expect(exists('claim 2')).resolves.toBe(true);
  });

  it('a prelude that throws (the token was taken) rolls the create back and is not tried again', async () => {
    const prelude = new TransactionPrelude(() => Promise.reject(new Error('taken')));
    await withTransactionPrelude(prelude, async () => {
      await expect(s.db.transaction((m) => m.insert(Locality, { name: 'created 3' }))).rejects.toThrow(
        'taken',
      );
      await s.db.transaction((m) => m.insert(Locality, { name: 'unrelated 3' }));
    });
    expect(prelude.refused).toBe(true);
    await expect(exists('created 3')).resolves.toBe(false);
    await expect(exists('unrelated 3')).resolves.toBe(true);
  });

  it('is not run once its request has finished, nor by a transaction outside it', async () => {
    const { prelude, runs } = claimWriting('claim 4');
    await s.db.transaction((m) => m.insert(Locality, { name: 'outside 4' }));
    prelude.closed = true;
    await withTransactionPrelude(prelude, () =>
      s.db.transaction((m) => m.insert(Locality, { name: 'after 4' })),
    );
    expect(runs).toEqual([]);
    await expect(exists('claim 4')).resolves.toBe(false);
  });
});
