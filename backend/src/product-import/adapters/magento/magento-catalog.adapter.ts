import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../../../database/data-source-options';
import { CatalogPage, ProductRecord, SkippedProduct } from '../../domain/product-record';
import { CatalogSource, EligibleIdsQuery } from '../../ports/catalog-source';
import { mapInTurns } from '../event-loop-turns';
import { CategoryTree, selectCategoryPaths, selectCategoryTree } from './category-queries';
import { eligibleIdsQuery } from './eligibility-sql';
import { PageData, ProductMapper, SourceRow, isCountedChild, parseOptionIds } from './product-mapper';
import { ProductRef, selectChildLinks, selectOptionLabels, selectProductRows, selectScopedValues } from './page-queries';
import { GalleryImage, selectDates, selectGallery, selectHexSwatches, selectRulePrices, selectTierPrices, selectUrlRewrites } from './shopper-queries';
import { ShopperData } from './shopper-view';
import { ChildPhotos, childPhotos } from './child-photos';
import { todayIn } from './storefront';
import { resolveShopProfile } from './shop-inspection';
import { ShopProfile } from './shop-profile';
import { selectStock } from './stock-queries';

/** Attributes read for a configurable's children: enough to count them, roll them up and price them. */
const CHILD_CODES = ['status', 'size', 'color', 'price', 'special_price', 'image'];
/** A product's own attributes beyond its labelled ones. */
const PRODUCT_CODES = ['name', 'price', 'special_price', 'url_key', 'image', 'small_image', 'thumbnail', 'swatch_image'];
/** Datetime attributes, read on their own (see selectDates). */
const DATE_CODES = ['special_from_date', 'special_to_date'];

/** How long the dialog's count may reuse the shop's profile; a job always resolves it afresh. */
const PROFILE_REUSE_MS = 60_000;

/**
 * Reads the products the shop sells from its Magento 2 tables, on every shape of shop (see
 * ShopProfile). Each page is a fixed handful of set-based queries inside one read-only
 * transaction, so the page is a consistent snapshot and the shop's database is never written.
 */
@Injectable()
export class MagentoCatalogAdapter extends CatalogSource {
  private profile?: { value: Promise<ShopProfile>; resolvedAt: number };
  /** The shop's shape last resolved, kept to run a job's first statement early (see selectEligibleIds). */
  private knownProfile?: ShopProfile;
  /** Keyed by the profile it was read with, so a job's fresh profile reads a fresh tree. */
  private readonly categoryTrees = new WeakMap<ShopProfile, Promise<CategoryTree>>();

  constructor(
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /**
   * A job's products: its first call resolves the shop's shape afresh, so each job reads the shop
   * as it is now. Meanwhile the same statement runs on the shape known from before: when the fresh
   * shape writes the statement unchanged, that answer is the one asked for, and choosing the job's
   * first products did not wait for the ~10 statements of resolving it.
   */
  async selectEligibleIds({ afterId, limit, continuing = false }: EligibleIdsQuery): Promise<number[]> {
    const scope = { afterId, limit };
    const known = continuing ? undefined : this.knownProfile;
    const early = known && eligibleIdsQuery(known, scope);
    const earlyIds = early && this.selectIds(early);
    // Its answer, or its failure, is the job's only when the fresh shape writes the same statement.
    earlyIds?.catch(() => undefined);
    const profile = await this.shopProfile({ fresh: !continuing });
    // The job's first page needs the store's category tree: read on a connection of its own while
    // the products are chosen, rather than after.
    void this.categoryTree(profile);
    const statement = eligibleIdsQuery(profile, scope);
    return early && sameStatement(early, statement) ? earlyIds! : this.selectIds(statement);
  }

  async filterEligible(sourceIds: number[]): Promise<number[]> {
    if (sourceIds.length === 0) return [];
    return this.selectIds(eligibleIdsQuery(await this.shopProfile(), { among: sourceIds }));
  }

  async fetchProducts(sourceIds: number[]): Promise<CatalogPage> {
    if (sourceIds.length === 0) return { products: [], skipped: [], lastSourceId: null };
    const profile = await this.shopProfile();
    const categories = await this.categoryTree(profile);
    return this.readOnly(async (runner) => {
      const delayMs = this.config.import.sourceDelayMs;
      if (delayMs > 0) await runner.query('DO SLEEP(?)', [delayMs / 1000]);
      const rows = await selectProductRows(runner, profile, sourceIds);
      const mapper = new ProductMapper(profile.attributes, await this.loadPage(runner, profile, categories, rows));
      const found = new Set(rows.map((row) => row.entity_id));
      const vanished = sourceIds
        .filter((id) => !found.has(id))
        .map((id) => ({ source_id: id, sku: '', reason: 'No longer in the catalog' }));
      const page = assemble([...(await mapInTurns(rows, (row) => mapper.map(row))), ...vanished]);
      return { ...page, notices: profile.storefront.problems };
    });
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async countEligible({ afterId }: { afterId: number }): Promise<number> {
    const profile = await this.shopProfile();
    return this.readOnly(async (runner) => {
      const { sql, params } = eligibleIdsQuery(profile, { afterId, limit: null });
      const [{ n }] = await runner.query(`SELECT COUNT(*) AS n FROM (${sql}) eligible`, params);
      return Number(n);
    });
  }

  private selectIds({ sql, params }: { sql: string; params: unknown[] }): Promise<number[]> {
    return this.readOnly(async (runner) => {
      const rows: Array<{ entity_id: number }> = await runner.query(sql, params);
      return rows.map((row) => Number(row.entity_id));
    });
  }

  /** The shop's shape: resolved afresh when asked to, else reused for a while. A failure is not kept. */
  private shopProfile({ fresh = false } = {}): Promise<ShopProfile> {
    const now = performance.now();
    if (!fresh && this.profile && now - this.profile.resolvedAt < PROFILE_REUSE_MS) return this.profile.value;
    const entry = { value: this.readOnly((runner) => resolveShopProfile(runner, this.config.magento)), resolvedAt: now };
    this.profile = entry;
    entry.value.then(
      (profile) => (this.knownProfile = profile),
      () => {
        if (this.profile === entry) this.profile = undefined;
      },
    );
    return entry.value;
  }

  /** The store's category tree, read the first time a page needs it after the profile was resolved: once per job. */
  private categoryTree(profile: ShopProfile): Promise<CategoryTree> {
    let tree = this.categoryTrees.get(profile);
    if (!tree) {
      tree = this.readOnly((runner) => selectCategoryTree(runner, profile));
      this.categoryTrees.set(profile, tree);
      tree.catch(() => this.categoryTrees.delete(profile));
    }
    return tree;
  }

  private async loadPage(runner: QueryRunner, profile: ShopProfile, categories: CategoryTree, rows: SourceRow[]): Promise<PageData> {
    const meta = profile.attributes;
    const products = rows.map((r) => ({ entityId: r.entity_id, linkId: r.link_id }));
    const parents = rows.filter((r) => r.type_id === 'configurable').map((r) => ({ entityId: r.entity_id, linkId: r.link_id }));
    const links = await selectChildLinks(runner, profile, parents);
    const children = [...new Map(links.map((l) => [l.child.entityId, l.child])).values()];
    // A configurable's stock is that of the children it counts: its own is never read.
    const ownStockIds = rows.filter((r) => r.type_id !== 'configurable').map((r) => r.entity_id);
    const stock = await selectStock(runner, profile, ownStockIds);
    const inWebsite = new Set<number>();
    for (const link of links) {
      if (link.inWebsite) inWebsite.add(link.child.entityId);
      if (link.stock) stock.set(link.child.entityId, link.stock);
    }
    // A child out of the website or out of stock is never counted, so none of its values is read
    // (a third of a sample-store-like catalog's children: their rows were most of a page's reads).
    const sellable = children.filter((child) => inWebsite.has(child.entityId) && (stock.get(child.entityId)?.sellable ?? false));

    const productAttributes = [...PRODUCT_CODES.map((c) => meta.byCode.get(c)), ...meta.labelled];
    const childAttributes = CHILD_CODES.map((c) => meta.byCode.get(c));
    const values = await selectScopedValues(runner, profile, [
      { products, attributes: productAttributes },
      { products: sellable, attributes: childAttributes },
    ]);

    // Each distinct select and multiselect value on the page, parsed once: a page repeats few values.
    const labelledIds = meta.labelled.filter((a) => a.frontendInput !== 'boolean').map((a) => a.id);
    const optionIdsOf = new Map<string, number[]>();
    values.forEach((attributes) => {
      for (const attributeId of labelledIds) {
        const raw = attributes.get(attributeId);
        if (raw && !optionIdsOf.has(raw)) optionIdsOf.set(raw, parseOptionIds(raw));
      }
    });
    const optionIds = new Set([...optionIdsOf.values()].flat());

    const childrenOf = new Map<number, number[]>();
    for (const link of links) {
      const siblings = childrenOf.get(link.parentId) ?? [];
      childrenOf.set(link.parentId, siblings);
      siblings.push(link.child.entityId);
    }
    const ids = products.map((p) => p.entityId);
    const labels = await selectOptionLabels(runner, profile, [...optionIds]);
    const colourId = meta.byCode.get('color')?.id;
    const colours = [...labels].filter(([, label]) => label.attributeId === colourId).map(([optionId]) => optionId);
    // Only the children a configurable counts lend it prices and photos: the others are not read for them.
    const counted = sellable.filter((child) => isCountedChild(child.entityId, meta, { values, inWebsite, stock }));
    const photos = childPhotos(meta, values, childrenOf, new Set(counted.map((child) => child.entityId)));
    return {
      values,
      optionIdsOf,
      childrenOf,
      stock,
      inWebsite,
      labels,
      categories: await selectCategoryPaths(runner, profile, categories, ids),
      shopper: await this.loadShopperData(runner, profile, { products, counted, photos }, colours),
    };
  }

  /**
   * Photos, offers and swatches of the page's products and the children they count (which lend
   * them prices, and photos: see ChildPhotos); rewrites of the products alone (a child's page is
   * never linked).
   */
  private async loadShopperData(
    runner: QueryRunner,
    profile: ShopProfile,
    { products, counted, photos }: { products: ProductRef[]; counted: ProductRef[]; photos: ChildPhotos },
    colours: number[],
  ): Promise<ShopperData> {
    const { storefront, attributes } = profile;
    const today = todayIn(storefront.timeZone);
    const priced = [...products, ...counted];
    const dateIds = DATE_CODES.map((code) => attributes.byCode.get(code)?.id).filter((id): id is number => id !== undefined);
    return {
      storefront,
      today,
      dates: await selectDates(runner, profile, priced, dateIds),
      tierPrices: await selectTierPrices(runner, profile, priced),
      rulePrices: await selectRulePrices(runner, profile, priced.map((p) => p.entityId), today),
      gallery: await this.selectPhotos(runner, profile, products, counted, photos),
      urlRewrites: await selectUrlRewrites(runner, profile, products.map((p) => p.entityId)),
      swatches: await selectHexSwatches(runner, profile, colours),
    };
  }

  /**
   * The products' galleries and those of the children that may lend them a photo: one statement,
   * and one more when some child's base image turned out hidden.
   */
  private async selectPhotos(runner: QueryRunner, profile: ShopProfile, products: ProductRef[], counted: ProductRef[], photos: ChildPhotos): Promise<Map<number, GalleryImage[]>> {
    const refOf = new Map(counted.map((child) => [child.entityId, child]));
    const refs = (children: number[]) => children.map((child) => refOf.get(child)!);
    const gallery = await selectGallery(runner, profile, [...products, ...refs(photos.next(new Map()))]);
    for (let more = photos.next(gallery); more.length > 0; more = photos.next(gallery)) {
      for (const [child, images] of await selectGallery(runner, profile, refs(more))) gallery.set(child, images);
    }
    return gallery;
  }

  private async readOnly<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('START TRANSACTION READ ONLY');
      const result = await work(runner);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function sameStatement(a: { sql: string; params: unknown[] }, b: { sql: string; params: unknown[] }): boolean {
  return a.sql === b.sql && JSON.stringify(a.params) === JSON.stringify(b.params);
}

/**
 * Splits mapped rows into products and skips. Products whose SKUs are equal stay side by side: the
 * Lookbook decides which one owns the SKU, by its one rule (see resolveSkuClaims).
 */
function assemble(mapped: Array<ProductRecord | SkippedProduct>): CatalogPage {
  const products: ProductRecord[] = [];
  const skipped: SkippedProduct[] = [];
  for (const item of mapped) ('reason' in item ? skipped : products).push(item as never);
  const lastSourceId = mapped.length ? Math.max(...mapped.map((m) => m.source_id)) : null;
  return { products: products.sort((a, b) => a.source_id - b.source_id), skipped: skipped.sort((a, b) => a.source_id - b.source_id), lastSourceId };
}
