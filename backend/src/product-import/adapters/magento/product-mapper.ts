import { ProductRecord, ProductVariant, SkippedProduct } from '../../domain/product-record';
import { fromUnits, normalizeDecimal, toUnits } from './decimal';
import { AttributeMeta, MagentoMetadata } from './magento-metadata';
import { OptionLabel, ScopedValues } from './page-queries';
import { ShopperData, ShopperView } from './shopper-view';
import { StockLevel } from './stock-queries';
import { storefrontText } from './storefront-text';

export interface SourceRow {
  entity_id: number;
  /** What the product's values hang on: its live version's row_id on Commerce, else entity_id. */
  link_id: number;
  type_id: string;
  sku: string | null;
  created_at: string | null;
}

/** What was read for one page, store-resolved, ready to be mapped without further queries. */
export interface PageData {
  /** The page's products and their children's values. */
  values: ScopedValues;
  /** Each distinct select and multiselect value among them, as option ids. */
  optionIdsOf: Map<string, number[]>;
  childrenOf: Map<number, number[]>;
  stock: Map<number, StockLevel>;
  /** The page's products and children that are assigned to the store's website. */
  inWebsite: Set<number>;
  labels: Map<number, OptionLabel>;
  categories: Map<number, string>;
  shopper: ShopperData;
}

/** Attributes that have their own column, so they are left out of the `attributes` JSON. */
const OWN_COLUMNS = new Set(['size', 'color', 'material', 'pattern', 'occasion', 'season', 'status', 'visibility']);

export class ProductMapper {
  private readonly view: ShopperView;

  constructor(
    private readonly meta: MagentoMetadata,
    private readonly page: PageData,
  ) {
    this.view = new ShopperView(meta, page.values, page.shopper);
  }

  map(row: SourceRow): ProductRecord | SkippedProduct {
    const sku = (row.sku ?? '').trim();
    if (sku === '') return { source_id: Number(row.entity_id), sku: '', reason: 'Empty SKU' };
    const id = Number(row.entity_id);
    const configurable = row.type_id === 'configurable';
    const counted = configurable ? this.countedChildren(id) : [];
    const stockQty = configurable ? this.sumQty(counted) : (this.page.stock.get(id)?.qty ?? 0n);
    const urlKey = this.raw(id, 'url_key') || null;
    const images = this.view.images(id);
    return {
      source_id: id,
      sku,
      title: storefrontText(this.raw(id, 'name')) ?? sku,
      price: this.price(id, row.type_id, counted),
      stock_qty: fromUnits(stockQty),
      // Only products the shop sells are imported; the flag turns false when a refresh finds one withdrawn.
      in_stock: true,
      size_range: this.ownOrChildren(id, 'size', counted),
      color: this.ownOrChildren(id, 'color', counted),
      material: this.labels(id, 'material'),
      pattern: this.labels(id, 'pattern'),
      occasion: this.labels(id, 'occasion'),
      season: this.labels(id, 'season'),
      image_key: this.image(id),
      url_key: urlKey,
      category: this.page.categories.get(id) ?? null,
      attributes: this.otherAttributes(id),
      product_created_at: magentoDate(row.created_at),
      // A configurable is sold through its children: what a shopper pays and sees is theirs.
      final_price: configurable ? this.lowestFinalPrice(counted) : unitsOrNull(this.view.finalPrice(id)),
      images,
      image_url: this.view.imageUrl(images) ?? (configurable ? this.firstBaseImage(counted) : null),
      product_url: this.view.productUrl(id, urlKey),
      variants: configurable ? this.variants(counted) : [],
    };
  }

  /** One per colour of the counted children, in the colour options' order; children without a colour left out. */
  private variants(counted: number[]): ProductVariant[] {
    const colour = this.meta.byCode.get('color');
    const childrenOf = new Map<number, number[]>();
    for (const child of counted) {
      const [optionId] = this.ownOptions(colour, this.optionIds(child, 'color'));
      if (optionId === undefined) continue;
      const group = childrenOf.get(optionId);
      if (group) group.push(child);
      else childrenOf.set(optionId, [child]);
    }
    const size = this.meta.byCode.get('size');
    return shopOrder([...childrenOf.keys()], this.page.labels).map((optionId) => {
      const children = childrenOf.get(optionId)!;
      return {
        color: this.page.labels.get(optionId)!.label,
        swatch: this.view.swatch(optionId),
        image_url: this.firstBaseImage(children),
        sizes: [...new Set(sortByShopOrder(this.ownOptions(size, children.flatMap((child) => this.optionIds(child, 'size'))), this.page.labels))],
        stock_qty: Number(fromUnits(this.sumQty(children))),
        final_price: this.lowestFinalPrice(children),
      };
    });
  }

  /** The lowest final price among the children that have a regular price. */
  private lowestFinalPrice(children: number[]): string | null {
    const prices = children.map((child) => this.view.finalPrice(child)).filter((price): price is bigint => price !== null);
    return prices.length === 0 ? null : fromUnits(prices.reduce((min, price) => (price < min ? price : min)));
  }

  /** The base image of the first of the children (by entity id) that has one shown. */
  private firstBaseImage(children: number[]): string | null {
    for (const child of children) {
      const url = this.view.baseImageUrl(child);
      if (url !== null) return url;
    }
    return null;
  }

  /** Children the shop sells: enabled for the store, in its website and with stock to sell. */
  private countedChildren(parentId: number): number[] {
    return (this.page.childrenOf.get(parentId) ?? []).filter((child) => isCountedChild(child, this.meta, this.page));
  }

  private sumQty(children: number[]): bigint {
    return children.reduce((sum, child) => sum + (this.page.stock.get(child)?.qty ?? 0n), 0n);
  }

  private price(id: number, typeId: string, counted: number[]): string | null {
    const own = normalizeDecimal(this.raw(id, 'price'));
    if (own !== null || typeId !== 'configurable') return own;
    const prices = counted.map((child) => this.raw(child, 'price')).filter((p): p is string => p !== null && p !== '');
    if (prices.length === 0) return null;
    return fromUnits(prices.map(toUnits).reduce((min, p) => (p < min ? p : min)));
  }

  /** The product's own label(s) for the attribute, else the distinct labels of its counted children. */
  private ownOrChildren(id: number, code: string, counted: number[]): string | null {
    return this.labels(id, code) ?? this.join(code, counted.flatMap((child) => this.optionIds(child, code)));
  }

  private labels(id: number, code: string): string | null {
    return this.join(code, this.optionIds(id, code));
  }

  private join(code: string, optionIds: number[]): string | null {
    const known = this.ownOptions(this.meta.byCode.get(code), optionIds);
    return known.length === 0 ? null : sortByShopOrder(known, this.page.labels).join(', ');
  }

  /**
   * The ids that are options of this attribute. Option ids are unique across all attributes (and
   * entity types), so a select backed by a source model (tax_class_id holds 2) would otherwise
   * borrow another attribute's label (customer gender's option 2, "Female").
   */
  private ownOptions(attribute: AttributeMeta | undefined, optionIds: number[]): number[] {
    if (!attribute) return [];
    return optionIds.filter((o) => this.page.labels.get(o)?.attributeId === attribute.id);
  }

  private optionIds(id: number, code: string): number[] {
    return this.parsed(this.raw(id, code));
  }

  /** Parsed once per page when the page was read; any other value here. */
  private parsed(raw: string | null): number[] {
    if (raw === null) return [];
    return this.page.optionIdsOf.get(raw) ?? parseOptionIds(raw);
  }

  private image(id: number): string | null {
    const value = this.raw(id, 'image')?.trim();
    return value && value !== 'no_selection' ? value : null;
  }

  private otherAttributes(id: number): Record<string, string | string[]> {
    const result: Record<string, string | string[]> = {};
    for (const attribute of this.meta.labelled) {
      if (OWN_COLUMNS.has(attribute.code)) continue;
      const value = this.attributeLabel(id, attribute);
      if (value !== null) result[attribute.code] = value;
    }
    return result;
  }

  private attributeLabel(id: number, attribute: AttributeMeta): string | string[] | null {
    const raw = this.page.values.get(id)?.get(attribute.id) ?? null;
    if (raw === null || raw === '') return null;
    if (attribute.frontendInput === 'boolean') return raw === '1' ? 'Yes' : 'No';
    // Options without a label (system selects backed by a source model) are not shop data.
    const labels = this.ownOptions(attribute, this.parsed(raw));
    if (labels.length === 0) return null;
    if (attribute.frontendInput !== 'multiselect') return this.page.labels.get(labels[0])!.label;
    return sortByShopOrder(labels, this.page.labels);
  }

  private raw(id: number, code: string): string | null {
    const attribute = this.meta.byCode.get(code);
    if (!attribute) return null;
    return this.page.values.get(id)?.get(attribute.id) ?? null;
  }
}

/** A child the shop sells: enabled for the store, in its website and with stock to sell. */
export function isCountedChild(child: number, meta: MagentoMetadata, page: Pick<PageData, 'values' | 'inWebsite' | 'stock'>): boolean {
  const status = meta.byCode.get('status');
  return status !== undefined && page.values.get(child)?.get(status.id) === '1' && page.inWebsite.has(child) && (page.stock.get(child)?.sellable ?? false);
}

/** Labels of the options, each once, ordered as the shop orders them (sort_order, then id). */
function sortByShopOrder(optionIds: number[], labels: Map<number, OptionLabel>): string[] {
  if (optionIds.length === 1) return [labels.get(optionIds[0])!.label];
  return shopOrder(optionIds, labels).map((o) => labels.get(o)!.label);
}

/** The option ids, each once, in the shop's order (sort_order, then id). */
function shopOrder(optionIds: number[], labels: Map<number, OptionLabel>): number[] {
  return [...new Set(optionIds)].sort((a, b) => labels.get(a)!.sortOrder - labels.get(b)!.sortOrder || a - b);
}

function unitsOrNull(units: bigint | null): string | null {
  return units === null ? null : fromUnits(units);
}

/** "12,15,19" (multiselect) or "12" (select) → option ids. Number() ignores the blanks around each id. */
export function parseOptionIds(raw: string | null): number[] {
  if (raw === null || raw === '') return [];
  const ids: number[] = [];
  for (const part of raw.split(',')) {
    const id = Number(part);
    if (Number.isInteger(id) && id > 0) ids.push(id);
  }
  return ids;
}

/**
 * A Magento date as the Lookbook stores it: MySQL lets Magento keep "zero" dates
 * ('0000-00-00 00:00:00', or a zero month or day), which name no moment, so they are null.
 */
export function magentoDate(value: string | null): string | null {
  if (!value) return null;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return year === 0 || month === 0 || day === 0 ? null : value;
}
