import { Module } from '@nestjs/common';
import { featureEntities } from '../persistence/index.js';
import { BackgroundFormTokenInterceptor, FormTokenInterceptor } from './form-token.interceptor.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyService } from './idempotency.service.js';

const providers = [
  IdempotencyService,
  IdempotencyInterceptor,
  FormTokenInterceptor,
  BackgroundFormTokenInterceptor,
];

/** Imported by each feature whose routes create: its interceptors need the service in scope. */
@Module({
  imports: [featureEntities([IdempotencyKey])],
  providers,
  exports: providers,
})
export class IdempotencyModule {}
