import { NextResponse, type NextRequest } from "next/server";

import { BASIC_AUTH_REALM, isAuthorizedBasic } from "@/lib/basic-auth";

export async function proxy(request: NextRequest) {
  const authorized = await isAuthorizedBasic(request.headers.get("authorization"), {
    user: process.env.ADMIN_USER,
    password: process.env.ADMIN_PASSWORD,
  });
  if (authorized) return NextResponse.next();

  const headers = {
    "WWW-Authenticate": `Basic realm="${BASIC_AUTH_REALM}"`,
    "Cache-Control": "no-store",
  };
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ message: "Authentication required" }, { status: 401, headers });
  }
  return new NextResponse("Authentication required", { status: 401, headers });
}

export const config = {
  matcher: ["/admin/:path*", "/api/admin/:path*"],
};
