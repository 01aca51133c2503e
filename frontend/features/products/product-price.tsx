import { formatPrice } from "./money";
import { isMarkedDown } from "./storefront";

interface ProductPriceProps {
  price: string | null;
  finalPrice: string | null;
  currency: string;
}

/** What a shopper pays today; the regular price struck through beside it when that is higher. */
export function ProductPrice({ price, finalPrice, currency }: ProductPriceProps) {
  if (!isMarkedDown(price, finalPrice)) return <span className="tabular-nums">{formatPrice(finalPrice ?? price, currency)}</span>;
  return (
    <span className="inline-flex flex-wrap items-baseline justify-end gap-x-1.5 tabular-nums">
      <span className="font-medium">
        <span className="sr-only">Sale price </span>
        {formatPrice(finalPrice, currency)}
      </span>{" "}
      <s className="text-muted-foreground text-xs">
        <span className="sr-only">Regular price </span>
        {formatPrice(price, currency)}
      </s>
    </span>
  );
}
