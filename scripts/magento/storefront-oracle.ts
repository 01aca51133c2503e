import { PRODUCT_ATTRIBUTES } from './attribute-definitions';
import { WEBSITES, type MagentoMetadata } from './metadata';
import type { ProductRecord } from './product-rows';
import { dateInZone, type ConfigRow, type SwatchRow } from './storefront-config';
import { storedValue } from './storefront-factory';
import { GUEST_GROUP, type GalleryEntry } from './storefront-model';

/**
 * What the Lookbook must show for a product (final price, photos, links, colours), computed from
 * what the generator wrote (its model), by the rules of issue 20, in plain TypeScript: the tests'
 * oracle, which shares nothing with the importer's SQL.
 */

/** Everything a generated shop holds that the storefront fields depend on. */
export interface ShopModel {
  metadata: MagentoMetadata;
  config: ConfigRow[];
  swatches: SwatchRow[];
  /** Every product by entity_id, with its values in force, gallery, prices and rewrites. */
  products: Map<number, ProductRecord>;
  /** A configurable's children by its entity_id; absent: each child's parentId says. */
  children?: Map<number, number[]>;
}

export const IMAGE_ROLES = ['image', 'small_image', 'thumbnail', 'swatch_image'] as const;
export type ImageRole = (typeof IMAGE_ROLES)[number];

export interface ExpectedImage {
  url: string;
  label: string | null;
  roles: ImageRole[];
}

export interface ExpectedVariant {
  color: string;
  swatch: string | null;
  image_url: string | null;
  sizes: string[];
  stock_qty: number;
  final_price: string | null;
}

export type PriceSource = 'price' | 'special' | 'tier' | 'tier-percentage' | 'rule';

export interface ExpectedStorefront {
  final_price: string | null;
  images: ExpectedImage[];
  image_url: string | null;
  product_url: string | null;
  variants: ExpectedVariant[];
}

const STORES = [
  { storeId: 0, code: 'admin', websiteId: 0 },
  ...Object.values(WEBSITES).map((website) => ({ storeId: website.storeId, code: website.storeCode, websiteId: website.websiteId })),
];

/** Prices in units of 0.0001, so every comparison and rounding is exact. */
const toUnits = (amount: number) => Math.round(amount * 10_000);
/** As the Lookbook writes prices: Magento's six places (the generator's prices have at most four). */
const formatUnits = (units: number) => `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}00`;

interface OptionInfo {
  label: string;
  sortOrder: number;
  storeLabels: Record<number, string>;
}

export class StorefrontOracle {
  readonly today: string;
  readonly timezone: string;
  readonly linkBase: string;
  readonly mediaBase: string;
  readonly websiteId: number;
  private readonly options = new Map<number, OptionInfo>();
  private readonly childrenOf = new Map<number, ProductRecord[]>();

  /**
   * @param sellable simple products the store sells (enabled there, in its website, in stock), with
   *   their stock quantity: a configurable's counted children are its children among them.
   */
  constructor(
    private readonly model: ShopModel,
    readonly storeId: number,
    private readonly sellable: Map<number, number>,
    now = new Date(),
  ) {
    const store = STORES.find((candidate) => candidate.storeId === storeId);
    if (!store) throw new Error(`Store ${storeId} is not one of the generated shop's`);
    this.websiteId = store.websiteId;
    this.timezone = this.knownTimezone(this.config('general/locale/timezone'));
    this.today = dateInZone(now, this.timezone);

    const secure = this.config('web/secure/use_in_frontend') === '1';
    const section = secure ? 'web/secure/' : 'web/unsecure/';
    const baseUrl = this.resolve(this.config(`${section}base_url`) ?? '', '');
    const resolve = (raw: string | undefined) => (raw === undefined ? undefined : this.resolve(raw, baseUrl));
    let linkBase = resolve(this.config(`${section}base_link_url`)) ?? baseUrl;
    if (this.config('web/seo/use_rewrites') === '0') linkBase += 'index.php/';
    if (this.config('web/url/use_store') === '1') linkBase += `${store.code}/`;
    this.linkBase = linkBase;
    this.mediaBase = resolve(this.config(`${section}base_media_url`)) ?? `${baseUrl}media/`;

    this.indexOptions();
    for (const [parentId, childIds] of model.children ?? []) this.childrenOf.set(parentId, childIds.map((id) => this.product(id)));
    for (const record of model.children ? [] : model.products.values()) {
      if (record.parentId === undefined) continue;
      const siblings = this.childrenOf.get(record.parentId) ?? [];
      siblings.push(record);
      this.childrenOf.set(record.parentId, siblings);
    }
  }

  /** The five storefront fields of a product, as the Lookbook must hold them for this store. */
  expected(entityId: number): ExpectedStorefront {
    const record = this.product(entityId);
    const images = this.images(record);
    const configurable = record.typeId === 'configurable';
    const counted = configurable ? this.countedChildren(record) : [];
    return {
      final_price: configurable ? this.lowest(counted.map((child) => this.finalPrice(child))) : this.finalPrice(record),
      images,
      image_url: this.baseImageUrl(record, images) ?? images[0]?.url ?? this.firstChildImage(counted),
      product_url: this.productUrl(record),
      variants: configurable ? this.variants(counted) : [],
    };
  }

  /** A config value by the scope chain: the store's row, else its website's, else the default's. */
  config(path: string): string | undefined {
    const find = (scope: ConfigRow['scope'], scopeId: number) =>
      this.model.config.find((row) => row.path === path && row.scope === scope && row.scopeId === scopeId && row.value !== null)?.value ?? undefined;
    return find('stores', this.storeId) ?? find('websites', this.websiteId) ?? find('default', 0);
  }

  private knownTimezone(name: string | undefined): string {
    if (!name) return 'UTC';
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      return name;
    } catch {
      return 'UTC';
    }
  }

  private resolve(raw: string, baseUrl: string): string {
    return raw
      .replaceAll('{{secure_base_url}}', this.config('web/secure/base_url') ?? '')
      .replaceAll('{{unsecure_base_url}}', this.config('web/unsecure/base_url') ?? '')
      .replaceAll('{{base_url}}', baseUrl);
  }

  private product(entityId: number): ProductRecord {
    const record = this.model.products.get(entityId);
    if (!record) throw new Error(`Product ${entityId} is not in the model`);
    return record;
  }

  /** The store's value, else the admin value. */
  private value(record: ProductRecord, code: string): string | number | null | undefined {
    return storedValue(record.values, code, this.storeId) ?? storedValue(record.values, code, 0);
  }

  private countedChildren(record: ProductRecord): ProductRecord[] {
    return (this.childrenOf.get(record.entityId) ?? []).filter((child) => this.counts(child)).sort((a, b) => a.entityId - b.entityId);
  }

  /** Whether a child counts for its configurable: the store sells it (enabled there, in its website, in stock). */
  counts(child: ProductRecord): boolean {
    return this.sellable.has(child.entityId);
  }

  /** What a guest pays for one unit today: the lowest of price, special price, tier price and rule price. */
  finalPrice(record: ProductRecord): string | null {
    return this.priceCandidates(record)?.sort((a, b) => a.units - b.units)[0].formatted ?? null;
  }

  /** Which candidate gives the final price (the first of equals in the order price, special, tier, rule). */
  priceSource(record: ProductRecord): PriceSource | null {
    const candidates = this.priceCandidates(record);
    if (!candidates) return null;
    const lowest = Math.min(...candidates.map((candidate) => candidate.units));
    return candidates.find((candidate) => candidate.units === lowest)!.source;
  }

  private priceCandidates(record: ProductRecord): Array<{ source: PriceSource; units: number; formatted: string }> | null {
    const price = this.value(record, 'price');
    if (typeof price !== 'number') return null;
    const units = toUnits(price);
    const candidates: Array<{ source: PriceSource; units: number }> = [{ source: 'price', units }];
    const special = this.value(record, 'special_price');
    const day = (code: string) => {
      const date = this.value(record, code);
      return typeof date === 'string' ? date.slice(0, 10) : undefined;
    };
    // Either bound may be missing; the to-date counts through its whole day.
    const inWindow = (day('special_from_date') ?? this.today) <= this.today && this.today <= (day('special_to_date') ?? this.today);
    if (typeof special === 'number' && inWindow) candidates.push({ source: 'special', units: toUnits(special) });
    for (const tier of record.storefront?.tierPrices ?? []) {
      const forGuests = tier.allGroups === 1 || tier.customerGroupId === GUEST_GROUP;
      if (tier.qty > 1 || !forGuests || (tier.websiteId !== 0 && tier.websiteId !== this.websiteId)) continue;
      if (tier.percentageValue === null) candidates.push({ source: 'tier', units: toUnits(tier.value) });
      // price × (1 − percentage / 100), rounded half up to 4 places.
      else candidates.push({ source: 'tier-percentage', units: Math.floor((units * (10_000 - Math.round(tier.percentageValue * 100)) + 5_000) / 10_000) });
    }
    for (const rule of record.storefront?.rulePrices ?? []) {
      if (rule.ruleDate === this.today && rule.customerGroupId === GUEST_GROUP && rule.websiteId === this.websiteId) {
        candidates.push({ source: 'rule', units: toUnits(rule.price) });
      }
    }
    return candidates.map((candidate) => ({ ...candidate, formatted: formatUnits(candidate.units) }));
  }

  private lowest(prices: Array<string | null>): string | null {
    const known = prices.filter((price): price is string => price !== null);
    return known.length === 0 ? null : known.reduce((low, price) => (Number(price) < Number(low) ? price : low));
  }

  /** The gallery as the store shows it: images not hidden, the store's row over the admin row field by field. */
  images(record: ProductRecord): ExpectedImage[] {
    const shown = (record.storefront?.gallery ?? [])
      .filter((entry) => entry.mediaType === 'image' && entry.disabled === 0)
      .map((entry) => ({ entry, ...this.galleryValue(entry) }))
      .filter((image) => image.disabled === 0)
      .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.entry.valueId - b.entry.valueId);
    return shown.map(({ entry, label }) => ({
      url: this.imageUrl(entry.file),
      label,
      roles: IMAGE_ROLES.filter((role) => this.value(record, role) === entry.file),
    }));
  }

  private galleryValue(entry: GalleryEntry): { label: string | null; position: number | null; disabled: 0 | 1 } {
    const admin = entry.values.find((value) => value.storeId === 0);
    const store = entry.values.find((value) => value.storeId === this.storeId);
    return {
      label: store?.label ?? admin?.label ?? null,
      position: store?.position ?? admin?.position ?? null,
      disabled: store ? store.disabled : (admin?.disabled ?? 0),
    };
  }

  private imageUrl(file: string): string {
    return `${this.mediaBase}catalog/product${file}`;
  }

  /** The base image's URL when it is shown. */
  private baseImageUrl(record: ProductRecord, images = this.images(record)): string | null {
    const file = this.value(record, 'image');
    if (typeof file !== 'string' || file === 'no_selection') return null;
    return images.find((image) => image.url === this.imageUrl(file))?.url ?? null;
  }

  private firstChildImage(children: ProductRecord[]): string | null {
    for (const child of children) {
      const url = this.baseImageUrl(child);
      if (url) return url;
    }
    return null;
  }

  private productUrl(record: ProductRecord): string {
    const rewrite = (record.storefront?.urlRewrites ?? [])
      .filter((row) => row.storeId === this.storeId && row.redirectType === 0 && row.metadata === null)
      .sort((a, b) => a.urlRewriteId - b.urlRewriteId)[0];
    if (rewrite) return `${this.linkBase}${rewrite.requestPath}`;
    const urlKey = this.value(record, 'url_key');
    if (typeof urlKey === 'string' && urlKey !== '') return `${this.linkBase}${urlKey}${this.config('catalog/seo/product_url_suffix') ?? '.html'}`;
    return `${this.linkBase}catalog/product/view/id/${record.entityId}`;
  }

  /** One entry per colour of the counted children, in the colour options' order. */
  private variants(children: ProductRecord[]): ExpectedVariant[] {
    const byColor = new Map<number, ProductRecord[]>();
    for (const child of children) {
      const color = this.value(child, 'color');
      if (typeof color !== 'number') continue;
      byColor.set(color, [...(byColor.get(color) ?? []), child]);
    }
    return [...byColor.entries()].sort(([a], [b]) => this.compareOptions(a, b)).map(([colorId, group]) => {
      const sizeIds = [...new Set(group.map((child) => this.value(child, 'size')).filter((id): id is number => typeof id === 'number'))];
      return {
        color: this.optionLabel(colorId),
        swatch: this.swatch(colorId),
        image_url: this.firstChildImage(group),
        sizes: sizeIds.sort((a, b) => this.compareOptions(a, b)).map((id) => this.optionLabel(id)),
        stock_qty: group.reduce((sum, child) => sum + (this.sellable.get(child.entityId) ?? 0), 0),
        final_price: this.lowest(group.map((child) => this.finalPrice(child))),
      };
    });
  }

  /** The option's hex swatch (type 1), the store's row over the admin row. */
  private swatch(optionId: number): string | null {
    const rows = this.model.swatches.filter((row) => row.optionId === optionId);
    const row = rows.find((candidate) => candidate.storeId === this.storeId) ?? rows.find((candidate) => candidate.storeId === 0);
    return row?.type === 1 ? row.value : null;
  }

  private indexOptions(): void {
    const translationStore = this.model.metadata.options.translationStoreId;
    for (const code of ['color', 'size'] as const) {
      const definition = PRODUCT_ATTRIBUTES.find((candidate) => candidate.code === code)!;
      for (const option of definition.options ?? []) {
        const storeLabels = option.storeLabel === undefined ? {} : { [translationStore]: option.storeLabel };
        this.options.set(this.model.metadata.product[code].options[option.label], { label: option.label, sortOrder: option.sortOrder, storeLabels });
      }
    }
  }

  private compareOptions(a: number, b: number): number {
    return this.options.get(a)!.sortOrder - this.options.get(b)!.sortOrder || a - b;
  }

  private optionLabel(optionId: number): string {
    const option = this.options.get(optionId)!;
    return option.storeLabels[this.storeId] ?? option.label;
  }
}
