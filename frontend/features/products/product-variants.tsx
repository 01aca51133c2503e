import { Swatch } from "./color-swatches";
import { formatPrice, formatQuantity } from "./money";
import { ProductImage } from "./product-image";
import type { ProductVariant } from "./storefront-types";

const VARIANT_IMAGE_SIZE = 56;

/** A configurable's colours: each with its swatch, sizes, stock, today's price and photo. */
export function ProductVariants({ variants, title, currency }: { variants: ProductVariant[]; title: string; currency: string }) {
  return (
    <ul aria-label="Variants" className="divide-y rounded-md border">
      {variants.map((variant) => (
        <li key={variant.color} className="flex items-center gap-3 p-3 text-sm">
          <ProductImage url={variant.image_url} alt={`${title} in ${variant.color}`} size={VARIANT_IMAGE_SIZE} />
          <div className="grid min-w-0 flex-1 gap-0.5">
            <span className="flex items-center gap-2 font-medium">
              <Swatch color={variant.color} swatch={variant.swatch} decorative />
              {variant.color}
            </span>
            <span className="text-muted-foreground text-xs break-words">
              Sizes {variant.sizes.length > 0 ? variant.sizes.join(", ") : "—"}
            </span>
            <span className="text-muted-foreground text-xs">{formatQuantity(variant.stock_qty)} in stock</span>
          </div>
          <span className="tabular-nums">{formatPrice(variant.final_price, currency)}</span>
        </li>
      ))}
    </ul>
  );
}
