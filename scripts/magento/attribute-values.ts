import type { SqlValue } from './bulk-inserter';
import type { AttributeInfo, MagentoMetadata } from './metadata';

/** A value as a fixture writes it: option labels, booleans, numbers or text. */
export type AttributeInput = string | number | boolean | string[] | null;

/** Finds a product attribute by code; throws when the shop does not have it. */
export function productAttribute(metadata: MagentoMetadata, code: string): AttributeInfo {
  const attribute = (metadata.product as Record<string, AttributeInfo | undefined>)[code];
  if (!attribute) throw new Error(`Attribute "${code}" does not exist in this shop`);
  return attribute;
}

/**
 * Turns a label-level value into what Magento stores: a select's option id, a multiselect's
 * comma-joined option ids, 1/0 for a boolean. Unknown labels throw, so a typo in a fixture fails
 * loudly instead of silently writing nothing.
 */
export function encodeAttributeInput(attribute: AttributeInfo, input: AttributeInput): SqlValue {
  if (input === null) return null;
  if (attribute.input === 'boolean') return input ? 1 : 0;
  if (attribute.input === 'multiselect') {
    const labels = Array.isArray(input) ? input : [String(input)];
    return labels.map((label) => optionId(attribute, label)).join(',');
  }
  if (attribute.input === 'select' && Object.keys(attribute.options).length > 0) {
    return optionId(attribute, String(input));
  }
  if (Array.isArray(input) || typeof input === 'boolean') {
    throw new Error(`Attribute "${attribute.code}" (${attribute.input}) cannot store ${JSON.stringify(input)}`);
  }
  return input;
}

function optionId(attribute: AttributeInfo, label: string): number {
  const id = attribute.options[label];
  if (id === undefined) {
    const known = Object.keys(attribute.options).join(', ');
    throw new Error(`Unknown option "${label}" for attribute "${attribute.code}" (known: ${known})`);
  }
  return id;
}
