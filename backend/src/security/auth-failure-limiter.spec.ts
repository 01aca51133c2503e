import { AppConfig } from '../config/app-config';
import { AuthFailureLimiter } from './auth-failure-limiter';

const limiterAllowing = (failures: number) => new AuthFailureLimiter({ authFailuresPerMinute: failures } as AppConfig);

describe('AuthFailureLimiter', () => {
  it('blocks a client once it reaches the limit, until a minute after its first failure', () => {
    const sut = limiterAllowing(3);
    const start = 1_000_000;

    for (let i = 0; i < 2; i++) sut.recordFailure('10.0.0.1', start + i * 1_000);
    expect(sut.secondsBlocked('10.0.0.1', start + 2_000)).toBe(0);

    sut.recordFailure('10.0.0.1', start + 2_000);
    expect(sut.secondsBlocked('10.0.0.1', start + 2_000)).toBe(58);
    expect(sut.secondsBlocked('10.0.0.1', start + 59_500)).toBe(1);
    expect(sut.secondsBlocked('10.0.0.1', start + 60_000)).toBe(0);
  });

  it('counts each client on its own', () => {
    const sut = limiterAllowing(1);

    sut.recordFailure('10.0.0.1', 0);

    expect(sut.secondsBlocked('10.0.0.1', 0)).toBe(60);
    expect(sut.secondsBlocked('10.0.0.2', 0)).toBe(0);
  });

  it('starts a fresh count once the window is over', () => {
    const sut = limiterAllowing(2);

    sut.recordFailure('10.0.0.1', 0);
    sut.recordFailure('10.0.0.1', 61_000);

    expect(sut.secondsBlocked('10.0.0.1', 61_000)).toBe(0);
  });
});
