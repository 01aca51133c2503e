// The rules for showing shop data. Everything here comes from the shop's database as it is: a URL
// may be `javascript:…` or relative, a swatch may be a file name or a word. Such values are shown as
// text, never used as a link, an image source or a colour.
import type { Product } from "@/features/product-import/types";

/** The URL when it is absolute http(s), else null. */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// #rgb, #rgba, #rrggbb, #rrggbbaa: what Magento's hex swatches hold. Anything else is not a colour.
const HEX_COLOUR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** The swatch as a CSS colour when it is a hex colour, else null. */
export function hexColour(swatch: string | null | undefined): string | null {
  const value = swatch?.trim();
  return value && HEX_COLOUR.test(value) ? value : null;
}

/** True when the price a shopper pays today is below the regular price. */
export function isMarkedDown(price: string | null, finalPrice: string | null): boolean {
  if (price === null || finalPrice === null) return false;
  const regular = Number(price);
  const final = Number(finalPrice);
  return Number.isFinite(regular) && Number.isFinite(final) && final < regular;
}

/** The thumbnail's alt text: the label of the gallery image it shows, else the product's title. */
export function thumbnailAlt(product: Pick<Product, "title" | "images" | "image_url">): string {
  const label = product.images.find((image) => image.url === product.image_url)?.label?.trim();
  return label || product.title;
}
