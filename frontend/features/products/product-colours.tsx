import type { Product } from "@/features/product-import/types";

import { ColorSwatches } from "./color-swatches";

/** A configurable's colours as swatches; a simple product's colour as the text it has. */
export function ProductColours({ product }: { product: Pick<Product, "color" | "variants"> }) {
  if (product.variants.length > 0) return <ColorSwatches variants={product.variants} />;
  return product.color ? <span className="text-muted-foreground text-xs">{product.color}</span> : null;
}
