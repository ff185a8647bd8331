import { cleanText, stripCodePrefix } from './clean-text.js';

// A Map, not an object literal: a cohort called 'constructor' must not find Object.prototype.
const SYNONYMS = new Map<string, string>(
  Object.entries({
    cin: 'CIN',
    'child in need': 'CIN',
    'children in need': 'CIN',
    'child in need plan': 'CIN',
    cp: 'CP',
    cpp: 'CP',
    'child protection': 'CP',
    'child protection plan': 'CP',
    cla: 'CLA',
    lac: 'CLA',
    cic: 'CLA',
    'looked after': 'CLA',
    'looked after child': 'CLA',
    'looked after children': 'CLA',
    'child looked after': 'CLA',
    'children looked after': 'CLA',
    'children in care': 'CLA',
    cl: 'CL',
    'care leaver': 'CL',
    'care leavers': 'CL',
    'leaving care': 'CL',
  }),
);

/**
 * Turns a cohort as a council writes it into its code: 'child in need' → CIN, 'LAC' → CLA,
 * 'care leavers' → CL. Anything else is upper-cased as it stands ('Early Help' → 'EARLY HELP'):
 * whether that cohort exists is the import service's question, not the parser's.
 * Null for a blank cohort, which the parsers reject.
 */
export function normaliseCohort(value: string | null | undefined): string | null {
  const text = stripCodePrefix(cleanText(value));
  if (text === null) return null;
  const key = text.toLowerCase().replace(/[-_]/g, ' ').replace(/ +/g, ' ').trim();
  return SYNONYMS.get(key) ?? text.toUpperCase();
}
