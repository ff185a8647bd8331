import type { Response } from 'express';
import type { FormErrors } from './form-errors.js';

/** What every page's view model may carry besides its own fields. */
export interface PageView {
  pageTitle: string;
  errors?: FormErrors | null;
}

/**
 * Renders a page's view model. The status is the form's outcome (422 for refused input); the
 * layout reads the user, the CSRF token and the CSP nonce from `res.locals`.
 */
export function renderPage<T extends PageView>(
  response: Response,
  view: string,
  model: T,
  status = 200,
): void {
  response.status(status).render(view, model);
}

/** POST-redirect-GET: a form that worked answers with 303 to the page that shows the result. */
export function redirectAfterPost(response: Response, location: string): void {
  response.redirect(303, location);
}
