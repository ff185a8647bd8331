/* global document, window, CSS */
// Enhancements only: every page works without this script.
import { createAll, initAll } from '/static/1/govuk-frontend.min.js';
import { FilterToggleButton, initAll as initMojAll } from '/static/1/moj-frontend.min.js';

initAll();
initMojAll();
// MOJ's initAll leaves its filter toggle out: a list's filter folds behind "Show filter" on a
// narrow screen instead of covering the list (it needs a .moj-action-bar__filter on the page),
// and shows beside the list where there is room.
createAll(FilterToggleButton, { startHidden: false });

// A link to one field of a form ("Change" on Check your answers): focus the field and bring its
// question into view, as GOV.UK's error summary does; without this script the browser scrolls
// to the field itself, leaving the question above it.
function focusLinkedField() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const field = id ? document.getElementById(id) : null;
  if (!field || !field.matches('input, textarea, select')) return;
  const question =
    field.closest('fieldset')?.querySelector('legend') ??
    document.querySelector(`label[for="${CSS.escape(id)}"]`);
  field.focus({ preventScroll: true });
  (question ?? field).scrollIntoView();
}
// After the load, so that the browser's own scroll to the fragment does not undo this one.
window.addEventListener('load', () => window.requestAnimationFrame(focusLinkedField));
window.addEventListener('hashchange', focusLinkedField);
