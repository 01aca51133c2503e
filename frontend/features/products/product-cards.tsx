"use client";

import { ProductColours } from "./product-colours";
import { ProductImage } from "./product-image";
import { ProductPrice } from "./product-price";
import { ProductStock } from "./product-stock";
import { OpenDetailButton, type ProductsViewProps } from "./products-table";
import { thumbnailAlt } from "./storefront";
import { ViewInShopLink } from "./view-in-shop-link";

const CARD_IMAGE_SIZE = 72;

/** The products on a phone: one card each, nothing to scroll sideways. */
export function ProductCards({ products, currency, onOpen }: ProductsViewProps) {
  return (
    <ul aria-label="Products" className="divide-y">
      {products.map((product) => (
        <li key={product.sku} data-slot="product-card" className="flex cursor-pointer gap-3 p-4" onClick={() => onOpen(product)}>
          <ProductImage url={product.image_url} alt={thumbnailAlt(product)} size={CARD_IMAGE_SIZE} />
          <div className="grid min-w-0 flex-1 content-start justify-items-start gap-1 text-sm break-words">
            <OpenDetailButton product={product} onOpen={onOpen} />
            <span className="text-muted-foreground font-mono text-xs break-all">{product.sku}</span>
            <ProductPrice price={product.price} finalPrice={product.final_price} currency={currency} />
            <ProductColours product={product} />
            <span className="text-muted-foreground text-xs">
              {[product.size_range, product.category].filter(Boolean).join(" · ") || "—"}
            </span>
            <ProductStock product={product} suffix=" in stock" />
            <ViewInShopLink url={product.product_url} title={product.title} />
          </div>
        </li>
      ))}
    </ul>
  );
}
