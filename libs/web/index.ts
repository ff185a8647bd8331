// The web pages' one door: view set-up, page errors, form errors and rendering helpers.
export { configureViews } from './views.js';
export { isPageRequest, renderPageError, type PageProblem, safeReturnTo } from './page-errors.js';
export {
  type ErrorSummaryItem,
  type FieldMap,
  fieldError,
  type FormErrors,
  formErrorsFrom,
  mergeFormErrors,
} from './form-errors.js';
export {
  type NavigationCounts,
  navigationFor,
  type NavigationItem,
  showNavigationCounts,
  startPageFor,
} from './navigation.js';
export { type PageView, redirectAfterPost, renderPage } from './render.js';
export {
  actorInWords,
  formatDate,
  formatDateTime,
  formatMonth,
  gradeLabel,
  humanise,
} from './view-filters.js';
export { auditStateName, cohortName, cycleStateName, roleName, ROLE_NAMES } from './view-filters.js';
export { WebModule } from './web.module.js';
export { validateInput } from './validate-input.js';
export { pagingLinks, type PagingLinks } from './paging-links.js';
