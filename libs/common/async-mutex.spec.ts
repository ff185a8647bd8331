import { AsyncMutex } from './async-mutex.js';

const later = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('AsyncMutex.runWithin', () => {
  it('runs the work when its turn comes in time', async () => {
    const mutex = new AsyncMutex();
    await expect(
      mutex.runWithin(
        1000,
        async () => 'ran',
        () => new Error('late'),
      ),
    ).resolves.toBe('ran');
  });

  it('gives up behind a long holder, and the queue behind it still runs in order', async () => {
    const mutex = new AsyncMutex();
    const holder = later();
    const order: string[] = [];
    const long = mutex.run(async () => {
      await holder.promise;
      order.push('long');
    });
    const impatient = mutex.runWithin(
      5,
      async () => order.push('impatient'),
      () => new Error('busy'),
    );
    const patient = mutex.run(async () => order.push('patient'));
    await expect(impatient).rejects.toThrow('busy');
    holder.resolve();
    await long;
    await patient;
    expect(order).toEqual(['long', 'patient']);
  });
});
