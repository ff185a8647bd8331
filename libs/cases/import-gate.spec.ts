import { jest } from '@jest/globals';
import { ErrorCode } from '../common/index.js';
import { IMPORT_RETRY_AFTER_SECONDS, ImportGate } from './import-gate.js';

describe('ImportGate', () => {
  it('lets one in at a time; giving the gate back twice frees it once', () => {
    const gate = new ImportGate();
    const release = gate.tryEnter();
    expect(release).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
    release!();
    release!();
    const again = gate.tryEnter();
    expect(again).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
  });

  it('makes background runs wait their turn, first come first served, and refuses requests meanwhile', async () => {
    const gate = new ImportGate();
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = gate.run(async () => {
      order.push('first');
      await new Promise<void>((resolve) => (finishFirst = resolve));
    });
    const second = gate.run(async () => void order.push('second'));
    const third = gate.run(async () => void order.push('third'));
    await Promise.resolve();
    expect(order).toEqual(['first']);
    expect(gate.tryEnter()).toBeNull();
    finishFirst();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(gate.busy).toBe(false);
  });

  it('gives the gate back when a run fails', async () => {
    const gate = new ImportGate();
    await expect(gate.run(() => Promise.reject(new Error('broken file')))).rejects.toThrow('broken file');
    expect(gate.busy).toBe(false);
  });

  it('refuses with 429 naming the files and the seconds to wait', () => {
    const refusal = new ImportGate().refusal();
    expect(refusal.code).toBe(ErrorCode.TooManyRequests);
    expect(refusal.details).toMatchObject({
      retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS,
      errors: [{ field: 'files' }],
    });
  });

  it('lets a waiting request in when the gate is given back within its wait, and refuses it after', async () => {
    jest.useFakeTimers();
    try {
      const gate = new ImportGate();
      const first = gate.tryEnter()!;
      const waiting = gate.enterWithin(5000);
      jest.advanceTimersByTime(4000);
      first();
      const release = await waiting;
      expect(release).not.toBeNull();
      expect(gate.busy).toBe(true);
      const late = gate.enterWithin(5000);
      jest.advanceTimersByTime(5001);
      await expect(late).resolves.toBeNull();
      release!();
      expect(gate.busy).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
