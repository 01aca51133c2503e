import { COLOR_LABELS, LETTER_SIZES, WAIST_SIZES } from './attribute-definitions';
import { STYLE_GARMENTS, type Garment } from './fashion-vocabulary';
import { skuStock } from './msi-stock';
import type { ProductRecord } from './product-rows';
import {
  addFashionAttributes, addImages, addRichAttributes, addStatus, chooseCategories, description, isEnabled, priceBetween, slug, styleName, TRANSLATION_STORE_ID,
  ValueSet, websitesFor, websitesOffStore1, type GeneratorContext,
} from './product-traits';

/** Why a visible configurable style is, or is not, on sale in store 1. */
type StyleFate =
  | 'eligible' | 'disabled' | 'disabled-in-store' | 'sold-out' | 'children-disabled' | 'no-children'
  | 'flagged-out' | 'other-website' | 'children-elsewhere';
const INELIGIBLE_STYLE_FATES = {
  disabled: 40, 'disabled-in-store': 10, 'sold-out': 30, 'children-disabled': 12, 'no-children': 8,
  'flagged-out': 10, 'other-website': 10, 'children-elsewhere': 6,
} as const;

type Status = { admin: 1 | 2; store?: 1 | 2 };

interface ChildPlan {
  size: string;
  color: string;
  status: Status;
  qty: number;
  isInStock: 0 | 1;
  websiteIds: number[];
}

export interface BuiltFamily {
  records: ProductRecord[];
  /** On sale in store 1 by the legacy stock rules, as planned. */
  eligible: boolean;
  /** On sale in store 1 by the MSI rules (msi mode), as planned. */
  msiEligible: boolean;
}

/**
 * A configurable style (visibility Catalog/Search, no qty of its own) with simple children that vary
 * on size and color. Never more than `maxProducts` records, so the catalog hits its count exactly.
 */
export function buildStyle(ctx: GeneratorContext, maxProducts: number): BuiltFamily {
  const { rng, metadata } = ctx;
  const fate: StyleFate = rng.chance(ctx.eligibleShare) ? 'eligible' : rng.weighted(INELIGIBLE_STYLE_FATES);
  const garment = rng.pick(STYLE_GARMENTS);
  const itemNumber = ctx.nextItemNumber();
  const sku = `${garment.skuPrefix}${String(itemNumber).padStart(5, '0')}`;
  const { name, firstName } = styleName(rng, garment.noun);
  const urlKey = `${slug(name)}-${itemNumber}`;
  const entityId = ctx.nextEntityId();
  const createdAt = ctx.clock.createdAt(entityId, rng);
  const onStore1 = fate === 'eligible' || fate === 'flagged-out';
  const websiteIds = fate === 'other-website' ? websitesOffStore1(rng) : websitesFor(rng, onStore1);

  const children = fate === 'no-children' ? [] : planChildren(ctx, garment, fate, websiteIds).slice(0, maxProducts - 1);
  const basePrice = priceBetween(rng, garment.price);

  const values = new ValueSet(metadata);
  values.set('name', name);
  if (rng.chance(0.1)) values.set('name', `${firstName} ${garment.storeNoun}`, TRANSLATION_STORE_ID);
  addStatus(values, parentStatus(ctx, fate));
  values.set('visibility', Number(rng.weighted({ 4: 90, 2: 6, 3: 4 })));
  if (rng.chance(0.55)) values.set('price', basePrice);
  if (rng.chance(0.95)) values.set('url_key', urlKey);
  const materials = addFashionAttributes(ctx, values, garment);
  addRichAttributes(ctx, values);
  if (rng.chance(0.8)) values.set('description', description(rng, name, materials));
  addImages(ctx, values, sku, { path: 0.85, noSelection: 0.08 });

  const parent: ProductRecord = {
    entityId,
    sku,
    typeId: 'configurable',
    attributeSetId: metadata.productAttributeSetId,
    createdAt,
    updatedAt: ctx.clock.updatedAfter(createdAt, rng),
    values: values.values,
    websiteIds,
    // A configurable's own flag: Magento sets it while a child is in stock; the shop may switch it off.
    stock: { qty: 0, isInStock: fate !== 'flagged-out' && children.some((child) => child.qty > 0) ? 1 : 0 },
    categoryIds: chooseCategories(ctx, garment.category),
    superAttributeIds: [metadata.product.size.id, metadata.product.color.id],
  };

  const records = [parent, ...children.map((child) => buildChild(ctx, parent, { name, urlKey, basePrice }, child))];
  return { records, eligible: fate === 'eligible', msiEligible: onStore1 };
}

function parentStatus(ctx: GeneratorContext, fate: StyleFate): Status {
  const { rng } = ctx;
  if (fate === 'disabled') return rng.chance(0.2) ? { admin: 2, store: 2 } : { admin: 2 };
  if (fate === 'disabled-in-store') return { admin: 1, store: 2 };
  // Some styles are switched off globally but on for the store view: still eligible there.
  if (fate === 'eligible' && rng.chance(0.05)) return { admin: 2, store: 1 };
  return rng.chance(0.03) ? { admin: 1, store: 1 } : { admin: 1 };
}

/** Whether a child counts for store 1: enabled there, on website 1, flagged in stock with units. */
const counts = (plan: ChildPlan) => isEnabled(plan.status) && plan.websiteIds.includes(1) && plan.qty > 0 && plan.isInStock === 1;

function planChildren(ctx: GeneratorContext, garment: Garment, fate: StyleFate, parentWebsites: number[]): ChildPlan[] {
  const { rng } = ctx;
  const scale = garment.sizes === 'waist' ? WAIST_SIZES : LETTER_SIZES;
  const { sizes, colors } = ctx.childrenPerStyle ? everySize(ctx, scale, ctx.childrenPerStyle) : sizeRunAndColors(ctx, scale);

  const plans: ChildPlan[] = colors.flatMap((color) => sizes.map((size) => {
    const qty = fate === 'sold-out' || rng.chance(0.15) ? 0 : rng.int(1, 150);
    return {
      size,
      color,
      status: rng.chance(0.05) ? { admin: 2 } : rng.chance(0.03) ? { admin: 1, store: 2 } : { admin: 1 },
      qty,
      // A few children are switched to "Out of Stock" by the shop although units are left.
      isInStock: qty > 0 && !rng.chance(0.03) ? 1 : 0,
      // Children follow their style's websites; a few were left off website 1.
      websiteIds: rng.chance(0.03) ? websitesOffStore1(rng) : parentWebsites,
    } satisfies ChildPlan;
  })).slice(0, ctx.childrenPerStyle);

  if (fate === 'children-disabled') {
    for (const plan of plans) if (plan.qty > 0) plan.status = rng.chance(0.5) ? { admin: 2 } : { admin: 1, store: 2 };
  }
  if (fate === 'children-elsewhere') {
    for (const plan of plans) plan.websiteIds = websitesOffStore1(rng);
  }
  if ((fate === 'eligible' || fate === 'flagged-out') && !plans.some(counts)) {
    Object.assign(plans[0], { status: { admin: 1 }, qty: rng.int(1, 50), isInStock: 1, websiteIds: parentWebsites.includes(1) ? parentWebsites : [1] });
  }
  return plans;
}

/** A run of 3 or more sizes in 1 to 4 colours. */
function sizeRunAndColors({ rng }: GeneratorContext, scale: string[]): { sizes: string[]; colors: string[] } {
  const runLength = rng.int(3, scale.length);
  const firstSize = rng.int(0, scale.length - runLength);
  const colors = rng.sample(COLOR_LABELS, Number(rng.weighted({ 1: 15, 2: 35, 3: 35, 4: 15 })));
  return { sizes: scale.slice(firstSize, firstSize + runLength), colors };
}

/** Every size of the scale in as many colours as `count` children need (the last colour cut short). */
function everySize({ rng }: GeneratorContext, scale: string[], count: number): { sizes: string[]; colors: string[] } {
  return { sizes: scale, colors: rng.sample(COLOR_LABELS, Math.min(COLOR_LABELS.length, Math.ceil(count / scale.length))) };
}

function buildChild(
  ctx: GeneratorContext,
  parent: ProductRecord,
  style: { name: string; urlKey: string; basePrice: number },
  plan: ChildPlan,
): ProductRecord {
  const { rng, metadata } = ctx;
  const sku = `${parent.sku}-${plan.size}-${plan.color}`;
  const values = new ValueSet(metadata);
  values.set('name', `${style.name}-${plan.size}-${plan.color}`);
  addStatus(values, plan.status);
  values.set('visibility', 1);
  values.set('price', style.basePrice + (['XL', 'XXL', '36'].includes(plan.size) ? 5 : 0));
  values.setOptions('size', [plan.size]);
  values.setOptions('color', [plan.color]);
  if (rng.chance(0.7)) values.set('url_key', `${style.urlKey}-${plan.size}-${plan.color}`.toLowerCase());
  addImages(ctx, values, sku, { path: 0.6, noSelection: 0.2 });

  const legacy = { qty: plan.qty, isInStock: plan.isInStock };
  const { stock, sourceItems, reservations } = skuStock(rng, ctx.stockMode, legacy, plan.qty > 0 && plan.isInStock === 1);
  return {
    entityId: ctx.nextEntityId(),
    sku,
    typeId: 'simple',
    attributeSetId: metadata.productAttributeSetId,
    // Children are created together with their style.
    createdAt: parent.createdAt,
    updatedAt: ctx.clock.updatedAfter(parent.createdAt, rng),
    values: values.values,
    websiteIds: plan.websiteIds,
    stock,
    categoryIds: [],
    parentId: parent.entityId,
    sourceItems,
    reservations,
  };
}
