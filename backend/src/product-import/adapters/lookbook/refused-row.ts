import { ProductRecord, RejectedProduct } from '../../domain/product-record';
import { COLUMNS, columnValue } from './product-columns';

/**
 * Why MariaDB refused a row's value, by its error code, in the words the job shows the admin. The
 * server's own text names the database and table (`t_shop`.`products`.`price`), so it is never shown.
 */
const PROBLEMS: Record<string, string> = {
  ER_DATA_TOO_LONG: 'value too long for',
  ER_WARN_DATA_OUT_OF_RANGE: 'value out of range for',
  ER_TRUNCATED_WRONG_VALUE: 'invalid value for',
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: 'invalid value for',
  WARN_DATA_TRUNCATED: 'invalid value for',
  ER_CONSTRAINT_FAILED: 'invalid value for',
  ER_BAD_NULL_ERROR: 'no value for',
};
/** Longer values are cut in the message: enough to recognise one, not a page of it. */
const SHOWN_CHARACTERS = 60;

/** The job's error for a product the Lookbook refused: its SKU, the field, and what Magento holds there. */
export function refusedRow(product: ProductRecord, error: unknown): RejectedProduct {
  return { source_id: product.source_id, sku: product.sku, message: `SKU "${product.sku}": ${reason(product, error)}` };
}

function reason(product: ProductRecord, error: unknown): string {
  const { code, sqlMessage, message } = (error ?? {}) as { code?: string; sqlMessage?: string; message?: string };
  if (code === 'ER_DUP_ENTRY') return 'another Lookbook product holds this SKU';
  const text = sqlMessage ?? message ?? '';
  // The column is the one the server quotes: 'price', `db`.`products`.`price` or `products.attributes`.
  const column = COLUMNS.find((name) => new RegExp(`[\`'.]${name}[\`']`).test(text));
  const problem = code ? PROBLEMS[code] : undefined;
  if (!column || !problem) return `the Lookbook database refused the product (${code ?? 'no error code'})`;
  return `${problem} ${column}, as Magento holds it: ${shown(columnValue(product, column))}`;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  const text = String(value);
  // Numbers (prices and quantities come as decimal strings) as they are, text in quotes.
  if (typeof value !== 'string' || /^-?\d+(\.\d+)?$/.test(text)) return text;
  if (text.length <= SHOWN_CHARACTERS) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, SHOWN_CHARACTERS)}…`)} (${text.length} characters)`;
}
