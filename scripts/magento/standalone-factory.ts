import { LETTER_SIZES, WAIST_SIZES, COLOR_LABELS } from './attribute-definitions';
import { GEAR, STYLE_GARMENTS, VIRTUAL_ITEMS, type AwkwardProduct, type Garment } from './fashion-vocabulary';
import { categoryKey } from './fashion-categories';
import { skuStock } from './msi-stock';
import type { LegacyStock, ProductRecord, ProductType } from './product-rows';
import {
  addFashionAttributes, addImages, addRichAttributes, addStatus, chooseCategories, description, priceBetween, slug, styleName, TRANSLATION_STORE_ID, ValueSet,
  websitesFor, websitesOffStore1, type GeneratorContext,
} from './product-traits';
import type { BuiltFamily } from './style-factory';

/** Why a visible standalone product is, or is not, on sale in store 1. */
type StandaloneFate =
  | 'eligible' | 'disabled' | 'disabled-in-store' | 'out-of-stock' | 'flagged-out' | 'zero-qty-flagged-in' | 'no-stock-row' | 'msi-only'
  | 'other-website';
const INELIGIBLE_FATES = {
  disabled: 35, 'disabled-in-store': 10, 'out-of-stock': 25, 'flagged-out': 10, 'zero-qty-flagged-in': 5, 'no-stock-row': 5, 'msi-only': 10,
  'other-website': 10,
} as const;

/**
 * A standalone simple or virtual product. Most are visible (2/3/4); a few are simples nobody made
 * visible (1), which no reader should pick up however enabled and stocked they are.
 */
export function buildStandalone(ctx: GeneratorContext, awkward?: AwkwardProduct): BuiltFamily {
  const { rng, metadata } = ctx;
  const awkwardGarment = awkward && [...STYLE_GARMENTS, ...GEAR].find((garment) => garment.noun === awkward.garment);
  const kind = awkwardGarment ? (GEAR.includes(awkwardGarment) ? 'gear' : 'apparel') : rng.weighted({ gear: 65, apparel: 30, virtual: 5 });
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
    // A gift card is named by its value; a service by what it is.
    const amount = item.noun === 'Gift Card' ? ` €${price}` : '';
    values.set('name', `${item.noun}${amount}`);
    if (rng.chance(0.3)) values.set('name', `${item.storeNoun}${amount}`, TRANSLATION_STORE_ID);
    values.set('price', price);
    values.set('url_key', `${slug(item.noun)}-${itemNumber}`);
    categoryIds = item.noun === 'Gift Card' ? [ctx.categoryIds.get(categoryKey(['Gift Cards']))!] : [];
  } else {
    const garment = awkwardGarment ?? (kind === 'gear' ? rng.pick(GEAR) : rng.pick(STYLE_GARMENTS));
    sku = awkward?.sku ?? `${garment.skuPrefix}-${String(itemNumber).padStart(6, '0')}`;
    const { name, firstName } = awkward ? { name: awkward.name, firstName: '' } : styleName(rng, garment.noun);
    values.set('name', name);
    if (!awkward && rng.chance(0.1)) values.set('name', `${firstName} ${garment.storeNoun}`, TRANSLATION_STORE_ID);
    if (rng.chance(0.94)) values.set('price', priceBetween(rng, garment.price));
    if (rng.chance(0.95)) values.set('url_key', `${slug(name) || 'item'}-${itemNumber}`);
    const materials = addFashionAttributes(ctx, values, garment);
    addRichAttributes(ctx, values);
    if (rng.chance(0.75)) values.set('description', description(rng, name, materials));
    addImages(ctx, values, sku, { path: 0.8, noSelection: 0.1 });
    addSizeAndColor(ctx, values, garment);
    categoryIds = chooseCategories(ctx, garment.category);
  }

  values.set('visibility', visibility);
  const legacy = stockFor(ctx, fate);
  addStatus(values, statusFor(ctx, fate));
  const salable = fate === 'msi-only' || (legacy !== null && (legacy.qty ?? 0) > 0 && legacy.isInStock === 1);
  const { stock, sourceItems, reservations } = skuStock(rng, ctx.stockMode, legacy, salable);

  const record: ProductRecord = {
    entityId,
    sku,
    typeId,
    attributeSetId: metadata.productAttributeSetId,
    createdAt,
    updatedAt: ctx.clock.updatedAfter(createdAt, rng),
    values: values.values,
    websiteIds: fate === 'other-website' ? websitesOffStore1(rng) : websitesFor(rng, fate === 'eligible' || fate === 'msi-only'),
    stock,
    categoryIds,
    sourceItems,
    reservations,
  };
  return { records: [record], eligible: fate === 'eligible', msiEligible: fate === 'eligible' || fate === 'msi-only' };
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

/** The planned legacy stock row; msi mode realises the same plan on the MSI tables. */
function stockFor(ctx: GeneratorContext, fate: StandaloneFate | 'invisible'): LegacyStock | null {
  const { rng } = ctx;
  switch (fate) {
    case 'out-of-stock':
    case 'msi-only':
      return { qty: 0, isInStock: 0 };
    case 'flagged-out':
      // The shop switched it to "Out of Stock" although units are left.
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
