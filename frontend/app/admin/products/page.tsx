import type { Metadata } from "next";

import { ProductsAdmin } from "@/features/products/products-admin";

export const metadata: Metadata = { title: "Products" };

export default function ProductsPage() {
  return (
    <main className="bg-muted/30 min-h-screen">
      <ProductsAdmin />
    </main>
  );
}
