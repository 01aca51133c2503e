// Prices are DECIMAL(20,6) in Magento, quantities DECIMAL(12,4). Both are carried in whole
// millionths (BigInt), Magento's finest precision, so no value is truncated and a sum of children's
// stock is exact and never picks up float noise.

const SCALE = 6;

export function toUnits(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n;
  const [whole, fraction = ''] = String(value).trim().split('.');
  const negative = whole.startsWith('-');
  const digits = `${whole.replace('-', '') || '0'}${fraction.padEnd(SCALE, '0').slice(0, SCALE)}`;
  const units = BigInt(digits);
  return negative ? -units : units;
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
