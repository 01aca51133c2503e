import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { STATE_PATH, makeState, ok, stubBackend } from "@/test/fake-backend";

import { ProductsAdmin } from "./products-admin";

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ProductsAdmin />
    </QueryClientProvider>,
  );
}

describe("Products admin page", () => {
  it("shows the empty state and opens the import dialog from Refresh", async () => {
    stubBackend({
      "GET /api/admin/products": ok({ items: [], total: 0, page: 1, pageSize: 25 }),
      [`GET ${STATE_PATH}`]: ok(makeState()),
    });
    renderPage();

    expect(await screen.findByText("No products yet — use Refresh to import from Magento")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByRole("dialog", { name: "Import Products" })).toBeInTheDocument();
  });

  it("lists a page of products and asks for page 1 with 25 rows", async () => {
    const backend = stubBackend({
      "GET /api/admin/products": ok({
        items: [
          {
            sku: "LB-1",
            source_id: 1,
            title: "Linen shirt",
            price: "49.90",
            size_range: "S–XL",
            color: "Navy",
            stock_qty: 12,
            in_stock: true,
            category: "Shirts",
            image_key: null,
            url_key: null,
            updated_at: "2025-01-01T00:00:00Z",
          },
        ],
        total: 26,
        page: 1,
        pageSize: 25,
      }),
    });
    renderPage();

    expect(await screen.findByText("Linen shirt")).toBeInTheDocument();
    expect(screen.getByText("LB-1")).toBeInTheDocument();
    expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
    expect(backend.calls[0].url).toBe("/api/admin/products?page=1&pageSize=25");
  });

  it("marks products that are no longer on sale", async () => {
    const row = { source_id: 1, title: "Linen shirt", price: "49.90", size_range: null, color: null, category: null, image_key: null, url_key: null, updated_at: "2025-01-01T00:00:00Z" };
    stubBackend({
      "GET /api/admin/products": ok({
        items: [
          { ...row, sku: "ON-SALE", stock_qty: 12, in_stock: true },
          { ...row, sku: "WITHDRAWN", source_id: 2, stock_qty: 0, in_stock: false },
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      }),
    });
    renderPage();

    const withdrawn = (await screen.findByText("WITHDRAWN")).closest("tr")!;
    expect(withdrawn).toHaveTextContent("Not on sale");
    expect(screen.getByText("ON-SALE").closest("tr")).not.toHaveTextContent("Not on sale");
  });
});
