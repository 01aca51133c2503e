import type { SqlValue } from './bulk-inserter';
import { categoryKey, type CategoryIds } from './fashion-categories';
import { DESCRIPTION_SENTENCES, STYLE_DESCRIPTORS, STYLE_NAMES, type Garment } from './fashion-vocabulary';
import type { AttributeInfo, MagentoMetadata } from './metadata';
import type { EavValue } from './product-rows';
import type { StockMode } from './msi-stock';
import type { SeededRandom } from './random';

/** The store view of the second website, where the generated shop keeps its German texts. */
export const TRANSLATION_STORE_ID = 2;

/** What every product-building function of the generator needs. */
export interface GeneratorContext {
  rng: SeededRandom;
  metadata: MagentoMetadata;
  categoryIds: CategoryIds;
  clock: CatalogClock;
  nextEntityId(): number;
  /** Running number used to keep SKUs and url keys unique. */
  nextItemNumber(): number;
  /** Share of visible products made eligible (enabled and in stock). */
  eligibleShare: number;
  stockMode: StockMode;
  /** Draws the Luma-like extra attributes (--rich-attributes) from its own stream; absent: none. */
  richRng?: SeededRandom;
  /** --children N: this many size × colour children in every configurable style; absent: 3 to 32, about 12 on average. */
  childrenPerStyle?: number;
}

/** Website ids a product the plan keeps off store 1 may have: none, or the second website only. */
export function websitesOffStore1(rng: SeededRandom): number[] {
  return rng.chance(0.7) ? [2] : [];
}

/**
 * Website ids of a product: most are sold on website 1 (base) only, some on both, a few on the
 * second website only or on none. `onStore1` forces website 1 in (the plan needs it there).
 */
export function websitesFor(rng: SeededRandom, onStore1: boolean): number[] {
  const roll = rng.next();
  if (roll < 0.8) return [1];
  if (roll < 0.93 || onStore1) return [1, 2];
  return websitesOffStore1(rng);
}

/** Collects a product's EAV values by attribute code, skipping attributes the shop lacks. */
export class ValueSet {
  readonly values: EavValue[] = [];

  constructor(private readonly metadata: MagentoMetadata) {}

  set(code: string, value: SqlValue | undefined, storeId = 0): void {
    const attribute = this.attribute(code);
    if (attribute && value !== undefined) this.values.push({ attribute, storeId, value });
  }

  /** Stores the option ids of `labels` (one for a select, several for a multiselect). */
  setOptions(code: string, labels: string[], storeId = 0): void {
    const attribute = this.attribute(code);
    if (!attribute || labels.length === 0) return;
    const ids = labels.map((label) => attribute.options[label]);
    this.set(code, attribute.input === 'multiselect' ? ids.join(',') : ids[0], storeId);
  }

  private attribute(code: string): AttributeInfo | undefined {
    return (this.metadata.product as Record<string, AttributeInfo | undefined>)[code];
  }
}

/** Timestamps derived from the seed and the product's position, never from the clock. */
export class CatalogClock {
  private static readonly SPAN_MS = 5 * 365 * 24 * 3600 * 1000;
  private readonly startMs: number;

  constructor(seed: number, private readonly totalProducts: number) {
    this.startMs = Date.UTC(2019, 0, 1) + (Math.abs(seed) % 997) * 3600 * 1000;
  }

  createdAt(entityId: number, rng: SeededRandom): string {
    const offset = Math.floor(((entityId - 1) / Math.max(1, this.totalProducts)) * CatalogClock.SPAN_MS);
    return format(this.startMs + offset + rng.int(0, 3599) * 1000);
  }

  updatedAfter(createdAt: string, rng: SeededRandom): string {
    const createdMs = Date.parse(`${createdAt.replace(' ', 'T')}Z`);
    return format(createdMs + rng.int(0, 400 * 24 * 3600) * 1000);
  }
}

const format = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function styleName(rng: SeededRandom, noun: string): { name: string; firstName: string } {
  const firstName = rng.pick(STYLE_NAMES);
  const descriptor = rng.chance(0.5) ? `${rng.pick(STYLE_DESCRIPTORS)} ` : '';
  return { name: `${firstName} ${descriptor}${noun}`, firstName };
}

export function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * A Magento media path: the file sits under its name's first two characters, e.g. /m/h/mh01.jpg,
 * with '_' standing in for a character that is not a letter or digit (as Magento does).
 */
export function imagePath(fileStem: string): string {
  const file = slug(fileStem) || 'image';
  const [x, y] = [...file.padEnd(2, '_')].map((char) => (/[a-z0-9]/.test(char) ? char : '_'));
  return `/${x}/${y}/${file}.jpg`;
}

/** Writes image, small_image and thumbnail: a path, Magento's 'no_selection', or nothing at all. */
export function addImages(ctx: GeneratorContext, values: ValueSet, fileStem: string, shares: { path: number; noSelection: number }): void {
  const roll = ctx.rng.next();
  if (roll >= shares.path + shares.noSelection) return;
  const image = roll < shares.path ? imagePath(fileStem) : 'no_selection';
  values.set('image', image);
  values.set('small_image', image);
  values.set('thumbnail', ctx.rng.chance(0.9) ? image : 'no_selection');
}

export function priceBetween(rng: SeededRandom, [min, max]: [number, number]): number {
  return rng.int(min, max) + (rng.chance(0.6) ? 0.99 : 0);
}

export function description(rng: SeededRandom, name: string, materials: string[]): string {
  const sentences = rng.sample(DESCRIPTION_SENTENCES, rng.int(1, 3)).join(' ');
  return `<p>The ${name} in ${materials.join(' and ').toLowerCase()}. ${sentences}</p>`;
}

/** One to three categories at various depths: usually the leaf, sometimes its parent, Sale or New Arrivals. */
export function chooseCategories(ctx: GeneratorContext, path: string[]): number[] {
  const { rng, categoryIds } = ctx;
  const chosen: string[][] = [];
  if (path.length > 1 && rng.chance(0.04)) chosen.push(path.slice(0, -1));
  else chosen.push(path);
  if (path.length > 2 && rng.chance(0.35)) chosen.push(path.slice(0, -1));
  if (rng.chance(0.12)) chosen.push(['Sale']);
  else if (rng.chance(0.08)) chosen.push(['New Arrivals']);
  const ids = chosen.map((p) => categoryIds.get(categoryKey(p)));
  return [...new Set(ids.filter((id): id is number => id !== undefined))].slice(0, 3);
}

/** The descriptive attributes a fashion product carries: gender, materials, pattern, climate, ... */
export function addFashionAttributes(ctx: GeneratorContext, values: ValueSet, garment: Garment): string[] {
  const { rng } = ctx;
  const materials = rng.sample(garment.materials, rng.chance(0.6) ? 1 : 2);
  values.setOptions('gender', [garment.gender]);
  values.setOptions('material', materials);
  if (rng.chance(0.85)) values.setOptions('pattern', rng.sample(Object.keys(ctx.metadata.product.pattern.options), rng.chance(0.8) ? 1 : 2));
  if (rng.chance(0.6)) values.setOptions('climate', rng.sample(Object.keys(ctx.metadata.product.climate.options), rng.int(1, 3)));
  if (rng.chance(0.3)) values.set('eco_collection', rng.chance(0.4) ? 1 : 0);
  if (rng.chance(0.85)) values.setOptions('season', [rng.pick(['Spring', 'Summer', 'Autumn', 'Winter', 'All Season'])]);
  if (rng.chance(0.7)) values.setOptions('occasion', [rng.pick(['Casual', 'Work', 'Formal', 'Sport', 'Outdoor', 'Party', 'Lounge'])]);
  return materials;
}

/**
 * The Luma-like extra attributes: every product gets most of them, multiselects with several values
 * each. Drawn from their own random stream, so the catalog is otherwise the one without them.
 */
export function addRichAttributes(ctx: GeneratorContext, values: ValueSet): void {
  const rng = ctx.richRng;
  if (!rng) return;
  const product = ctx.metadata.product as Record<string, { options: Record<string, number> } | undefined>;
  const labels = (code: string) => Object.keys(product[code]?.options ?? {});
  for (const [code, most] of [['activity', 4], ['style_general', 3], ['features', 4], ['care', 3]] as const) {
    if (rng.chance(0.9)) values.setOptions(code, rng.sample(labels(code), rng.int(1, most)));
  }
  for (const code of ['sleeve', 'collar', 'fit', 'made_in']) {
    if (rng.chance(0.85)) values.setOptions(code, [rng.pick(labels(code))]);
  }
  for (const code of ['sale', 'new', 'performance_fabric', 'erin_recommends']) {
    if (rng.chance(0.8)) values.set(code, rng.chance(0.3) ? 1 : 0);
  }
}

/** Status at store 0 and, when given, a store-1 override (1 enabled, 2 disabled). */
export function addStatus(values: ValueSet, status: { admin: 1 | 2; store?: 1 | 2 }): void {
  values.set('status', status.admin);
  if (status.store !== undefined) values.set('status', status.store, 1);
}

/** Whether a product with this status is enabled on store 1 (the store value wins over store 0). */
export const isEnabled = (status: { admin: 1 | 2; store?: 1 | 2 }) => (status.store ?? status.admin) === 1;
