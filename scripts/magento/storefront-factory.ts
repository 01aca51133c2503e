import { WEBSITES, type MagentoMetadata } from './metadata';
import type { EavValue, ProductRecord } from './product-rows';
import type { SeededRandom } from './random';
import { addDays } from './storefront-config';
import { GENERAL_GROUP, GUEST_GROUP, type GalleryEntry, type GalleryValue, type RulePrice, type TierPrice, type UrlRewrite } from './storefront-model';

/** What the storefront generator needs; it draws from its own random stream, so the catalog is otherwise unchanged. */
export interface StorefrontContext {
  rng: SeededRandom;
  metadata: MagentoMetadata;
  /** Store 1's date today ('YYYY-MM-DD' in its timezone): sale windows and rule dates are relative to it. */
  today: string;
  nextGalleryValueId(): number;
  nextRewriteId(): number;
}

const { base, second } = WEBSITES;
const LABELS = ['Front', 'Back', 'Detail', 'Worn', 'Side', null] as const;

/** The value a record stores for an attribute in a store (exactly that store's row, no fallback). */
export function storedValue(values: EavValue[], code: string, storeId = 0): EavValue['value'] | undefined {
  return values.find((value) => value.attribute.code === code && value.storeId === storeId)?.value;
}

/**
 * Gives a generated product its storefront: gallery (store overrides, hidden images, videos),
 * swatch role and store-1 role overrides, sale price and window, tier prices, catalog rule prices
 * and URL rewrites, each case in a share of the catalog. Appends EAV values to record.values, so
 * it must run before the record is staged.
 */
export function addStorefront(sf: StorefrontContext, record: ProductRecord): void {
  const isChild = record.parentId !== undefined;
  const gallery = buildGallery(sf, record, isChild);
  addRoles(sf, record, gallery);
  const price = storedValue(record.values, 'price');
  const priced = typeof price === 'number' && record.typeId !== 'configurable';
  if (priced) addSpecialPrice(sf, record, price);
  record.storefront = {
    galleryAttributeId: sf.metadata.product.media_gallery.id,
    gallery,
    tierPrices: priced && sf.rng.chance(0.25) ? tierPrices(sf, price) : [],
    rulePrices: priced && sf.rng.chance(0.2) ? rulePrices(sf, price) : [],
    urlRewrites: isChild ? [] : urlRewrites(sf, record),
  };
}

function set(sf: StorefrontContext, record: ProductRecord, code: keyof MagentoMetadata['product'], value: string | number, storeId = 0): void {
  const attribute = sf.metadata.product[code];
  if (attribute) record.values.push({ attribute, storeId, value });
}

const money = (amount: number) => Math.round(amount * 100) / 100;

function buildGallery(sf: StorefrontContext, record: ProductRecord, isChild: boolean): GalleryEntry[] {
  const { rng } = sf;
  const base = storedValue(record.values, 'image');
  const main = typeof base === 'string' && base !== 'no_selection' ? base : null;
  // Products without a base image mostly have no gallery either; some have photos but no roles.
  if (!main && !rng.chance(0.3)) return [];
  const stem = (main ?? `/${record.sku.slice(0, 1)}/${record.sku.slice(1, 2)}/${record.sku}.jpg`).toLowerCase().replace(/\.jpg$/, '').replace(/[^a-z0-9/_-]/g, '_');
  const extras = isChild ? rng.int(0, 1) : rng.int(0, 3);
  const files = [...(main ? [main] : [`${stem}-0.jpg`]), ...Array.from({ length: extras }, (_, i) => `${stem}-${i + 1}.jpg`)];
  const entries: GalleryEntry[] = files.map((file, index) => ({
    valueId: sf.nextGalleryValueId(),
    file,
    mediaType: 'image',
    // A few entries carry the gallery row's own flag.
    disabled: rng.chance(0.02) ? 1 : 0,
    values: [{ storeId: 0, label: rng.pick(LABELS), position: rng.chance(0.06) ? null : index + 1, disabled: rng.chance(0.08) ? 1 : 0 }],
  }));
  for (const entry of entries) {
    if (rng.chance(0.15)) entry.values.push(storeOverride(rng));
    if (rng.chance(0.05)) entry.values.push({ storeId: second.storeId, label: 'Vorderseite', position: 0, disabled: 0 });
  }
  if (!isChild && rng.chance(0.08)) {
    entries.push({
      valueId: sf.nextGalleryValueId(),
      file: `${stem}-video.jpg`,
      mediaType: 'external-video',
      disabled: 0,
      values: [{ storeId: 0, label: 'Video', position: 0, disabled: 0 }],
    });
  }
  return entries;
}

/** A store-1 row over the admin row: a label, a new place (ties and all), or hidden in that store only. */
function storeOverride(rng: SeededRandom): GalleryValue {
  const kind = rng.weighted({ label: 40, moveFirst: 20, moveLast: 15, hide: 25 });
  if (kind === 'label') return { storeId: base.storeId, label: 'Front view', position: null, disabled: 0 };
  if (kind === 'moveFirst') return { storeId: base.storeId, label: null, position: 1, disabled: 0 };
  if (kind === 'moveLast') return { storeId: base.storeId, label: null, position: 99, disabled: 0 };
  return { storeId: base.storeId, label: null, position: null, disabled: 1 };
}

/** The swatch role and store-1 base-image overrides (image, small_image and thumbnail come from product-traits). */
function addRoles(sf: StorefrontContext, record: ProductRecord, gallery: GalleryEntry[]): void {
  const { rng } = sf;
  const images = gallery.filter((entry) => entry.mediaType === 'image');
  if (images.length > 0) {
    const roll = rng.next();
    if (roll < 0.3) set(sf, record, 'swatch_image', rng.pick(images).file);
    else if (roll < 0.4) set(sf, record, 'swatch_image', 'no_selection');
  }
  if (images.length > 1 && rng.chance(0.08)) set(sf, record, 'image', images[images.length - 1].file, base.storeId);
  else if (images.length > 0 && rng.chance(0.03)) set(sf, record, 'image', 'no_selection', base.storeId);
}

/**
 * A sale price and its window, relative to store 1's today: open, closed, opening tomorrow, opening
 * or ending today (which the UTC date puts a day off), without dates, above the price, or
 * overridden for store 1.
 */
function addSpecialPrice(sf: StorefrontContext, record: ProductRecord, price: number): void {
  const { rng, today } = sf;
  const kind = rng.weighted({
    none: 50, open: 8, closed: 6, opensTomorrow: 6, endsToday: 6, opensToday: 5, endedYesterday: 4, noDates: 4, onlyFrom: 3, untilLater: 3,
    aboveRegular: 2, storeOverride: 3,
  });
  if (kind === 'none') return;
  const day = (offset: number) => `${addDays(today, offset)} 00:00:00`;
  const special = kind === 'aboveRegular' ? money(price * 1.1) : money(price * (0.6 + rng.int(0, 30) / 100));
  set(sf, record, 'special_price', special);
  const window: Record<typeof kind, [number | null, number | null]> = {
    open: [-10, 10], closed: [-20, -2], opensTomorrow: [1, 15], endsToday: [-5, 0], opensToday: [0, 7], endedYesterday: [-6, -1],
    noDates: [null, null], onlyFrom: [-3, null], untilLater: [null, 4], aboveRegular: [-1, 1], storeOverride: [-2, 2],
  };
  const [from, to] = window[kind];
  if (from !== null) set(sf, record, 'special_from_date', day(from));
  if (to !== null) set(sf, record, 'special_to_date', day(to));
  if (kind === 'storeOverride') set(sf, record, 'special_price', money(special * 0.9), base.storeId);
}

/** Tier prices of every kind: guests and all groups (counted), another group, qty > 1, another website (not). */
function tierPrices(sf: StorefrontContext, price: number): TierPrice[] {
  const { rng } = sf;
  const tier = (allGroups: 0 | 1, customerGroupId: number, qty: number, value: number, websiteId: number, percentageValue: number | null = null): TierPrice =>
    ({ allGroups, customerGroupId, qty, value: money(value), websiteId, percentageValue });
  const kinds: TierPrice[] = [
    tier(1, 0, 1, price * 0.95, 0),
    tier(0, GUEST_GROUP, 1, price * 0.93, base.websiteId),
    tier(0, GENERAL_GROUP, 1, price * 0.5, 0),
    tier(1, 0, 5, price * 0.6, 0),
    tier(1, 0, 1, 0, base.websiteId, rng.pick([12.5, 7.35, 33.33, 15])),
    tier(1, 0, 1, price * 0.55, second.websiteId),
  ];
  return rng.sample(kinds, rng.int(1, 3));
}

/** The rule index's rows around today (yesterday and tomorrow cheaper, as traps), another group, another website. */
function rulePrices(sf: StorefrontContext, price: number): RulePrice[] {
  const { rng, today } = sf;
  const rule = (offset: number, customerGroupId: number, websiteId: number, factor: number): RulePrice =>
    ({ ruleDate: addDays(today, offset), customerGroupId, websiteId, price: money(price * factor) });
  const kind = rng.weighted({ threeDays: 40, todayOnly: 15, notToday: 15, otherGroup: 15, otherWebsite: 15 });
  if (kind === 'threeDays') return [rule(-1, GUEST_GROUP, base.websiteId, 0.5), rule(0, GUEST_GROUP, base.websiteId, 0.85), rule(1, GUEST_GROUP, base.websiteId, 0.45)];
  if (kind === 'todayOnly') return [rule(0, GUEST_GROUP, base.websiteId, 0.8)];
  if (kind === 'notToday') return [rule(-1, GUEST_GROUP, base.websiteId, 0.5), rule(1, GUEST_GROUP, base.websiteId, 0.5)];
  if (kind === 'otherGroup') return [rule(0, GENERAL_GROUP, base.websiteId, 0.3), rule(0, GUEST_GROUP, base.websiteId, 0.9)];
  return [rule(0, GUEST_GROUP, second.websiteId, 0.3)];
}

/**
 * URL rewrites of a visible product: its own path (sometimes two, the older one first), paths under
 * its categories (with metadata), a 301 from an old path, the second store's; some products have
 * none, or only redirects and category paths, and fall back to url_key + suffix.
 */
function urlRewrites(sf: StorefrontContext, record: ProductRecord): UrlRewrite[] {
  const { rng } = sf;
  if (storedValue(record.values, 'visibility') === 1) return [];
  const urlKey = storedValue(record.values, 'url_key');
  const target = `catalog/product/view/id/${record.entityId}`;
  const rewrite = (storeId: number, requestPath: string, redirectType: 0 | 301 = 0, metadata: string | null = null, targetPath = target): UrlRewrite =>
    ({ urlRewriteId: sf.nextRewriteId(), storeId, requestPath, targetPath, redirectType, metadata });
  if (typeof urlKey !== 'string') return rng.chance(0.3) ? [rewrite(base.storeId, `p${record.entityId}.html`)] : [];
  const kind = rng.weighted({ standard: 60, twoOwn: 10, redirectsOnly: 10, none: 20 });
  if (kind === 'none') return [];
  const own = `${urlKey}.html`;
  const rows: UrlRewrite[] = [];
  if (kind === 'twoOwn') rows.push(rewrite(base.storeId, `${urlKey}-${record.entityId}.html`));
  if (kind !== 'redirectsOnly') rows.push(rewrite(base.storeId, own));
  for (const categoryId of record.categoryIds) {
    rows.push(rewrite(base.storeId, `category-${categoryId}/${urlKey}.html`, 0, JSON.stringify({ category_id: String(categoryId) })));
  }
  if (kind === 'redirectsOnly' || rng.chance(0.2)) rows.push(rewrite(base.storeId, `${urlKey}-old.html`, 301, null, own));
  if (record.websiteIds.includes(second.websiteId)) rows.push(rewrite(second.storeId, `${urlKey}/`));
  return rows;
}
