import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthFailureLimiter } from './auth-failure-limiter';

/**
 * Admin endpoints require `Authorization: Bearer <ADMIN_API_TOKEN>`. Both sides are hashed first so
 * the comparison takes the same time whatever the length or content of what was sent. A client that
 * sent too many wrong tokens gets 429 before its token is even looked at (see AuthFailureLimiter).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly failures: AuthFailureLimiter,
  ) {
    this.expected = digest(config.adminApiToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest();
    const client: string = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const waitSeconds = this.failures.secondsBlocked(client);
    if (waitSeconds > 0) {
      http.getResponse().setHeader('Retry-After', String(waitSeconds));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many failed authentication attempts; try again later' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
    if (!match || !timingSafeEqual(digest(match[1]), this.expected)) {
      this.failures.recordFailure(client);
      throw new UnauthorizedException('Missing or invalid admin token');
    }
    return true;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();
