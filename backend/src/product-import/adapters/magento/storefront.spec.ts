import { StorefrontOverrides, storefrontFromConfig, todayIn } from './storefront';

const scope = { storeId: 2, storeCode: 'de', websiteId: 1 };
const noOverrides: StorefrontOverrides = { baseUrl: null, mediaBaseUrl: null };
const resolve = (config: Record<string, string>, overrides = noOverrides) => storefrontFromConfig(new Map(Object.entries(config)), scope, overrides);

describe('storefront from the store configuration', () => {
  it('uses the unsecure URLs unless the storefront uses https, filling in placeholders', () => {
    const config = {
      'web/unsecure/base_url': 'http://shop.example/',
      'web/secure/base_url': 'https://shop.example/',
      'web/secure/base_link_url': '{{secure_base_url}}',
      'web/secure/base_media_url': '{{secure_base_url}}pub/media/',
    };
    expect(resolve(config)).toMatchObject({ linkBase: 'http://shop.example/', mediaBase: 'http://shop.example/media/', problems: [] });
    expect(resolve({ ...config, 'web/secure/use_in_frontend': '1' })).toMatchObject({
      linkBase: 'https://shop.example/',
      mediaBase: 'https://shop.example/pub/media/',
    });
  });

  it('adds index.php/ without rewrites, then the store code when URLs carry it', () => {
    const config = { 'web/unsecure/base_url': 'http://shop.example', 'web/seo/use_rewrites': '0', 'web/url/use_store': '1' };
    expect(resolve(config).linkBase).toBe('http://shop.example/index.php/de/');
  });

  it("takes Magento's .html suffix by default, and an empty one as none", () => {
    expect(resolve({}).productUrlSuffix).toBe('.html');
    expect(resolve({ 'catalog/seo/product_url_suffix': '' }).productUrlSuffix).toBe('');
  });

  it('leaves out a base URL that is not absolute http(s), naming the setting once', () => {
    const result = resolve({ 'web/unsecure/base_url': 'javascript:alert(1)//' });
    expect(result).toMatchObject({ linkBase: null, mediaBase: null });
    expect(result.problems).toEqual(['web/unsecure/base_url of store 2 is not an absolute http(s) URL: product links and photos left empty']);
    expect(resolve({ 'web/unsecure/base_url': 'http://shop.example/', 'web/unsecure/base_media_url': '/media/' })).toMatchObject({
      linkBase: 'http://shop.example/',
      mediaBase: null,
      problems: ['web/unsecure/base_media_url of store 2 is not an absolute http(s) URL: photos left empty'],
    });
  });

  it('lets the settings replace the shop’s base URLs', () => {
    const config = { 'web/unsecure/base_url': 'http://staging.internal/', 'web/url/use_store': '1' };
    expect(resolve(config, { baseUrl: 'https://shop.example/', mediaBaseUrl: null })).toMatchObject({
      linkBase: 'https://shop.example/de/',
      mediaBase: 'https://shop.example/media/',
    });
    expect(resolve(config, { baseUrl: null, mediaBaseUrl: 'https://cdn.example/' }).mediaBase).toBe('https://cdn.example/');
  });

  it('takes dates in UTC for an unknown timezone, and says so', () => {
    expect(resolve({ 'general/locale/timezone': 'Europe/Berlin' })).toMatchObject({ timeZone: 'Europe/Berlin', problems: [] });
    expect(resolve({ 'general/locale/timezone': 'Mars/Olympus' })).toMatchObject({
      timeZone: 'UTC',
      problems: ['general/locale/timezone "Mars/Olympus" is not a timezone name this server knows: dates are taken in UTC'],
    });
  });

  it("tells today's date in the store's timezone", () => {
    const lateEvening = new Date('2026-12-06T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-12-06');
    expect(todayIn('Europe/Berlin', lateEvening)).toBe('2026-12-07');
    expect(todayIn('America/Los_Angeles', new Date('2026-12-07T05:00:00Z'))).toBe('2026-12-06');
  });
});
