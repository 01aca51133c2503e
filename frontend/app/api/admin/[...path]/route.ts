import type { NextRequest } from "next/server";

import { forwardToBackend } from "@/lib/backend-forward";

interface RouteParams {
  params: Promise<{ path: string[] }>;
}

export async function GET(request: NextRequest, { params }: RouteParams) {
  return forwardToBackend(request, (await params).path);
}

export const POST = GET;
