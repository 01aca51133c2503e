import { toUnits } from './decimal';
import type { TierPrice } from './shopper-queries';

/** What can lower a product's regular price for a guest today; dates are "YYYY-MM-DD" or null. */
export interface PriceOffers {
  specialPrice: string | null;
  specialFrom: string | null;
  specialTo: string | null;
  tiers: TierPrice[];
  rulePrice: string | null;
}

/**
 * What a guest pays for one unit today, in decimal units (see decimal.ts): the lowest of the regular price, the
 * special price while its window is open (both bounds are whole days in the store's timezone, the
 * last one included), the tier prices for one unit and the catalog rules' price. Null without a
 * regular price: offers alone are no price.
 */
export function finalPriceUnits(regular: string | null, offers: PriceOffers, today: string): bigint | null {
  if (regular === null || regular === '') return null;
  const price = toUnits(regular);
  const candidates = [price];
  const { specialPrice, specialFrom, specialTo } = offers;
  if (present(specialPrice) && (specialFrom === null || specialFrom <= today) && (specialTo === null || today <= specialTo)) {
    candidates.push(toUnits(specialPrice));
  }
  for (const tier of offers.tiers) candidates.push('percentage' in tier ? percentOff(price, tier.percentage) : toUnits(tier.value));
  if (present(offers.rulePrice)) candidates.push(toUnits(offers.rulePrice));
  return candidates.reduce((lowest, candidate) => (candidate < lowest ? candidate : lowest));
}

const HUNDRED = toUnits('100');
/** Units in 0.0001, the places a percentage price is rounded to. */
const TEN_THOUSANDTH = toUnits('1') / 10_000n;

/** price × (1 − percentage / 100), rounded half up to four places (Magento stores percentages with two). */
export function percentOff(price: bigint, percentage: string): bigint {
  const scaled = price * (HUNDRED - toUnits(percentage));
  const divisor = HUNDRED * TEN_THOUSANDTH;
  const whole = scaled / divisor;
  return (scaled % divisor) * 2n >= divisor ? (whole + 1n) * TEN_THOUSANDTH : whole * TEN_THOUSANDTH;
}

function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}
