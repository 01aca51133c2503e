import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { makeProduct, productPage, stubBackend } from "@/test/fake-backend";

import { ProductsAdmin } from "./products-admin";

const MEDIA = "https://shop.example/media/catalog/product";

const hoodie = makeProduct({
  sku: "MH01",
  title: "Chaz Kangeroo Hoodie",
  price: "52.0000",
  final_price: "39.0000",
  color: "Black, Blue",
  images: [
    { url: `${MEDIA}/m/h/mh01-black-0.jpg`, label: "Front", roles: ["image", "small_image", "thumbnail"] },
    { url: `${MEDIA}/m/h/mh01-black-1.jpg`, label: null, roles: [] },
  ],
  image_url: `${MEDIA}/m/h/mh01-black-0.jpg`,
  product_url: "https://shop.example/chaz-kangeroo-hoodie.html",
  variants: [
    { color: "Black", swatch: "#000000", image_url: `${MEDIA}/m/h/mh01-black-0.jpg`, sizes: ["S", "M"], stock_qty: 15, final_price: "39.0000" },
    { color: "Blue", swatch: "#1857f7", image_url: null, sizes: ["L"], stock_qty: 4, final_price: "45.0000" },
  ],
});

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ProductsAdmin />
    </QueryClientProvider>,
  );
}

/** A window as narrow as a phone's (390 px): every min-width query fails. */
function phoneWidth() {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }));
}

describe("Products as the shop shows them", () => {
  it("shows each row's thumbnail, today's price beside the struck regular one, swatches and the shop link", async () => {
    stubBackend({ "GET /api/admin/products": productPage([hoodie], "EUR") });
    renderPage();

    const row = (await screen.findByText("MH01")).closest("tr")!;
    expect(within(row).getByRole("img", { name: "Front" })).toHaveAttribute("src", `${MEDIA}/m/h/mh01-black-0.jpg`);
    expect(row.querySelector("s")).toHaveTextContent("€52.00");
    expect(row).toHaveTextContent("€39.00");
    const colours = within(row).getByRole("list", { name: "Colours" });
    expect(within(colours).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Black", "Blue"]);
    expect(within(row).getByRole("link", { name: /View in shop/ })).toHaveAttribute("href", "https://shop.example/chaz-kangeroo-hoodie.html");
  });

  it("opens a product's detail from its row, with the gallery and a line per colour", async () => {
    stubBackend({ "GET /api/admin/products": productPage([hoodie], "EUR") });
    renderPage();

    await userEvent.click(await screen.findByText("MH01"));
    const detail = await screen.findByRole("dialog", { name: "Chaz Kangeroo Hoodie" });
    const photos = within(detail).getByRole("list", { name: "Photos" });
    expect(within(photos).getAllByRole("img").map((image) => image.getAttribute("alt"))).toEqual(["Chaz Kangeroo Hoodie, Front", "Chaz Kangeroo Hoodie"]);
    expect(photos).toHaveTextContent("Base image, Small image, Thumbnail");
    const variants = within(within(detail).getByRole("list", { name: "Variants" })).getAllByRole("listitem");
    expect(variants.map((line) => line.textContent)).toEqual(["BlackSizes S, M15 in stock€39.00", "BlueSizes L4 in stock€45.00"]);
    expect(within(variants[1]).getByRole("img", { name: "Chaz Kangeroo Hoodie in Blue: no photo" })).toBeInTheDocument();

    await userEvent.click(within(detail).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("names the thumbnail by the product's title when its photo has no label, and opens no detail from View in shop", async () => {
    stubBackend({ "GET /api/admin/products": productPage([{ ...hoodie, images: [{ ...hoodie.images[0], label: null }] }], "EUR") });
    renderPage();

    const row = (await screen.findByText("MH01")).closest("tr")!;
    expect(within(row).getByRole("img", { name: "Chaz Kangeroo Hoodie" })).toBeInTheDocument();
    within(row).getByRole("link", { name: /View in shop/ }).addEventListener("click", (event) => event.preventDefault());
    await userEvent.click(within(row).getByRole("link", { name: /View in shop/ }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("opens the detail from the keyboard through the product's title", async () => {
    stubBackend({ "GET /api/admin/products": productPage([hoodie], "EUR") });
    renderPage();

    (await screen.findByRole("button", { name: "Chaz Kangeroo Hoodie" })).focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("dialog", { name: "Chaz Kangeroo Hoodie" })).toBeInTheDocument();
  });

  it("lists cards rather than a table on a phone", async () => {
    phoneWidth();
    stubBackend({ "GET /api/admin/products": productPage([hoodie], "EUR") });
    renderPage();

    const cards = await screen.findByRole("list", { name: "Products" });
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    const card = within(cards).getAllByRole("listitem")[0];
    expect(within(card).getByRole("img", { name: "Front" })).toBeInTheDocument();
    expect(card.querySelector("s")).toHaveTextContent("€52.00");
    expect(within(card).getByRole("link", { name: /View in shop/ })).toBeInTheDocument();
  });
});
