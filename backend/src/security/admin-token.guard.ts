import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthFailureLimiter } from './auth-failure-limiter';

/**
 * Admin endpoints require `Authorization: Bearer <ADMIN_API_TOKEN>`. Both sides are hashed first so
 * the comparison takes the same time whatever the length or content of what was sent. A client
 * (request.ip: the browser's address behind the Next server, see TRUST_PROXY) that sent too many
 * wrong tokens gets 429 for any wrong or missing token (see AuthFailureLimiter). The right token
 * always passes: several clients can share an address (the Next server's, a NAT), and someone
 * else's wrong tokens must not lock an admin out. Being told 429 rather than 401 tells a guesser
 * nothing it can use against a token of at least 32 random characters.
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
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;

    const client: string = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const waitSeconds = this.failures.secondsBlocked(client);
    if (waitSeconds > 0) {
      http.getResponse().setHeader('Retry-After', String(waitSeconds));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many failed authentication attempts; try again later' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.failures.recordFailure(client);
    throw new UnauthorizedException('Missing or invalid admin token');
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();
