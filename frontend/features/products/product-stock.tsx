import { Badge } from "@/components/ui/badge";
import type { Product } from "@/features/product-import/types";

import { formatQuantity } from "./money";

/** The quantity in stock, and a mark on products the shop no longer sells. */
export function ProductStock({ product, suffix = "" }: { product: Pick<Product, "stock_qty" | "in_stock">; suffix?: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="tabular-nums">
        {formatQuantity(product.stock_qty)}
        {suffix}
      </span>
      {!product.in_stock && <Badge variant="outline">Not on sale</Badge>}
    </span>
  );
}
