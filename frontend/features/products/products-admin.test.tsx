import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { STATE_PATH, makeProduct, makeState, ok, productPage, stubBackend } from "@/test/fake-backend";

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
      "GET /api/admin/products": ok({ items: [], total: 0, page: 1, pageSize: 25, currency: "USD" }),
      [`GET ${STATE_PATH}`]: ok(makeState()),
    });
    renderPage();

    expect(await screen.findByText("No products yet — use Refresh to import from Magento")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByRole("dialog", { name: "Import Products" })).toBeInTheDocument();
  });

  it("lists a page of products and asks for page 1 with 25 rows", async () => {
    const backend = stubBackend({
      "GET /api/admin/products": ok({ items: [makeProduct()], total: 26, page: 1, pageSize: 25, currency: "USD" }),
    });
    renderPage();

    expect(await screen.findByText("Linen shirt")).toBeInTheDocument();
    expect(screen.getByText("LB-1")).toBeInTheDocument();
    expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
    expect(backend.calls[0].url).toBe("/api/admin/products?page=1&pageSize=25");
  });

  it("marks products that are no longer on sale", async () => {
    stubBackend({
      "GET /api/admin/products": productPage([
        makeProduct({ sku: "ON-SALE", stock_qty: 12, in_stock: true }),
        makeProduct({ sku: "WITHDRAWN", source_id: 2, stock_qty: 0, in_stock: false }),
      ]),
    });
    renderPage();

    const withdrawn = (await screen.findByText("WITHDRAWN")).closest("tr")!;
    expect(withdrawn).toHaveTextContent("Not on sale");
    expect(screen.getByText("ON-SALE").closest("tr")).not.toHaveTextContent("Not on sale");
  });

  it("shows prices in the shop's currency with two decimals, and quantities without trailing zeros", async () => {
    stubBackend({
      "GET /api/admin/products": productPage(
        [
          makeProduct({ sku: "LB-1", price: "11.9900", final_price: "11.9900", stock_qty: 12 }),
          makeProduct({ sku: "LB-2", price: "1250.5000", final_price: "1250.5000", stock_qty: 1250.5 }),
          makeProduct({ sku: "LB-3", price: null, final_price: null, stock_qty: 0, in_stock: false }),
        ],
        "EUR",
      ),
    });
    renderPage();

    const cells = async (sku: string) => within((await screen.findByText(sku)).closest("tr")!).getAllByRole("cell").map((cell) => cell.textContent);
    expect(await cells("LB-1")).toEqual(["", "LB-1", "Linen shirtNavy", "€11.99", "S–XL", "12", "Shirts", ""]);
    expect(await cells("LB-2")).toEqual(["", "LB-2", "Linen shirtNavy", "€1,250.50", "S–XL", "1,250.5", "Shirts", ""]);
    expect(await cells("LB-3")).toEqual(["", "LB-3", "Linen shirtNavy", "—", "S–XL", "0Not on sale", "Shirts", ""]);
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
  });

  it("says when prices are in the SHOP_CURRENCY setting because the shop has never told its currency", async () => {
    stubBackend({ "GET /api/admin/products": productPage([makeProduct({ price: "11.9900", final_price: "11.9900" })], "USD", "setting") });
    renderPage();

    expect(await screen.findByText("$11.99")).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent("Prices are shown in USD, the SHOP_CURRENCY setting: the shop has not told its currency yet.");
  });
});
