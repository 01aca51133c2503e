"use client";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Product } from "@/features/product-import/types";

import { ProductColours } from "./product-colours";
import { ProductImage } from "./product-image";
import { ProductPrice } from "./product-price";
import { ProductStock } from "./product-stock";
import { thumbnailAlt } from "./storefront";
import { ViewInShopLink } from "./view-in-shop-link";

export const THUMBNAIL_SIZE = 48;

/** What the table and the cards show: a page of products, and what opening one does. */
export interface ProductsViewProps {
  products: Product[];
  /** The ISO 4217 code every price is in (the shop's base currency). */
  currency: string;
  onOpen: (product: Product) => void;
}

/** The products on wide screens. A row opens the product's detail; its title is the keyboard's way in. */
export function ProductsTable({ products, currency, onOpen }: ProductsViewProps) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="w-16">Photo</TableHead>
          <TableHead>SKU</TableHead>
          <TableHead>Title</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead>Sizes</TableHead>
          <TableHead className="text-right">Stock</TableHead>
          <TableHead>Category</TableHead>
          <TableHead>Shop</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {products.map((product) => (
          <TableRow key={product.sku} className="cursor-pointer" onClick={() => onOpen(product)}>
            <TableCell>
              <ProductImage url={product.image_url} alt={thumbnailAlt(product)} size={THUMBNAIL_SIZE} />
            </TableCell>
            <TableCell className="font-mono text-xs">{product.sku}</TableCell>
            <TableCell className="max-w-72 whitespace-normal">
              <div className="grid justify-items-start gap-1">
                <OpenDetailButton product={product} onOpen={onOpen} />
                <ProductColours product={product} />
              </div>
            </TableCell>
            <TableCell className="text-right">
              <ProductPrice price={product.price} finalPrice={product.final_price} currency={currency} />
            </TableCell>
            <TableCell>{product.size_range ?? "—"}</TableCell>
            <TableCell className="text-right">
              <ProductStock product={product} />
            </TableCell>
            <TableCell className="max-w-48 whitespace-normal">{product.category ?? "—"}</TableCell>
            <TableCell>
              <ViewInShopLink url={product.product_url} title={product.title} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The product's title as a button that opens its detail (rows and cards are not focusable). */
export function OpenDetailButton({ product, onOpen }: { product: Product; onOpen: (product: Product) => void }) {
  return (
    <button
      type="button"
      className="focus-visible:ring-ring/50 rounded-sm text-left font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px]"
      onClick={(event) => {
        event.stopPropagation();
        onOpen(product);
      }}
    >
      {product.title}
    </button>
  );
}
