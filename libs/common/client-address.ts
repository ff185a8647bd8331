import type { INestApplication } from '@nestjs/common';

/**
 * TRUST_PROXY says which proxies' X-Forwarded-For to believe for the client's address (the login
 * limit counts per address): unset or `false` believes none and uses the socket's address; a
 * number is how many proxies stand in front; otherwise Express's list of addresses or subnets
 * (`loopback`, `10.0.0.0/8, 192.168.1.5`). `true` (believe anyone) is refused: any client could
 * then claim a fresh address for every attempt.
 */
export function trustProxySetting(value = process.env.TRUST_PROXY): false | number | string {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true') {
    throw new Error(
      'TRUST_PROXY=true would believe any client; give the number of proxies or their addresses',
    );
  }
  return setting;
}

export function applyTrustProxy(app: INestApplication): void {
  app.getHttpAdapter().getInstance().set('trust proxy', trustProxySetting());
}
