// Prices are DECIMAL(20,6) in Magento, quantities DECIMAL(12,4). Both are carried in whole
// millionths (BigInt), Magento's finest precision, so no value is truncated and a sum of children's
// stock is exact and never picks up float noise.

const SCALE = 6;

/**
 * Texts already parsed: a page repeats few prices and quantities (a configurable's children share
 * theirs), and parsing one into a BigInt was a tenth of a job's mapping. Bounded: emptied when full.
 */
const parsed = new Map<string, bigint>();
const PARSED_MAX = 4_096;

export function toUnits(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n;
  const text = String(value);
  let units = parsed.get(text);
  if (units === undefined) {
    units = parseUnits(text);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, units);
  }
  return units;
}

function parseUnits(text: string): bigint {
  const [whole, fraction = ''] = text.trim().split('.');
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
