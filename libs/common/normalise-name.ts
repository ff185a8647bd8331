/**
 * Names compare without case, repeated spaces or the non-breaking spaces exports are full of,
 * and in one Unicode form (NFC), so "Zoë" typed in one system matches "Zoë" exported by another.
 */
export function normaliseName(name: string | null | undefined): string {
  return (name ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
