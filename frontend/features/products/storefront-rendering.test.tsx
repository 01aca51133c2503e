import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ColorSwatches } from "./color-swatches";
import { ProductImage } from "./product-image";
import { ProductPrice } from "./product-price";
import { ViewInShopLink } from "./view-in-shop-link";

const PHOTO = "https://shop.example/media/catalog/product/m/b/mb01-blue-0.jpg";

describe("ProductImage", () => {
  it("loads the photo lazily in a fixed square, with the alt text given", () => {
    render(<ProductImage url={PHOTO} alt="Front" size={48} />);
    const image = screen.getByRole("img", { name: "Front" });
    expect(image).toHaveAttribute("src", PHOTO);
    expect(image).toHaveAttribute("loading", "lazy");
    expect(image).toHaveAttribute("width", "48");
    expect(image).toHaveAttribute("height", "48");
  });

  it("shows a placeholder of the same size when the photo fails to load", () => {
    render(<ProductImage url={PHOTO} alt="Front" size={48} />);
    fireEvent.error(screen.getByRole("img", { name: "Front" }));

    const placeholder = screen.getByRole("img", { name: "Front: no photo" });
    expect(placeholder.tagName).toBe("SPAN");
    expect(placeholder).toHaveStyle({ width: "48px", height: "48px" });
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows the placeholder when there is no photo, or its URL is not http(s)", () => {
    for (const url of [null, "javascript:alert(1)", "/m/b/mb01.jpg", "data:image/svg+xml,<svg/>"]) {
      const { unmount } = render(<ProductImage url={url} alt="Linen shirt" size={48} />);
      expect(screen.getByRole("img", { name: "Linen shirt: no photo" })).toBeInTheDocument();
      expect(document.querySelector("img")).toBeNull();
      unmount();
    }
  });
});

describe("ProductPrice", () => {
  it("strikes the regular price through beside a lower final price", () => {
    const { container } = render(<ProductPrice price="52.0000" finalPrice="39.0000" currency="EUR" />);
    expect(container).toHaveTextContent("Sale price €39.00 Regular price €52.00");
    expect(container.querySelector("s")).toHaveTextContent("€52.00");
  });

  it("shows one price, nothing struck through, when the final price is not lower", () => {
    for (const finalPrice of ["52.0000", "60.0000", null]) {
      const { container, unmount } = render(<ProductPrice price="52.0000" finalPrice={finalPrice} currency="EUR" />);
      expect(container.querySelector("s")).toBeNull();
      expect(container).toHaveTextContent(finalPrice === "60.0000" ? "€60.00" : "€52.00");
      unmount();
    }
  });
});

describe("ColorSwatches", () => {
  it("paints a hex swatch and names it for screen readers", () => {
    render(<ColorSwatches variants={[{ color: "Blue", swatch: "#1857f7" }]} />);
    const list = screen.getByRole("list", { name: "Colours" });
    const swatch = list.querySelector('[data-slot="swatch"]')!;
    expect(swatch).toHaveStyle({ backgroundColor: "#1857f7" });
    expect(swatch).toHaveTextContent("Blue");
  });

  it("uses no other swatch value as a colour: the colour's name is shown instead", () => {
    const swatches = ["/s/w/blue.png", "blue", "red; background-image: url(https://evil.example/x)", "#12345", null];
    render(<ColorSwatches variants={swatches.map((swatch, i) => ({ color: `Colour ${i}`, swatch }))} />);
    expect(document.querySelector('[data-slot="swatch"]')).toBeNull();
    expect(document.querySelector("[style]")).toBeNull();
    for (let i = 0; i < swatches.length; i++) expect(screen.getByText(`Colour ${i}`)).toBeVisible();
  });
});

describe("ViewInShopLink", () => {
  it("opens the shop's page in a new tab without an opener or referrer", () => {
    render(<ViewInShopLink url="https://shop.example/linen-shirt.html" title="Linen shirt" />);
    const link = screen.getByRole("link", { name: "View in shop: Linen shirt (opens in a new tab)" });
    expect(link).toHaveAttribute("href", "https://shop.example/linen-shirt.html");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("is left out when the URL is not absolute http(s)", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "/linen-shirt.html", "//shop.example/x", "ftp://shop.example/x", null]) {
      const { unmount } = render(<ViewInShopLink url={url} title="Linen shirt" />);
      expect(screen.queryByRole("link")).toBeNull();
      unmount();
    }
  });
});
