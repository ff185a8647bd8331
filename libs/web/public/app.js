// Enhancements only: every page works without this script.
import { createAll, initAll } from '/static/1/govuk-frontend.min.js';
import { FilterToggleButton, initAll as initMojAll } from '/static/1/moj-frontend.min.js';

initAll();
initMojAll();
// MOJ's initAll leaves its filter toggle out: a list's filter folds behind "Show filter" on a
// narrow screen instead of covering the list (it needs a .moj-action-bar__filter on the page),
// and shows beside the list where there is room.
createAll(FilterToggleButton, { startHidden: false });
