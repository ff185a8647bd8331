// Enhancements only: every page works without this script.
import { initAll } from '/static/1/govuk-frontend.min.js';
import { initAll as initMojAll } from '/static/1/moj-frontend.min.js';

initAll();
initMojAll();
