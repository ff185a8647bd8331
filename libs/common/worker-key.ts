/**
 * A worker key as stored and compared: the register's worker id or e-mail, trimmed, with inner
 * spaces removed and lower-cased (e-mail addresses and staff ids do not differ by case). Blank is
 * no key (null). One function, so the register's side and the user's side can never disagree.
 */
export function normaliseWorkerKey(raw: string | null | undefined): string | null {
  const key = (raw ?? '').normalize('NFC').replace(/\s+/g, '').toLowerCase();
  return key === '' ? null : key;
}
