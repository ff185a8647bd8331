/**
 * Where the API listens: PORT (3000) on HOST, by default 127.0.0.1. The demo's password is
 * published, so the service is on the network only when someone sets HOST (e.g. 0.0.0.0).
 */
export function listenAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
  }
  return { host: env.HOST?.trim() || '127.0.0.1', port };
}
