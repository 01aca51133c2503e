import { cn } from "@/lib/utils";

import { hexColour } from "./storefront";
import type { ProductVariant } from "./storefront-types";

/**
 * One swatch per colour a configurable is sold in. A hex swatch is a dot of that colour, named for
 * screen readers; any other swatch (a file, a word) or none shows the colour's name instead.
 */
export function ColorSwatches({ variants, className }: { variants: Pick<ProductVariant, "color" | "swatch">[]; className?: string }) {
  if (variants.length === 0) return null;
  return (
    <ul aria-label="Colours" className={cn("flex flex-wrap items-center gap-1", className)}>
      {variants.map((variant) => (
        <li key={variant.color}>
          <Swatch color={variant.color} swatch={variant.swatch} />
        </li>
      ))}
    </ul>
  );
}

/** `decorative`: the colour's name is written beside it, so the swatch is only a dot (or nothing). */
export function Swatch({ color, swatch, decorative = false }: { color: string; swatch: string | null; decorative?: boolean }) {
  const hex = hexColour(swatch);
  if (!hex) {
    if (decorative) return null;
    return <span className="text-muted-foreground rounded-full border px-1.5 text-xs leading-5">{color}</span>;
  }
  return (
    <span
      data-slot="swatch"
      title={decorative ? undefined : color}
      aria-hidden={decorative || undefined}
      className="border-foreground/20 inline-block size-4 shrink-0 rounded-full border align-middle"
      style={{ backgroundColor: hex }}
    >
      {!decorative && <span className="sr-only">{color}</span>}
    </span>
  );
}
