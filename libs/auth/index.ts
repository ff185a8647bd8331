// Authentication's one door: the module (its global guard), the decorators routes use, and who is calling.
export { AuthModule } from './auth.module.js';
export { AllowedBeforePasswordChange, CurrentUser, IS_PUBLIC, Public } from './auth.decorators.js';
export { type LoginResult, AuthService } from './auth.service.js';
export { actorOf, type AuthenticatedUser } from './authenticated-user.js';
export { bodyLeftUnread, MultipartPageForm } from './multipart-csrf.js';
export {
  CSRF_FIELD,
  CSRF_HEADER,
  cookie,
  csrfTokenFor,
  newSignInCsrfToken,
  Page,
  sameToken,
  SESSION_COOKIE,
  sessionCookieOptions,
  SIGN_IN_CSRF_COOKIE,
  signInCsrfCookieName,
  validSignInCsrf,
} from './web-session.js';
export { WEB_IDLE_MINUTES } from './auth.service.js';
