"use client";

import { ImageOff } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Product } from "@/features/product-import/types";

import { formatPrice, formatQuantity } from "./money";

// Inlined at build time; without it the table simply has no image column.
const MEDIA_BASE_URL = process.env.NEXT_PUBLIC_MEDIA_BASE_URL ?? "";

/** `currency`: the ISO 4217 code every price is in (the shop's base currency). */
export function ProductsTable({ products, currency }: { products: Product[]; currency: string }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {MEDIA_BASE_URL && <TableHead className="w-14">Image</TableHead>}
          <TableHead>SKU</TableHead>
          <TableHead>Title</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead>Sizes</TableHead>
          <TableHead className="text-right">Stock</TableHead>
          <TableHead>Category</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {products.map((product) => (
          <TableRow key={product.sku}>
            {MEDIA_BASE_URL && (
              <TableCell>
                <Thumbnail product={product} />
              </TableCell>
            )}
            <TableCell className="font-mono text-xs">{product.sku}</TableCell>
            <TableCell className="max-w-72 whitespace-normal">
              <div className="font-medium">{product.title}</div>
              {product.color && <div className="text-muted-foreground text-xs">{product.color}</div>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatPrice(product.price, currency)}</TableCell>
            <TableCell>{product.size_range ?? "—"}</TableCell>
            <TableCell className="text-right">
              <div className="flex items-center justify-end gap-2">
                <span className="tabular-nums">{formatQuantity(product.stock_qty)}</span>
                {!product.in_stock && <Badge variant="outline">Not on sale</Badge>}
              </div>
            </TableCell>
            <TableCell>{product.category ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Thumbnail({ product }: { product: Product }) {
  if (!product.image_key) {
    return (
      <div className="bg-muted text-muted-foreground flex size-10 items-center justify-center rounded-md">
        <ImageOff className="size-4" aria-label="No image" />
      </div>
    );
  }
  return (
    <img
      src={MEDIA_BASE_URL + product.image_key}
      alt={product.title}
      width={40}
      height={40}
      loading="lazy"
      className="size-10 rounded-md border object-cover"
    />
  );
}
