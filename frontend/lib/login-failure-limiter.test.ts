// @vitest-environment node
import { describe, expect, it } from "vitest";

import { clientAddress } from "./client-address";
import { LoginFailureLimiter, loginFailuresPerMinute } from "./login-failure-limiter";

describe("LoginFailureLimiter", () => {
  it("blocks a client once it reaches the limit, until a minute after its first failure", () => {
    const sut = new LoginFailureLimiter(3);

    sut.recordFailure("10.0.0.1", 0);
    sut.recordFailure("10.0.0.1", 1_000);
    expect(sut.secondsBlocked("10.0.0.1", 1_000)).toBe(0);
    sut.recordFailure("10.0.0.1", 2_000);

    expect(sut.secondsBlocked("10.0.0.1", 2_000)).toBe(58);
    expect(sut.secondsBlocked("10.0.0.2", 2_000)).toBe(0);
    expect(sut.secondsBlocked("10.0.0.1", 60_000)).toBe(0);
  });

  it("defaults to 10 failures a minute when the setting is missing or not a positive integer", () => {
    expect(loginFailuresPerMinute(undefined)).toBe(10);
    expect(loginFailuresPerMinute("0")).toBe(10);
    expect(loginFailuresPerMinute("2.5")).toBe(10);
    expect(loginFailuresPerMinute("4")).toBe(4);
  });
});

describe("clientAddress", () => {
  it("is the address the hop in front of this server saw: the last X-Forwarded-For entry", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.1.1.1, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::1" }))).toBe("::1");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
