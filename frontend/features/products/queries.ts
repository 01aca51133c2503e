import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { ApiError, listProducts, type ProductListParams } from "@/features/product-import/api";

export const PRODUCTS_PAGE_SIZE = 25;

export const productKeys = {
  all: ["products"] as const,
  list: (params: ProductListParams) => [...productKeys.all, "list", params] as const,
};

export function productsQueryOptions(params: ProductListParams) {
  return queryOptions({
    queryKey: productKeys.list(params),
    queryFn: () => listProducts(params),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
    // One more try for what may clear up (network, 5xx); a refused or rejected request fails at once.
    retry: (failureCount, error) => error instanceof ApiError && error.isTransient && failureCount < 1,
  });
}

export function useProducts(params: ProductListParams) {
  return useQuery(productsQueryOptions(params));
}
