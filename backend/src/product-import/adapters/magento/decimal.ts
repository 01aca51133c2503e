// Prices are DECIMAL(20,6) in Magento, quantities DECIMAL(12,4). Both are carried in whole
// millionths (BigInt), Magento's finest precision, so no value is truncated and a sum of children's
// stock is exact and never picks up float noise.

const SCALE = 6;

/** Whole digits a plain decimal may have for its units to stay below 2^53 (a double holds them exactly). */
const PLAIN_WHOLE_DIGITS = 9;

export function toUnits(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n;
  if (typeof value === 'string') {
    const units = plainUnits(value);
    if (units !== null) return units;
  }
  const [whole, fraction = ''] = String(value).trim().split('.');
  const negative = whole.startsWith('-');
  const digits = `${whole.replace('-', '') || '0'}${fraction.padEnd(SCALE, '0').slice(0, SCALE)}`;
  const units = BigInt(digits);
  return negative ? -units : units;
}

/**
 * The units of a plain decimal ("59.000000", "12.5", "7"): how the database hands back nearly every
 * price and quantity, read digit by digit, since BigInt() of a text costs several times more (a
 * page reads thousands). Null for anything else (a sign, blanks, more digits), which toUnits reads
 * the general way.
 */
function plainUnits(text: string): bigint | null {
  let units = 0;
  let wholeDigits = 0;
  let places = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && places < 0) {
      places = 0;
      continue;
    }
    if (code < 48 || code > 57) return null;
    if (places < 0) {
      if (++wholeDigits > PLAIN_WHOLE_DIGITS) return null;
    } else if (++places > SCALE) return null;
    units = units * 10 + (code - 48);
  }
  return BigInt(units * 10 ** (SCALE - Math.max(places, 0)));
}

export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const text = `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
  return negative ? `-${text}` : text;
}

/** The decimal at Magento's precision, with six places ("52" → "52.000000"), or null. */
export function normalizeDecimal(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return fromUnits(toUnits(value));
}
