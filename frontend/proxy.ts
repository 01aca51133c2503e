import { NextResponse, type NextRequest } from "next/server";

import { BASIC_AUTH_REALM, isAuthorizedBasic } from "@/lib/basic-auth";
import { clientAddress } from "@/lib/client-address";
import { LoginFailureLimiter, loginFailuresPerMinute } from "@/lib/login-failure-limiter";

const failures = new LoginFailureLimiter(loginFailuresPerMinute(process.env.ADMIN_LOGIN_FAILURES_PER_MINUTE));

/** Everything behind Basic auth is one admin's: no shared cache may keep it, no browser store it. */
const PRIVATE = "private, no-store";

export async function proxy(request: NextRequest) {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const authorization = request.headers.get("authorization");
  const authorized = await isAuthorizedBasic(authorization, {
    user: process.env.ADMIN_USER,
    password: process.env.ADMIN_PASSWORD,
  });
  // The right credentials always pass, so nobody else's wrong guesses can lock the admin out.
  if (authorized) return NextResponse.next({ headers: { "Cache-Control": PRIVATE } });

  // The address server.mjs wrote from the socket and the trusted proxies: no client picks its own.
  const client = clientAddress(request.headers);
  const waitSeconds = failures.secondsBlocked(client);
  if (waitSeconds > 0) {
    const headers = { "Retry-After": String(waitSeconds), "Cache-Control": PRIVATE };
    const message = "Too many failed sign-in attempts; try again later";
    return isApi ? NextResponse.json({ message }, { status: 429, headers }) : new NextResponse(message, { status: 429, headers });
  }
  // A browser's first request carries no credentials: only wrong ones count.
  if (authorization) failures.recordFailure(client);

  const headers = {
    "WWW-Authenticate": `Basic realm="${BASIC_AUTH_REALM}"`,
    "Cache-Control": PRIVATE,
  };
  if (isApi) {
    return NextResponse.json({ message: "Authentication required" }, { status: 401, headers });
  }
  return new NextResponse("Authentication required", { status: 401, headers });
}

export const config = {
  matcher: ["/admin/:path*", "/api/admin/:path*"],
};
