"use client";

import { useState } from "react";
import { PackageOpen, RefreshCw } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/features/product-import/error-alert";
import { ImportProductsDialog } from "@/features/product-import/import-products-dialog";

import { CurrencyNote } from "./currency-note";
import { ProductsPagination } from "./products-pagination";
import { ProductsSearch } from "./products-search";
import { ProductsList } from "./products-list";
import { PRODUCTS_PAGE_SIZE, useProducts } from "./queries";
import { useDebouncedValue } from "./use-debounced-value";

export function ProductsAdmin() {
  const [importOpen, setImportOpen] = useState(false);
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  // The page belongs to the search it was chosen for: a new search starts at page 1, and only
  // once the debounced search changes, so no request goes out for page 1 of the old one.
  const [paging, setPaging] = useState({ q: "", page: 1 });
  const page = paging.q === q ? paging.page : 1;
  const setPage = (next: number) => setPaging({ q, page: next });
  const products = useProducts({ page, pageSize: PRODUCTS_PAGE_SIZE, q });

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-8 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Products</h1>
          <p className="text-muted-foreground text-sm">Products imported from Magento into the Lookbook.</p>
        </div>
        <Button onClick={() => setImportOpen(true)}>
          <RefreshCw aria-hidden />
          Refresh
        </Button>
      </header>

      <ProductsSearch value={search} onChange={setSearch} />

      <section className="bg-card rounded-lg border" aria-busy={products.isFetching}>
        {products.isPending ? (
          <p role="status" className="text-muted-foreground px-4 py-16 text-center text-sm">
            Loading products…
          </p>
        ) : products.isError && !products.data ? (
          <div className="p-4">
            <ErrorAlert title="Could not load products" error={products.error} onRetry={() => void products.refetch()} retrying={products.isFetching} />
          </div>
        ) : products.data.items.length === 0 ? (
          <EmptyState searching={q !== ""} />
        ) : (
          <ProductsList products={products.data.items} currency={products.data.currency} />
        )}
      </section>

      <CurrencyNote page={products.data} />

      {products.data && products.data.total > 0 && (
        <ProductsPagination page={page} pageSize={PRODUCTS_PAGE_SIZE} total={products.data.total} onPageChange={setPage} />
      )}

      <ImportProductsDialog open={importOpen} onOpenChange={setImportOpen} />
    </div>
  );
}

function EmptyState({ searching }: { searching: boolean }) {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-16 text-center">
      <PackageOpen className="text-muted-foreground size-8" aria-hidden />
      <p className="font-medium">{searching ? "No products match your search" : "No products yet — use Refresh to import from Magento"}</p>
      {searching && <p className="text-muted-foreground text-sm">Try a different SKU or title.</p>}
    </div>
  );
}
