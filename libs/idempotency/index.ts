// Idempotent creates' one door: the module, the route decorators, and the form token's field.
export {
  BackgroundFormTokenInterceptor,
  CreatesOnce,
  StartsOnce,
  FORM_TOKEN_FIELD,
  FormTokenInterceptor,
  newFormToken,
} from './form-token.interceptor.js';
export {
  IDEMPOTENCY_HEADER,
  IdempotencyInterceptor,
  IdempotencyKeyHeader,
  IdempotentCreate,
} from './idempotency.interceptor.js';
export { IDEMPOTENCY_TTL_HOURS } from './idempotency.service.js';
export { IdempotencyModule } from './idempotency.module.js';
