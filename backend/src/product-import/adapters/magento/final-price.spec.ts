import { PriceOffers, finalPriceUnits, percentOff } from './final-price';
import { fromUnits, toUnits } from './decimal';

const none: PriceOffers = { specialPrice: null, specialFrom: null, specialTo: null, tiers: [], rulePrice: null };
const final = (regular: string | null, offers: Partial<PriceOffers>, today = '2026-12-06') => {
  const units = finalPriceUnits(regular, { ...none, ...offers }, today);
  return units === null ? null : fromUnits(units);
};

describe('final price', () => {
  it('is the regular price when nothing lowers it, and null without a regular price', () => {
    expect(final('52.000000', {})).toBe('52.000000');
    expect(final(null, { specialPrice: '10' })).toBeNull();
  });

  it('takes a special price only within its window, both days included', () => {
    expect(final('52', { specialPrice: '39', specialFrom: '2026-12-06', specialTo: '2026-12-06' })).toBe('39.000000');
    expect(final('52', { specialPrice: '39', specialTo: '2026-12-05' })).toBe('52.000000');
    expect(final('52', { specialPrice: '39', specialFrom: '2026-12-07' })).toBe('52.000000');
    expect(final('52', { specialPrice: '39' })).toBe('39.000000');
  });

  it('keeps Magento\'s six places: a special price of 19.999999 is not truncated', () => {
    expect(final('25', { specialPrice: '19.999999' })).toBe('19.999999');
    expect(final('19.999999', {})).toBe('19.999999');
  });

  it('never raises the price: a special price above the regular one is ignored', () => {
    expect(final('52', { specialPrice: '60' })).toBe('52.000000');
  });

  it('takes the lowest of tier prices, percentages and the rule price', () => {
    expect(final('50', { tiers: [{ value: '45' }, { percentage: '20' }], rulePrice: '42' })).toBe('40.000000');
    expect(final('50', { tiers: [{ value: '45' }], rulePrice: '41.5' })).toBe('41.500000');
  });

  it('rounds a percentage price half up to four places, written at six', () => {
    expect(fromUnits(percentOff(toUnits('19.99'), '33.33'))).toBe('13.327300'); // 13.327333, to four places
    expect(fromUnits(percentOff(toUnits('0.000300'), '50'))).toBe('0.000200'); // 0.00015, to four places
  });
});
