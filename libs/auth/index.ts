// Authentication's one door: the module (its global guard), the decorators routes use, and who is calling.
export { AuthModule } from './auth.module.js';
export { CurrentUser, IS_PUBLIC, Public } from './auth.decorators.js';
export { type LoginResult, AuthService } from './auth.service.js';
export { actorOf, type AuthenticatedUser } from './authenticated-user.js';
