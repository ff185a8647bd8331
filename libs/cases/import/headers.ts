import { RegisterFormatError } from './register-row.js';

/**
 * Reduces a header to lower-case letters and digits, so 'Case Ref', 'CASE_REF', ' case ref ',
 * 'Case\u00a0Ref' and 'Age of Child (Years)' / 'age of child years' compare equal.
 */
export function headerKey(header: unknown): string {
  return typeof header === 'string' ? header.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
}

/** For each logical column, the header spellings that mean it, preferred spelling first. */
export type HeaderAliases<K extends string> = Readonly<Record<K, readonly string[]>>;

/**
 * For each logical column, the indexes of the headers that match one of its aliases, ordered by
 * alias preference (not by position in the file). Several aliases may match, so a reader can fall
 * back from an empty preferred column to the next one (e.g. 'CIN Start Date' to 'Referral Date').
 * A logical column with no match is absent from the result.
 *
 * Throws {@link RegisterFormatError} naming the header when one the reader uses appears twice
 * ('Team' and 'TEAM'): which of the two holds the case's team is a guess, and was made silently.
 * `file` is the sheet or file named in that error.
 */
export function matchHeaders<K extends string>(
  headers: readonly unknown[],
  aliases: HeaderAliases<K>,
  file?: string,
): Partial<Record<K, number[]>> {
  const positions = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === '') return;
    const list = positions.get(key);
    if (list) list.push(index);
    else positions.set(key, [index]);
  });
  const result: Partial<Record<K, number[]>> = {};
  for (const column of Object.keys(aliases) as K[]) {
    const found: number[] = [];
    for (const alias of aliases[column]) {
      const at = positions.get(headerKey(alias)) ?? [];
      if (at.length > 1) throw duplicateHeader(headers, at, file);
      for (const index of at) if (!found.includes(index)) found.push(index);
    }
    if (found.length > 0) result[column] = found;
  }
  return result;
}

function duplicateHeader(headers: readonly unknown[], at: readonly number[], file?: string) {
  const name = String(headers[at[0]]).trim().slice(0, 80);
  const where = file ? `${file}: the` : 'The';
  return new RegisterFormatError(
    `${where} header row has the column "${name}" ${at.length} times: keep one, or rename the others`,
    name,
    file,
  );
}

/** True when any of the headers is one of the aliases. */
export function hasHeader(headers: readonly unknown[], aliases: readonly string[]): boolean {
  const keys = new Set(aliases.map(headerKey));
  return headers.some((header) => keys.has(headerKey(header)));
}
