import { Loader2 } from "lucide-react";

export function LoadingBlock({ label }: { label: string }) {
  return (
    <div role="status" className="text-muted-foreground flex items-center justify-center gap-2 py-10 text-sm">
      <Loader2 className="size-4 animate-spin" aria-hidden />
      {label}
    </div>
  );
}
