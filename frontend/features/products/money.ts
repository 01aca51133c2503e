// Prices come as the shop stores them ("11.9900") with the page's ISO 4217 currency; quantities
// as numbers that may carry a fraction. Both are shown as a shop would show them.
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** "11.9900" in EUR → "€11.99"; no price → "—". */
export function formatPrice(price: string | null | undefined, currency: string): string {
  if (price === null || price === undefined || price.trim() === "") return "—";
  const amount = Number(price);
  return Number.isFinite(amount) ? moneyFormat(currency).format(amount) : price;
}

// Fractional stock exists (e.g. fabric by the metre); a whole quantity shows no decimals.
const quantityFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** 12 → "12", 1250.5 → "1,250.5". */
export function formatQuantity(quantity: number | string): string {
  const value = Number(quantity);
  return Number.isFinite(value) ? quantityFormat.format(value) : String(quantity);
}
