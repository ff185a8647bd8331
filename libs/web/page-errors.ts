import type { Request, Response } from 'express';

/** Paths answered with JSON (problem+json on error); every other path is a page or its asset. */
export function isPageRequest(request: Request): boolean {
  const path = request.path;
  return !path.startsWith('/api/') && path !== '/api' && path !== '/health' && !path.startsWith('/health/');
}

export interface PageProblem {
  status: number;
  detail: string;
  correlationId: string;
  /** Set on a refused CSRF token: the page says to go back and send the form again. */
  csrf?: boolean;
  /** PASSWORD_CHANGE_REQUIRED sends the person to choose their own password first. */
  code?: string;
}

const HEADINGS: Record<number, string> = {
  400: 'There is a problem with that request',
  401: 'Sign in to continue',
  403: 'You do not have access to this page',
  404: 'Page not found',
  409: 'That could not be done',
  413: 'That is too large to send',
  415: 'That cannot be sent here',
  422: 'There is a problem with that request',
  429: 'Too many attempts',
};

/** Where a signed-out visitor goes back to after signing in: only a path on this service. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/login')
    ? value
    : '/';
}

/**
 * Errors on pages are pages: a missing session goes to the sign-in page (and back after), and
 * 403, 404 and 500 are GOV.UK styled pages that keep the header. Nothing about the record or the
 * failure leaks: a 500 shows only the correlation id to quote. A 503 (the database busy with a
 * register import) asks to try again in a minute: nothing was saved.
 */
export function renderPageError(problem: PageProblem, request: Request, response: Response): void {
  if (problem.status === 401) {
    const returnTo = request.method === 'GET' ? safeReturnTo(request.originalUrl) : '/';
    const query = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    response.redirect(303, `/login${query}`);
    return;
  }
  if (problem.code === 'PASSWORD_CHANGE_REQUIRED') {
    response.redirect(303, '/account/password');
    return;
  }
  const status = problem.status;
  const view = {
    pageTitle:
      status === 503
        ? 'Sorry, the service is busy'
        : status >= 500
          ? 'Sorry, there is a problem with the service'
          : (HEADINGS[status] ?? 'There is a problem'),
    status,
    detail: status >= 500 ? null : problem.detail,
    csrf: problem.csrf === true,
    correlationId: problem.correlationId,
  };
  response.status(status).type('text/html');
  response.render('web/views/error.njk', view, (error: Error | null, html?: string) => {
    // A page that cannot render its error page still answers, in plain words.
    response.send(error ? `${view.pageTitle}. Reference: ${view.correlationId}` : html);
  });
}
