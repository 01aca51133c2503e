import type { ProductRecord } from '../../../scripts/magento/product-rows';
import type { ShopModel, StorefrontOracle } from '../../../scripts/magento/storefront-oracle';
import { GUEST_GROUP } from '../../../scripts/magento/storefront-model';
import type { Storefronts } from './storefront';

/**
 * The rules of the storefront fields, each with the products on sale (or their counted children)
 * that put it to the test: a case where a reader that broke the rule would write something else.
 * Comparing every product with the oracle shows a rule only when its list is not empty, so the
 * suites assert that none is (`rulesWithoutACase`).
 */
export function ruleCases(model: ShopModel, oracle: StorefrontOracle, expected: Storefronts): Record<string, number> {
  const storeId = oracle.storeId;
  const records = Object.keys(expected).map((id) => model.products.get(Number(id))!);
  const children = records.filter((record) => record.typeId === 'configurable')
    .flatMap((parent) => [...model.products.values()].filter((child) => child.parentId === parent.entityId));
  const priced = [...records.filter((record) => record.typeId !== 'configurable'), ...children];
  const value = (record: ProductRecord, code: string, store = 0) => record.values.find((v) => v.attribute.code === code && v.storeId === store)?.value;
  const final = (record: ProductRecord) => Number(oracle.finalPrice(record));
  const today = oracle.today;
  const day = (record: ProductRecord, code: string) => String(value(record, code) ?? '').slice(0, 10);
  const cheaper = (record: ProductRecord, amount: number) => amount < final(record);
  const shown = (record: ProductRecord) => expected[record.entityId]?.images ?? oracle.images(record);
  const gallery = (record: ProductRecord) => record.storefront?.gallery ?? [];
  const storeRow = (entry: ReturnType<typeof gallery>[number]) => entry.values.find((v) => v.storeId === storeId);
  const adminRow = (entry: ReturnType<typeof gallery>[number]) => entry.values.find((v) => v.storeId === 0);
  const isShown = (record: ProductRecord, file: string) => shown(record).some((image) => image.url.endsWith(`catalog/product${file}`));
  const all = Object.values(expected);
  const variants = all.flatMap((storefront) => storefront.variants);
  const count = <T>(list: T[], test: (item: T) => unknown) => list.filter(test).length;

  return {
    'final price: the regular price when nothing is lower': count(priced, (r) => oracle.priceSource(r) === 'price'),
    'final price: null without a regular price': count(priced, (r) => oracle.finalPrice(r) === null),
    'final price: a special price in its window': count(priced, (r) => oracle.priceSource(r) === 'special'),
    'final price: a special price opening today (store timezone)': count(priced, (r) => day(r, 'special_from_date') === today && oracle.priceSource(r) === 'special'),
    'final price: a special price ending today, through the whole day': count(priced, (r) => day(r, 'special_to_date') === today && oracle.priceSource(r) === 'special'),
    'final price: a lower special price outside its window (ended, opens tomorrow)': count(priced, (r) => {
      const special = value(r, 'special_price', storeId) ?? value(r, 'special_price');
      const [from, to] = [day(r, 'special_from_date'), day(r, 'special_to_date')];
      return typeof special === 'number' && cheaper(r, special) && ((from !== '' && from > today) || (to !== '' && to < today));
    }),
    'final price: the store view\'s special price over the admin\'s': count(priced, (r) => value(r, 'special_price', storeId) !== undefined && oracle.priceSource(r) === 'special'),
    'final price: a fixed tier price for all groups or guests': count(priced, (r) => oracle.priceSource(r) === 'tier'),
    'final price: a percentage tier price, rounded to 4 places': count(priced, (r) => oracle.priceSource(r) === 'tier-percentage'),
    'final price: a lower tier price that does not count (other group, qty > 1, other website)': count(priced, (r) =>
      (r.storefront?.tierPrices ?? []).some((tier) =>
        tier.percentageValue === null && cheaper(r, tier.value)
        && (tier.qty > 1 || (tier.allGroups === 0 && tier.customerGroupId !== GUEST_GROUP) || ![0, oracle.websiteId].includes(tier.websiteId)))),
    'final price: today\'s catalog rule price': count(priced, (r) => oracle.priceSource(r) === 'rule'),
    'final price: a lower rule price for yesterday, tomorrow, another group or website': count(priced, (r) =>
      (r.storefront?.rulePrices ?? []).some((rule) => (rule.ruleDate !== today || rule.customerGroupId !== GUEST_GROUP || rule.websiteId !== oracle.websiteId) && cheaper(r, rule.price))),
    'final price: a configurable\'s lowest over its counted children': count(records, (r) => r.typeId === 'configurable' && expected[r.entityId].final_price !== null),
    'final price: a configurable with a cheaper child it does not count': count(records, (r) => {
      if (r.typeId !== 'configurable' || expected[r.entityId].final_price === null) return false;
      const price = Number(expected[r.entityId].final_price);
      return [...model.products.values()].some((child) => child.parentId === r.entityId && !oracle.counts(child) && Number(oracle.finalPrice(child) ?? Infinity) < price);
    }),
    'images: several, ordered by position': count(all, (s) => s.images.length > 2),
    'images: the store view\'s label over the admin\'s': count(records, (r) => gallery(r).some((e) => storeRow(e)?.label && storeRow(e)?.label !== adminRow(e)?.label && isShown(r, e.file))),
    'images: an admin label where the store view\'s row has none': count(records, (r) => gallery(r).some((e) => storeRow(e) && storeRow(e)!.label === null && adminRow(e)?.label && isShown(r, e.file))),
    'images: the store view\'s position over the admin\'s': count(records, (r) => gallery(r).some((e) => storeRow(e)?.position != null && storeRow(e)?.position !== adminRow(e)?.position && isShown(r, e.file))),
    'images: without a position, last': count(records, (r) => {
      const images = shown(r);
      return images.length > 1 && gallery(r).some((e) => (storeRow(e)?.position ?? adminRow(e)?.position) == null && images[images.length - 1].url.endsWith(e.file));
    }),
    'images: hidden by the admin row': count(records, (r) => gallery(r).some((e) => adminRow(e)?.disabled === 1 && !storeRow(e) && !isShown(r, e.file))),
    'images: hidden in the store view only': count(records, (r) => gallery(r).some((e) => storeRow(e)?.disabled === 1 && adminRow(e)?.disabled === 0)),
    'images: hidden by the admin, shown by the store view\'s row': count(records, (r) => gallery(r).some((e) => storeRow(e)?.disabled === 0 && adminRow(e)?.disabled === 1 && isShown(r, e.file))),
    'images: the gallery entry\'s own flag': count(records, (r) => gallery(r).some((e) => e.disabled === 1)),
    'images: videos left out': count(records, (r) => gallery(r).some((e) => e.mediaType === 'external-video')),
    'images: roles, the store view\'s base image over the admin\'s': count(records, (r) => typeof value(r, 'image', storeId) === 'string' && value(r, 'image', storeId) !== value(r, 'image')),
    'images: no_selection is no role': count(records, (r) => ['image', 'small_image', 'thumbnail', 'swatch_image'].some((role) => value(r, role) === 'no_selection') && shown(r).length > 0),
    'images: a swatch image role': count(all, (s) => s.images.some((image) => image.roles.includes('swatch_image'))),
    'image_url: the base image': count(all, (s) => s.image_url !== null && s.images.find((image) => image.url === s.image_url)?.roles.includes('image')),
    'image_url: the first photo when the base image is not shown': count(all, (s) => s.image_url !== null && s.image_url === s.images[0]?.url && !s.images[0].roles.includes('image')),
    'image_url: a configurable\'s first counted child\'s base image': count(records, (r) => r.typeId === 'configurable' && expected[r.entityId].images.length === 0 && expected[r.entityId].image_url !== null),
    'image_url: none': count(all, (s) => s.image_url === null),
    'product_url: the store\'s own rewrite': count(records, (r) => (r.storefront?.urlRewrites ?? []).some((w) => w.storeId === storeId && w.redirectType === 0 && w.metadata === null)),
    'product_url: the lowest of several rewrites': count(records, (r) => count(r.storefront?.urlRewrites ?? [], (w) => w.storeId === storeId && w.redirectType === 0 && w.metadata === null) > 1),
    'product_url: url_key + suffix when only redirects and category paths exist': count(records, (r) =>
      (r.storefront?.urlRewrites ?? []).some((w) => w.storeId === storeId && (w.redirectType !== 0 || w.metadata !== null))
      && !(r.storefront?.urlRewrites ?? []).some((w) => w.storeId === storeId && w.redirectType === 0 && w.metadata === null)),
    'product_url: url_key + suffix without any rewrite': count(records, (r) => !(r.storefront?.urlRewrites ?? []).some((w) => w.storeId === storeId) && typeof value(r, 'url_key') === 'string'),
    'product_url: catalog/product/view/id without a url_key': count(all, (s) => s.product_url?.includes('/catalog/product/view/id/')),
    'variants: several colours': count(all, (s) => s.variants.length > 1),
    'variants: several sizes': count(variants, (v) => v.sizes.length > 2),
    'variants: a hex swatch': count(variants, (v) => v.swatch?.startsWith('#')),
    'variants: the store view\'s swatch over the admin\'s': count(variants, (v) => v.swatch === '#1857f7'),
    'variants: no swatch (text or image swatch, or none)': count(variants, (v) => v.swatch === null),
    'variants: a colour\'s photo': count(variants, (v) => v.image_url !== null),
    'variants: a colour without a photo': count(variants, (v) => v.image_url === null),
    'variants: none for a product that is not configurable': count(records, (r) => r.typeId !== 'configurable'),
  };
}

/** The rules no product of the list puts to the test. */
export function rulesWithoutACase(cases: Record<string, number>): string[] {
  return Object.entries(cases).filter(([, found]) => found === 0).map(([rule]) => rule);
}
