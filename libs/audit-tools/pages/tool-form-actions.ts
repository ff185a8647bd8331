import type { DomainRow, ItemRow, ListName, ToolForm } from './tool-form.js';

/**
 * The editor's add-another buttons, which work without JavaScript: each posts the whole form
 * with `action` naming what to do (`add-domains`, `remove-items-2`, `up-domains-1`), and the page
 * comes back with the change made and nothing saved. Only "Save draft" saves.
 */
export interface FormChange {
  form: ToolForm;
  /** What happened, for the banner. */
  notice: string;
}

const ROW_WORDS: Record<ListName, string> = { domains: 'Domain', items: 'Compliance item' };
const EMPTY: { domains: () => DomainRow; items: () => ItemRow } = {
  domains: () => ({ key: '', title: '', guidance: '', cohorts: [] }),
  items: () => ({ key: '', question: '', cohorts: [] }),
};

const ACTION = /^(add|remove|up|down)-(domains|items)(?:-(\d{1,3}))?$/;

/** True when `action` is one of the add, remove and move buttons (anything else is a save). */
export function isFormChange(action: string): boolean {
  return ACTION.test(action);
}

const rowsOf = (form: ToolForm, list: ListName): (DomainRow | ItemRow)[] =>
  list === 'domains' ? form.domains : form.compliance;

/** The form with one row added, removed or moved; an index out of range changes nothing. */
export function applyFormChange(form: ToolForm, action: string): FormChange {
  const match = ACTION.exec(action);
  if (!match) return { form, notice: '' };
  const [, verb, listName, at] = match;
  const list = listName as ListName;
  const rows = [...rowsOf(form, list)];
  const i = Number(at ?? -1);
  const words = ROW_WORDS[list];
  let notice: string;
  if (verb === 'add') {
    rows.push(EMPTY[list]());
    notice = `${words} ${rows.length} added.`;
  } else if (i < 0 || i >= rows.length) {
    return { form, notice: '' };
  } else if (verb === 'remove') {
    rows.splice(i, 1);
    notice = `${words} ${i + 1} removed.`;
  } else {
    const to = verb === 'up' ? i - 1 : i + 1;
    if (to < 0 || to >= rows.length) return { form, notice: '' };
    [rows[i], rows[to]] = [rows[to], rows[i]];
    notice = `${words} ${i + 1} moved ${verb} to ${to + 1}.`;
  }
  const changed =
    list === 'domains'
      ? { ...form, domains: rows as DomainRow[] }
      : { ...form, compliance: rows as ItemRow[] };
  return { form: changed, notice: `${notice} Select “Save draft” to keep your changes.` };
}
