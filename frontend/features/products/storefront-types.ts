// The products API's nested shapes, named once, read through the generated ProductView.
import type { Product } from "@/features/product-import/types";

export type ProductImageEntry = Product["images"][number];
export type ImageRole = ProductImageEntry["roles"][number];
export type ProductVariant = Product["variants"][number];
