import type { ProductPage } from "@/features/product-import/types";

/**
 * Prices are in the shop's own currency once the shop has said which; until then they are in the
 * SHOP_CURRENCY setting, and the page must say so rather than show money that may be wrong.
 */
export function CurrencyNote({ page }: { page: ProductPage | undefined }) {
  if (!page || page.currency_source !== "setting" || page.items.length === 0) return null;
  return (
    <p role="note" className="text-muted-foreground text-sm">
      Prices are shown in {page.currency}, the SHOP_CURRENCY setting: the shop has not told its currency yet. It is read
      from the shop once its database answers.
    </p>
  );
}
