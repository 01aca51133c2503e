import { CheckCircle2, Clock, Loader2, XCircle } from "lucide-react";

import { Badge } from "@/components/ui/badge";

import type { ImportJobStatus } from "./types";

const STATUS_LOOK = {
  queued: { variant: "outline", Icon: Clock, spin: false },
  running: { variant: "secondary", Icon: Loader2, spin: true },
  completed: { variant: "default", Icon: CheckCircle2, spin: false },
  failed: { variant: "destructive", Icon: XCircle, spin: false },
} as const;

export function StatusBadge({ status }: { status: ImportJobStatus }) {
  const { variant, Icon, spin } = STATUS_LOOK[status] ?? STATUS_LOOK.queued;
  return (
    <Badge variant={variant} data-status={status}>
      <Icon className={spin ? "animate-spin" : undefined} aria-hidden />
      {status}
    </Badge>
  );
}
