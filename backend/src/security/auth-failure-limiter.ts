import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const WINDOW_MS = 60_000;

/**
 * Counts wrong or missing admin tokens per client (IP address). A client that reaches
 * AUTH_FAILURES_PER_MINUTE is refused, whatever token it sends, until the minute that began with
 * its first failure is over: checking its tokens meanwhile would let it go on guessing at full
 * speed, with 429 meaning "wrong" and 200 "right". Right tokens are never counted.
 *
 * @nestjs/throttler is not used here because its guard counts every request before it is handled
 * and its storage cannot tell whether a client is blocked without counting one more hit. Like that
 * throttle, the counts live in this process's memory.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();
  private readonly limit: number;
  private nextSweepAt = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.authFailuresPerMinute;
  }

  /** Seconds until `client` may try again, or 0 when it may now. */
  secondsBlocked(client: string, now = Date.now()): number {
    const window = this.windows.get(client);
    if (!window || window.endsAt <= now || window.failures < this.limit) return 0;
    return Math.ceil((window.endsAt - now) / 1000);
  }

  recordFailure(client: string, now = Date.now()): void {
    let window = this.windows.get(client);
    if (!window || window.endsAt <= now) {
      this.forgetEndedWindows(now);
      window = { failures: 0, endsAt: now + WINDOW_MS };
      this.windows.set(client, window);
    }
    window.failures += 1;
  }

  /** At most once a minute, so many clients failing at once cannot make each failure slower. */
  private forgetEndedWindows(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + WINDOW_MS;
    for (const [client, window] of this.windows) if (window.endsAt <= now) this.windows.delete(client);
  }
}
