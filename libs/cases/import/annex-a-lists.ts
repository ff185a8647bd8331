/**
 * The Ofsted Annex A lists that hold open cases, and the header spellings councils use for the
 * columns we read. Spellings follow the Ofsted template first, then variants seen in councils'
 * returns; matching ignores case, spaces and punctuation (see headerKey).
 */
export interface AnnexAList {
  number: 6 | 7 | 8 | 9;
  cohort: 'CIN' | 'CP' | 'CLA' | 'CL';
  /** When a child is on several lists, the case takes the cohort of the highest. */
  specificity: number;
  /** Tried in order for each row: the first non-blank cell gives the date. */
  opened: readonly string[];
  /** The column whose date closes the row; null when every row on the list is open (List 9). */
  closed: readonly string[] | null;
}

export const CHILD_ID = [
  'Child Unique ID',
  'Child ID',
  'Unique ID',
  'Child Unique Identifier',
  'Unique Child ID',
];

export const LISTS: readonly AnnexAList[] = [
  {
    number: 6,
    cohort: 'CIN',
    specificity: 1,
    opened: ['CIN Start Date', 'CIN Start', 'Referral Date', 'Date of Referral'],
    closed: ['CIN Closure Date', 'CIN Closure', 'CIN End Date', 'Closure Date', 'Date of Closure'],
  },
  {
    number: 7,
    cohort: 'CP',
    specificity: 2,
    opened: ['Child Protection Plan Start Date', 'CP Plan Start Date', 'CPP Start Date', 'CP Start Date'],
    closed: ['Child Protection Plan End Date', 'CP Plan End Date', 'CPP End Date', 'CP End Date'],
  },
  {
    number: 8,
    cohort: 'CLA',
    specificity: 4,
    opened: [
      'Date Started to be Looked After',
      'Date Started Looked After',
      'Date started this period of care',
      'Date of entry into care',
      'Date entered care',
      'Date the Child Entered Care',
      'Date Became Looked After',
      'CLA Start Date',
    ],
    closed: [
      'Date Ceased to be Looked After',
      'Date Ceased Looked After',
      'Date Ceased to be LAC',
      'Date left care',
      'Date of leaving care',
      'CLA End Date',
    ],
  },
  {
    number: 9,
    cohort: 'CL',
    specificity: 3,
    // Care leaver status begins when care ends; the Ofsted template itself has no such column.
    opened: ['Care Leaver Start Date', 'Date Ceased to be Looked After', 'Date left care'],
    closed: null,
  },
];

/** Columns read from every list, preferred spelling first. */
export const SHARED_COLUMNS = {
  team: ['Allocated Team', 'Team', 'Allocated Team Name', 'Team Name'],
  worker: ['Allocated Worker', 'Worker', 'Allocated Social Worker', 'Social Worker', 'Worker Name'],
  // Not in Ofsted's template: a council's own column with the worker's staff id or e-mail.
  workerKey: ['Worker ID', 'Allocated Worker ID', 'Worker Email', 'Allocated Worker Email'],
  teamManager: ['Team Manager', 'Allocated Team Manager'],
  locality: ['Locality', 'Area'],
} as const;

/** A care leaver's named worker is often their personal adviser, with no social worker. */
export const PERSONAL_ADVISER = [
  'Allocated Personal Advisor',
  'Allocated Personal Adviser',
  'Personal Advisor',
  'Personal Adviser',
];

// 'List 6', 'List6', 'List_6', 'List 6 - CIN', 'Annex A List 6'; not 'List 60' nor 'Checklist 6'.
const LIST_SHEET = /(?:^|[^a-z])list\s*[-_.]?\s*([6-9])(?![0-9])/i;

/** The list a sheet holds, judged by its name; undefined for sheets we do not read. */
export function listForSheet(sheetName: string): AnnexAList | undefined {
  const match = LIST_SHEET.exec(sheetName.replace(/\s+/g, ' '));
  return match ? LISTS.find((list) => list.number === Number(match[1])) : undefined;
}
