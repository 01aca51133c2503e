import { QueryRunner } from 'typeorm';
import { NamedDataSource } from '../../../database/named-data-source';
import { writePrivileges } from './shop-grants';
import { connectionProblem, shopFailureSentence } from './shop-connection-problem';
import { readDefaultConfig } from './shop-config';
import { inspectShop } from './shop-inspection';
import { MagentoSettings, ShopProfile } from './shop-profile';

const ISO_4217 = /^[A-Z]{3}$/;
const BASE_CURRENCY_PATH = 'currency/options/base';

/**
 * What the importer finds in the shop as configured, the same for `npm run shop:check` and the
 * running backend: each problem (imports cannot run) and hint (advice) is a sentence with its fix,
 * naming settings and tables only, never the host or password.
 */
export interface ShopDiagnosis {
  /** The shop's shape when it can be imported from; null while there is a problem. */
  profile: ShopProfile | null;
  problems: string[];
  hints: string[];
  /** True when the shop's database could not be connected to at all (the first problem says why). */
  unreachable: boolean;
  /**
   * The shop's base currency (core_config_data currency/options/base) when it names one; null when
   * the shop answered without one; undefined when it was not read (the shop did not answer).
   */
  currency: string | null | undefined;
}

/** Connects (if not yet connected) and checks the shop in one read-only transaction. */
export async function diagnoseShop(shop: NamedDataSource, settings: MagentoSettings): Promise<ShopDiagnosis> {
  try {
    await shop.connectIfNeeded();
  } catch (error) {
    return { profile: null, problems: [shopFailureSentence(error)], hints: [], unreachable: true, currency: undefined };
  }
  const runner = shop.createQueryRunner();
  try {
    await runner.query('START TRANSACTION READ ONLY');
    const inspection = await inspectShop(runner, settings);
    const hints = [...inspection.hints];
    const privileges = await writePrivileges(runner);
    if (privileges.length > 0) {
      hints.push(`The user in MYSQL_SHOP_URL can write to the shop database (${privileges.join(', ')}); the importer only reads: grant SELECT only.`);
    }
    const currency = await baseCurrency(runner, settings);
    await runner.query('COMMIT');
    return { profile: inspection.profile, problems: inspection.problems, hints, unreachable: false, currency };
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    return { profile: null, problems: [shopFailureSentence(error)], hints: [], unreachable: connectionProblem(error) !== undefined, currency: undefined };
  } finally {
    await runner.release();
  }
}

/** The shop's base currency, set at the default scope; null without that row or table. */
async function baseCurrency(runner: QueryRunner, settings: MagentoSettings): Promise<string | null> {
  try {
    const value = (await readDefaultConfig(runner, settings, BASE_CURRENCY_PATH))?.toUpperCase();
    return value && ISO_4217.test(value) ? value : null;
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_NO_SUCH_TABLE') return null;
    throw error;
  }
}
