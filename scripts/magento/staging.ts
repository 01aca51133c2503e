import type { Connection } from 'mysql2/promise';
import type { EavValue, ProductRecord, ProductVersion } from './product-rows';
import type { SeededRandom } from './random';
import { STAGING_OPEN_END, STAGING_ORIGIN, type MagentoShape } from './schema';

/**
 * The two content updates of a generated Adobe Commerce shop, as Unix timestamps (staging_update
 * ids): one applied long ago, one scheduled far ahead. Fixed, so catalogs stay identical run to
 * run; the future one stays in the future until 2038, when Magento's own open end (2^31 − 1) runs out.
 */
export const PAST_UPDATE = { id: 1704067200, name: 'New Year 2024 launch' };
export const FUTURE_UPDATE = { id: 2145916800, name: 'Spring 2038 range change' };

export async function insertStagingUpdates(conn: Connection, shape: MagentoShape): Promise<void> {
  await conn.query(`INSERT INTO ${shape.table('staging_update')} (id, start_time, name, is_campaign, is_rollback) VALUES ?`, [
    [PAST_UPDATE, FUTURE_UPDATE].map((update) => [update.id, new Date(update.id * 1000).toISOString().slice(0, 19).replace('T', ' '), update.name, 0, null]),
  ]);
}

/** How a staged product's versions differ from the one in force now. */
type History = 'launched-past' | 'renamed-past' | 'disabled-in-future' | 'launched-past-disabled-in-future' | 'enabled-in-future';

/**
 * Gives a product (a standalone or a configurable) the versions of a staged shop: most have one,
 * some a past applied version and/or a future scheduled one whose values differ. The version in
 * force is always `record.values`, so the plan (on sale or not) holds today.
 */
export function stagedVersions(rng: SeededRandom, record: ProductRecord, nextRowId: () => number): ProductVersion[] {
  const current = record.values;
  if (!rng.chance(0.12)) return [{ rowId: nextRowId(), createdIn: STAGING_ORIGIN, updatedIn: STAGING_OPEN_END, values: current }];
  const enabledNow = isEnabledOnStore1(current);
  const history: History = enabledNow
    ? rng.weighted({ 'launched-past': 35, 'disabled-in-future': 35, 'launched-past-disabled-in-future': 30 })
    : rng.weighted({ 'enabled-in-future': 60, 'renamed-past': 40 });

  const chain: EavValue[][] = [];
  if (history === 'launched-past' || history === 'launched-past-disabled-in-future') chain.push(rename(withStatus(current, 2), ' (preview)'));
  if (history === 'renamed-past') chain.push(rename(current, ' (2023)'));
  const pastCount = chain.length;
  chain.push(current);
  if (history === 'disabled-in-future' || history === 'launched-past-disabled-in-future') chain.push(withStatus(current, 2));
  if (history === 'enabled-in-future') chain.push(withStatus(current, 1));

  return chain.map((values, index) => ({
    rowId: nextRowId(),
    createdIn: index === 0 ? STAGING_ORIGIN : index === pastCount ? PAST_UPDATE.id : FUTURE_UPDATE.id,
    updatedIn: index === chain.length - 1 ? STAGING_OPEN_END : index + 1 === pastCount ? PAST_UPDATE.id : FUTURE_UPDATE.id,
    values,
  }));
}

function isEnabledOnStore1(values: EavValue[]): boolean {
  const status = values.filter((value) => value.attribute.code === 'status');
  return (status.find((value) => value.storeId === 1) ?? status.find((value) => value.storeId === 0))?.value === 1;
}

/** The same values with every status row (any store) set to `status`. */
function withStatus(values: EavValue[], status: 1 | 2): EavValue[] {
  return values.map((value) => (value.attribute.code === 'status' ? { ...value, value: status } : value));
}

function rename(values: EavValue[], suffix: string): EavValue[] {
  return values.map((value) => (value.attribute.code === 'name' && value.storeId === 0 ? { ...value, value: `${value.value}${suffix}` } : value));
}
