import { jest } from '@jest/globals';
import { deliveryIntervalMs, OutboxDeliveryTimer } from './outbox-delivery-timer.js';
import type { OutboxService } from './outbox.service.js';

describe('the outbox delivery timer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function timerWith(deliver: () => Promise<number>) {
    const deliverPending = jest.fn(deliver);
    return { timer: new OutboxDeliveryTimer({ deliverPending } as unknown as OutboxService), deliverPending };
  }

  it('delivers on each tick, never two at once, and stops for good when the app closes', async () => {
    let finish: (n: number) => void = () => undefined;
    const { timer, deliverPending } = timerWith(() => new Promise<number>((resolve) => (finish = resolve)));
    timer.start(1000);
    expect(timer.started).toBe(true);
    await jest.advanceTimersByTimeAsync(3000);
    expect(deliverPending).toHaveBeenCalledTimes(1); // the first is still sending
    finish(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(deliverPending).toHaveBeenCalledTimes(2);
    finish(0);
    await timer.onModuleDestroy();
    expect(timer.started).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(deliverPending).toHaveBeenCalledTimes(2);
  });

  it('keeps going after a failed run', async () => {
    const { timer, deliverPending } = timerWith(() => Promise.reject(new Error('database busy')));
    timer.start(1000);
    await jest.advanceTimersByTimeAsync(2000);
    expect(deliverPending).toHaveBeenCalledTimes(2);
    await timer.onModuleDestroy();
  });

  it('does not start at 0', async () => {
    const { timer } = timerWith(async () => 0);
    timer.start(0);
    expect(timer.started).toBe(false);
    await timer.onModuleDestroy();
  });

  it.each([
    [undefined, 60_000],
    ['', 60_000],
    ['0', 0],
    ['15', 15_000],
    ['0.5', 500],
  ])('reads OUTBOX_DELIVERY_SECONDS=%p as %p ms', (value, ms) => {
    expect(deliveryIntervalMs(value)).toBe(ms);
  });

  it.each(['-1', 'soon', '100000'])('refuses OUTBOX_DELIVERY_SECONDS=%p', (value) => {
    expect(() => deliveryIntervalMs(value)).toThrow(/OUTBOX_DELIVERY_SECONDS/);
  });
});
