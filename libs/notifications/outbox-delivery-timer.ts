import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OutboxService } from './outbox.service.js';

/** How often the API delivers what is due, from OUTBOX_DELIVERY_SECONDS (0 turns it off). */
export function deliveryIntervalMs(value = process.env.OUTBOX_DELIVERY_SECONDS): number {
  const seconds = value === undefined || value.trim() === '' ? 60 : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400)
    throw new Error('OUTBOX_DELIVERY_SECONDS must be a number of seconds from 0 to 86400');
  return Math.round(seconds * 1000);
}

/**
 * Delivers the outbox now and then, so a notification whose send failed goes once its back-off
 * has passed, and one queued by work that did not deliver after its commit goes too. The API
 * starts it (main.ts); the timer never keeps the process alive and stops when the app closes.
 * Two instances may both run it: the outbox's claim sends each notification once.
 */
@Injectable()
export class OutboxDeliveryTimer implements OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly outbox: OutboxService) {}

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  get started(): boolean {
    return this.timer !== null;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A delivery under way finishes before the database closes under it.
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the last run is still sending: never two from one instance
    this.running = this.outbox
      .deliverPending()
      .catch((error: unknown) =>
        this.logger.warn(`outbox delivery failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.running = null));
  }
}
