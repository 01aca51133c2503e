const WINDOW_MS = 60_000;

/**
 * Counts wrong Basic-auth credentials per client address. A client that reaches the limit is
 * answered 429 for any wrong or missing credentials until the minute that began with its first
 * failure is over; the right ones still pass (proxy.ts checks them first), so guesses sent from an
 * address the admin shares cannot lock the admin out. Counts live in this server process's memory.
 */
export class LoginFailureLimiter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();
  private nextSweepAt = 0;

  constructor(private readonly limit: number) {}

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

/** ADMIN_LOGIN_FAILURES_PER_MINUTE, or 10 when unset or not a positive integer. */
export function loginFailuresPerMinute(raw: string | undefined): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : 10;
}
