import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../../../database/data-source-options';
import { CatalogPage, ProductRecord, SkippedProduct } from '../../domain/product-record';
import { CatalogSource } from '../../ports/catalog-source';
import { selectCategoryPaths } from './category-queries';
import { eligibleIdsQuery } from './eligibility-sql';
import { loadMagentoMetadata, MagentoMetadata } from './magento-metadata';
import { PageData, ProductMapper, SourceRow, parseOptionIds } from './product-mapper';
import { selectChildLinks, selectOptionLabels, selectProductRows, selectScopedValues, selectStock } from './page-queries';

/** Attributes read for a configurable's children: enough to count them and roll them up. */
const CHILD_CODES = ['status', 'size', 'color', 'price'];

/**
 * Reads eligible products from the shop's Magento 2 tables. Each page is a fixed handful of
 * set-based queries inside one read-only transaction, so the page is a consistent snapshot and the
 * shop's database is never written.
 */
@Injectable()
export class MagentoCatalogAdapter extends CatalogSource {
  constructor(
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async selectEligibleIds({ afterId, limit }: { afterId: number; limit: number }): Promise<number[]> {
    return this.readOnly(async (runner) => {
      const { sql, params } = eligibleIdsQuery(this.eligibility(await loadMagentoMetadata(runner)), afterId, limit);
      const rows: Array<{ entity_id: number }> = await runner.query(sql, params);
      return rows.map((row) => Number(row.entity_id));
    });
  }

  async filterEligible(sourceIds: number[]): Promise<number[]> {
    if (sourceIds.length === 0) return [];
    return this.readOnly(async (runner) => {
      const { sql, params } = eligibleIdsQuery(this.eligibility(await loadMagentoMetadata(runner)), 0, null, sourceIds);
      const rows: Array<{ entity_id: number }> = await runner.query(sql, params);
      return rows.map((row) => Number(row.entity_id));
    });
  }

  async fetchProducts(sourceIds: number[]): Promise<CatalogPage> {
    if (sourceIds.length === 0) return { products: [], skipped: [], lastSourceId: null };
    return this.readOnly(async (runner) => {
      const delayMs = this.config.import.sourceDelayMs;
      if (delayMs > 0) await runner.query('DO SLEEP(?)', [delayMs / 1000]);
      const meta = await loadMagentoMetadata(runner);
      const rows = await selectProductRows(runner, sourceIds);
      const mapper = new ProductMapper(meta, await this.loadPage(runner, meta, rows));
      const found = new Set(rows.map((row) => Number(row.entity_id)));
      const vanished = sourceIds
        .filter((id) => !found.has(id))
        .map((id) => ({ source_id: id, sku: '', reason: 'No longer in the catalog' }));
      return assemble([...rows.map((row) => mapper.map(row)), ...vanished]);
    });
  }

  async countEligible({ afterId }: { afterId: number }): Promise<number> {
    return this.readOnly(async (runner) => {
      const { sql, params } = eligibleIdsQuery(this.eligibility(await loadMagentoMetadata(runner)), afterId, null);
      const [{ n }] = await runner.query(`SELECT COUNT(*) AS n FROM (${sql}) eligible`, params);
      return Number(n);
    });
  }

  private eligibility(meta: MagentoMetadata) {
    const status = meta.byCode.get('status');
    if (!status) throw new Error('The Magento database has no product "status" attribute');
    return {
      storeId: this.config.magento.storeId,
      stockSource: this.config.magento.stockSource,
      includeNotVisible: this.config.magento.includeNotVisible,
      statusAttributeId: status.id,
      visibilityAttributeId: meta.byCode.get('visibility')?.id ?? null,
    };
  }

  private async loadPage(runner: QueryRunner, meta: MagentoMetadata, rows: SourceRow[]): Promise<PageData> {
    const storeId = this.config.magento.storeId;
    const ids = rows.map((r) => Number(r.entity_id));
    const parents = rows.filter((r) => r.type_id === 'configurable').map((r) => Number(r.entity_id));
    const links = await selectChildLinks(runner, parents);
    const childIds = [...new Set(links.map((l) => l.childId))];

    const productAttributes = [...['name', 'price', 'url_key', 'image'].map((c) => meta.byCode.get(c)), ...meta.labelled];
    const childAttributes = CHILD_CODES.map((c) => meta.byCode.get(c));
    const values = await selectScopedValues(
      runner,
      [
        { entityIds: ids, attributes: productAttributes },
        { entityIds: childIds, attributes: childAttributes },
      ],
      storeId,
    );

    const stockOf = [
      ...rows.map((r) => ({ id: Number(r.entity_id), sku: r.sku })),
      ...links.map((l) => ({ id: l.childId, sku: l.childSku })),
    ];
    const labelledIds = new Set(meta.labelled.filter((a) => a.frontendInput !== 'boolean').map((a) => a.id));
    const optionIds = new Set<number>();
    for (const attributes of values.values()) {
      for (const [attributeId, raw] of attributes) {
        if (labelledIds.has(attributeId)) parseOptionIds(raw).forEach((o) => optionIds.add(o));
      }
    }

    const childrenOf = new Map<number, number[]>();
    for (const link of links) {
      const children = childrenOf.get(link.parentId) ?? [];
      childrenOf.set(link.parentId, children);
      children.push(link.childId);
    }
    return {
      values,
      childrenOf,
      stock: await selectStock(runner, this.config.magento.stockSource, stockOf),
      labels: await selectOptionLabels(runner, [...optionIds], storeId),
      categories: await selectCategoryPaths(runner, ids, meta.categoryNameId, storeId),
    };
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

/** Splits mapped rows into products and skips; within a page a SKU is written once (the latest). */
function assemble(mapped: Array<ProductRecord | SkippedProduct>): CatalogPage {
  const products = new Map<string, ProductRecord>();
  const skipped: SkippedProduct[] = [];
  for (const item of mapped) {
    if ('reason' in item) {
      skipped.push(item);
      continue;
    }
    const earlier = products.get(item.sku);
    if (earlier) {
      skipped.push({ source_id: earlier.source_id, sku: earlier.sku, reason: `Duplicate SKU: superseded by source_id ${item.source_id}` });
      products.delete(item.sku);
    }
    products.set(item.sku, item);
  }
  const ordered = [...products.values()].sort((a, b) => a.source_id - b.source_id);
  const lastSourceId = mapped.length ? Math.max(...mapped.map((m) => m.source_id)) : null;
  return { products: ordered, skipped: skipped.sort((a, b) => a.source_id - b.source_id), lastSourceId };
}
