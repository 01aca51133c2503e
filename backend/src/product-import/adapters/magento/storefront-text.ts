import { decodeHTML } from 'entities';

/**
 * Text as the storefront shows it: Magento keeps names and labels with HTML entities
 * ("Lumaflex&trade;", "Tops &amp; Tees") and the browser decodes them. Surrounding whitespace is
 * dropped; nothing left means no text.
 */
export function storefrontText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = String(raw);
  // Every entity starts with "&"; most names have none, and decoding is the dearer part of a page's mapping.
  const text = (value.includes('&') ? decodeHTML(value) : value).trim();
  return text === '' ? null : text;
}
