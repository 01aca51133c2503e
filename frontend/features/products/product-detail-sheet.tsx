"use client";

import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import type { Product } from "@/features/product-import/types";

import { ProductGallery } from "./product-gallery";
import { ProductPrice } from "./product-price";
import { ProductStock } from "./product-stock";
import { ProductVariants } from "./product-variants";
import { ViewInShopLink } from "./view-in-shop-link";

interface ProductDetailSheetProps {
  /** The product shown; null closes the sheet. */
  product: Product | null;
  currency: string;
  onClose: () => void;
}

/** One product as the shop shows it: today's price, the link, the gallery and its colours. */
export function ProductDetailSheet({ product, currency, onClose }: ProductDetailSheetProps) {
  return (
    <Sheet open={product !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
        {product && (
          <>
            <SheetHeader className="pr-12">
              <SheetTitle>{product.title}</SheetTitle>
              <SheetDescription>SKU {product.sku}</SheetDescription>
            </SheetHeader>
            <div className="grid gap-6 px-4 pb-6">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <ProductPrice price={product.price} finalPrice={product.final_price} currency={currency} />
                <ViewInShopLink url={product.product_url} title={product.title} />
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-muted-foreground">Category</dt>
                <dd className="break-words">{product.category ?? "—"}</dd>
                <dt className="text-muted-foreground">Sizes</dt>
                <dd>{product.size_range ?? "—"}</dd>
                <dt className="text-muted-foreground">Stock</dt>
                <dd>
                  <ProductStock product={product} />
                </dd>
              </dl>
              <section className="grid gap-2" aria-labelledby="product-photos">
                <h3 id="product-photos" className="text-sm font-semibold">
                  Photos
                </h3>
                <ProductGallery images={product.images} title={product.title} />
              </section>
              {product.variants.length > 0 && (
                <section className="grid gap-2" aria-labelledby="product-variants">
                  <h3 id="product-variants" className="text-sm font-semibold">
                    Colours
                  </h3>
                  <ProductVariants variants={product.variants} title={product.title} currency={currency} />
                </section>
              )}
            </div>
          </>
        )}
      </SheetContent>
    </Sheet>
  );
}
