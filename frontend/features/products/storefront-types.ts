// What the products API says about a product as the shop's storefront shows it.
// TODO(api:generate): these mirror the products API's new fields until backend/openapi.json carries
// them; then they are read from the generated ProductView like the other types in product-import/types.ts.
import type { Product } from "@/features/product-import/types";

export type ImageRole = "image" | "small_image" | "thumbnail" | "swatch_image";

export interface ProductImageEntry {
  url: string;
  label: string | null;
  roles: ImageRole[];
}

export interface ProductVariant {
  color: string;
  swatch: string | null;
  image_url: string | null;
  sizes: string[];
  stock_qty: number;
  final_price: string | null;
}

export type StorefrontProduct = Product & {
  final_price: string | null;
  images: ProductImageEntry[];
  image_url: string | null;
  product_url: string | null;
  variants: ProductVariant[];
};
