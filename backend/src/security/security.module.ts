import { Global, Module } from '@nestjs/common';
import { AuthFailureLimiter } from './auth-failure-limiter';

/** Global, so every module's AdminTokenGuard shares one count of failed attempts per client. */
@Global()
@Module({ providers: [AuthFailureLimiter], exports: [AuthFailureLimiter] })
export class SecurityModule {}
