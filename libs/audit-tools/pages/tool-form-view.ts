import type { ToolForm } from './tool-form.js';

/** A cohort as the service knows it: its code is stored, its title is what people read. */
export interface CohortChoice {
  code: string;
  title: string;
}

export interface CheckboxItem {
  value: string;
  text: string;
  checked: boolean;
}

/**
 * Each row's cohorts as checkboxes, one for each cohort the service has. A code the row holds
 * that no cohort has (from an uploaded file) stays ticked and says so, so saving never drops it
 * unseen; the rules then name it as the error to fix.
 */
export function cohortCheckboxes(ticked: string[], choices: CohortChoice[]): CheckboxItem[] {
  const known = new Set(choices.map((c) => c.code));
  return [
    ...choices.map((c) => ({ value: c.code, text: c.title, checked: ticked.includes(c.code) })),
    ...[...new Set(ticked)]
      .filter((code) => !known.has(code))
      .map((code) => ({ value: code, text: `${code} (not a cohort in this service)`, checked: true })),
  ];
}

/** The editor's rows with what the template needs beside the typed values. */
export function editorRows(form: ToolForm, choices: CohortChoice[]) {
  return {
    domains: form.domains.map((row, i) => ({
      ...row,
      index: i,
      number: i + 1,
      cohortItems: cohortCheckboxes(row.cohorts, choices),
    })),
    items: form.compliance.map((row, i) => ({
      ...row,
      index: i,
      number: i + 1,
      cohortItems: cohortCheckboxes(row.cohorts, choices),
    })),
  };
}
