import { LETTER_SIZES, WAIST_SIZES, COLOR_LABELS } from './attribute-definitions';
import { GEAR, SECOND_SOURCE_CODE, STYLE_GARMENTS, VIRTUAL_ITEMS, type Garment } from './fashion-vocabulary';
import { categoryKey } from './fashion-categories';
import type { ProductRecord, ProductType, SourceItem } from './product-rows';
import {
  addFashionAttributes, addImages, addStatus, chooseCategories, description, priceBetween, slug, styleName, ValueSet,
  type GeneratorContext,
} from './product-traits';
import type { BuiltFamily } from './style-factory';

/** Why a visible standalone product is, or is not, eligible (enabled and in stock on store 1). */
type StandaloneFate =
  | 'eligible' | 'disabled' | 'disabled-in-store' | 'out-of-stock' | 'flagged-out' | 'zero-qty-flagged-in' | 'no-stock-row' | 'msi-only';
const INELIGIBLE_FATES = {
  disabled: 35, 'disabled-in-store': 10, 'out-of-stock': 25, 'flagged-out': 10, 'zero-qty-flagged-in': 5, 'no-stock-row': 5, 'msi-only': 10,
} as const;

type Stock = { qty: number; isInStock: 0 | 1 } | null;

/**
 * A standalone simple or virtual product. Most are visible (2/3/4); a few are simples nobody made
 * visible (1), which no reader should pick up however enabled and stocked they are.
 */
export function buildStandalone(ctx: GeneratorContext, awkward?: { sku: string; name: string }): BuiltFamily {
  const { rng, metadata } = ctx;
  const kind = awkward ? 'gear' : rng.weighted({ gear: 65, apparel: 30, virtual: 5 });
  const visibility = awkward ? 4 : rng.chance(0.08) ? 1 : Number(rng.weighted({ 4: 80, 2: 10, 3: 10 }));
  const fate: StandaloneFate | 'invisible' =
    visibility === 1 ? 'invisible' : awkward || rng.chance(ctx.eligibleShare) ? 'eligible' : rng.weighted(INELIGIBLE_FATES);

  const itemNumber = ctx.nextItemNumber();
  const entityId = ctx.nextEntityId();
  const createdAt = ctx.clock.createdAt(entityId, rng);
  const values = new ValueSet(metadata);
  let typeId: ProductType = 'simple';
  let sku: string;
  let categoryIds: number[];

  if (kind === 'virtual') {
    const item = rng.pick(VIRTUAL_ITEMS);
    typeId = 'virtual';
    sku = `${item.skuPrefix}-${String(itemNumber).padStart(6, '0')}`;
    const price = rng.int(item.price[0], item.price[1]);
    values.set('name', `${item.noun} ${price}`);
    if (rng.chance(0.3)) values.set('name', `${item.storeNoun} ${price}`, 1);
    values.set('price', price);
    values.set('url_key', `${slug(item.noun)}-${itemNumber}`);
    categoryIds = item.noun === 'Gift Card' ? [ctx.categoryIds.get(categoryKey(['Gift Cards']))!] : [];
  } else {
    const garment = kind === 'gear' ? rng.pick(GEAR) : rng.pick(STYLE_GARMENTS);
    sku = awkward?.sku ?? `${garment.skuPrefix}-${String(itemNumber).padStart(6, '0')}`;
    const { name, firstName } = awkward ? { name: awkward.name, firstName: '' } : styleName(rng, garment.noun);
    values.set('name', name);
    if (!awkward && rng.chance(0.1)) values.set('name', `${firstName} ${garment.storeNoun}`, 1);
    if (rng.chance(0.94)) values.set('price', priceBetween(rng, garment.price));
    if (rng.chance(0.95)) values.set('url_key', `${slug(name) || 'item'}-${itemNumber}`);
    const materials = addFashionAttributes(ctx, values, garment);
    if (rng.chance(0.75)) values.set('description', description(rng, name, materials));
    addImages(ctx, values, sku, { path: 0.8, noSelection: 0.1 });
    addSizeAndColor(ctx, values, garment);
    categoryIds = chooseCategories(ctx, garment.category);
  }

  values.set('visibility', visibility);
  const stock = stockFor(ctx, fate);
  addStatus(values, statusFor(ctx, fate));

  const record: ProductRecord = {
    entityId,
    sku,
    typeId,
    attributeSetId: metadata.productAttributeSetId,
    createdAt,
    updatedAt: ctx.clock.updatedAfter(createdAt, rng),
    values: values.values,
    stock,
    categoryIds,
    websiteIds: [1],
    sourceItems: sourceItemsFor(ctx, fate, stock),
  };
  return { records: [record], eligible: fate === 'eligible' };
}

function addSizeAndColor(ctx: GeneratorContext, values: ValueSet, garment: Garment): void {
  const { rng } = ctx;
  if (garment.sizes === 'one') {
    if (rng.chance(0.7)) values.setOptions('size', ['One Size']);
  } else {
    values.setOptions('size', [rng.pick(garment.sizes === 'waist' ? WAIST_SIZES : LETTER_SIZES)]);
  }
  if (rng.chance(0.6)) values.setOptions('color', [rng.pick(COLOR_LABELS)]);
}

function statusFor(ctx: GeneratorContext, fate: StandaloneFate | 'invisible'): { admin: 1 | 2; store?: 1 | 2 } {
  const { rng } = ctx;
  if (fate === 'disabled') return rng.chance(0.2) ? { admin: 2, store: 2 } : { admin: 2 };
  if (fate === 'disabled-in-store') return { admin: 1, store: 2 };
  if (fate === 'eligible' && rng.chance(0.05)) return { admin: 2, store: 1 };
  return { admin: 1 };
}

function stockFor(ctx: GeneratorContext, fate: StandaloneFate | 'invisible'): Stock {
  const { rng } = ctx;
  switch (fate) {
    case 'out-of-stock':
    case 'msi-only':
      return { qty: 0, isInStock: 0 };
    case 'flagged-out':
      return { qty: rng.int(1, 50), isInStock: 0 };
    case 'zero-qty-flagged-in':
      return { qty: 0, isInStock: 1 };
    case 'no-stock-row':
      return null;
    case 'invisible': {
      const qty = rng.chance(0.2) ? 0 : rng.int(1, 100);
      return { qty, isInStock: qty > 0 ? 1 : 0 };
    }
    default:
      return { qty: rng.int(1, 300), isInStock: 1 };
  }
}

/** The default source mirrors the legacy stock row; some SKUs also sit in a second warehouse. */
function sourceItemsFor(ctx: GeneratorContext, fate: StandaloneFate | 'invisible', stock: Stock): SourceItem[] {
  if (!stock) return [];
  const items: SourceItem[] = [{ sourceCode: 'default', quantity: stock.qty, status: stock.isInStock }];
  if (fate === 'msi-only') {
    items.push({ sourceCode: SECOND_SOURCE_CODE, quantity: ctx.rng.int(1, 40), status: 1 });
  } else if (ctx.rng.chance(0.1)) {
    const quantity = ctx.rng.int(0, 60);
    items.push({ sourceCode: SECOND_SOURCE_CODE, quantity, status: quantity > 0 ? 1 : 0 });
  }
  return items;
}
