import { AuthService } from './auth.service.js';
import type { PasswordHasher } from './password-hasher.js';

/** A hasher whose start-up hash finishes only when the test says (libuv's pool, held). */
function heldHasher() {
  const held: { finish?: (hash: string) => void; fail?: (error: Error) => void } = {};
  const hasher = {
    hash: () =>
      new Promise<string>((resolve, reject) => {
        held.finish = resolve;
        held.fail = reject;
      }),
  } as unknown as PasswordHasher;
  return { hasher, held };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('AuthService shutdown', () => {
  it('waits for the start-up dummy hash, so no thread-pool work outlives the app', async () => {
    const { hasher, held } = heldHasher();
    const auth = new AuthService({} as never, {} as never, hasher, {} as never);
    let closed = false;
    const closing = auth.onApplicationShutdown().then(() => (closed = true));
    await turn();
    expect(closed).toBe(false);
    held.finish!('$argon2id$dummy');
    await closing;
    expect(closed).toBe(true);
  });

  it('closes all the same when the start-up hash failed', async () => {
    const { hasher, held } = heldHasher();
    const auth = new AuthService({} as never, {} as never, hasher, {} as never);
    held.fail!(new Error('out of memory'));
    await expect(auth.onApplicationShutdown()).resolves.toBeUndefined();
  });
});
