"use client";

import { useState } from "react";

import type { Product } from "@/features/product-import/types";

import { ProductCards } from "./product-cards";
import { ProductDetailSheet } from "./product-detail-sheet";
import { ProductsTable } from "./products-table";
import { useMediaQuery } from "./use-media-query";

/** Tailwind's `md`: below it (a phone) the rows are cards. */
const TABLE_MEDIA_QUERY = "(min-width: 768px)";

/** A page of products, as a table or as cards by the screen's width; a product opens its detail. */
export function ProductsList({ products, currency }: { products: Product[]; currency: string }) {
  const wide = useMediaQuery(TABLE_MEDIA_QUERY, true);
  const [openSku, setOpenSku] = useState<string | null>(null);
  // Looked up by SKU, so the sheet follows a refetch and closes when the product leaves the page.
  const open = products.find((product) => product.sku === openSku) ?? null;
  const onOpen = (product: Product) => setOpenSku(product.sku);

  return (
    <>
      {wide ? (
        <ProductsTable products={products} currency={currency} onOpen={onOpen} />
      ) : (
        <ProductCards products={products} currency={currency} onOpen={onOpen} />
      )}
      <ProductDetailSheet product={open} currency={currency} onClose={() => setOpenSku(null)} />
    </>
  );
}
