import { ConfigError, loadAppConfig } from './app-config';

const valid = {
  MYSQL_SHOP_URL: 'mysql://shop:s3cret@db.internal:3307/magento',
  LOOKBOOK_DB_URL: 'mysql://lookbook:hunter2@127.0.0.1:3306/lookbook',
  ADMIN_API_TOKEN: 'x'.repeat(32),
};

describe('loadAppConfig', () => {
  it('reads both database URLs and applies defaults', () => {
    const config = loadAppConfig(valid);

    expect(config.shopDb).toEqual({ host: 'db.internal', port: 3307, user: 'shop', password: 's3cret', database: 'magento' });
    expect(config.port).toBe(3001);
    expect(config.magento).toEqual({
      storeId: 1, stockSource: 'legacy', includeNotVisible: false, tablePrefix: '', queryTimeoutMs: 30_000, stateQueryTimeoutMs: 4_000,
      baseUrl: null, mediaBaseUrl: null,
    });
    expect(config.authFailuresPerMinute).toBe(10);
    expect(config.trustProxy).toBe(false);
    expect(config.shopCurrency).toBe('USD');
    expect(config.logFormat).toBe('text');
  });

  it('reads which proxies to trust for the client address', () => {
    expect(loadAppConfig({ ...valid, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadAppConfig({ ...valid, TRUST_PROXY: '10.0.0.5, 192.168.0.0/16' }).trustProxy).toBe('10.0.0.5,192.168.0.0/16');
  });

  it('takes absolute http(s) base URLs for links and photos, ending them with a slash', () => {
    const { magento } = loadAppConfig({ ...valid, MAGENTO_BASE_URL: 'https://shop.example', MAGENTO_MEDIA_BASE_URL: 'http://cdn.example/m/' });
    expect(magento.baseUrl).toBe('https://shop.example/');
    expect(magento.mediaBaseUrl).toBe('http://cdn.example/m/');
  });

  it.each(['javascript:alert(1)//', '/media/', 'shop.example', 'ftp://shop.example/', 'https:shop.example'])('refuses %s as a base URL, naming the setting', (url) => {
    expect(() => loadAppConfig({ ...valid, MAGENTO_MEDIA_BASE_URL: url })).toThrow(new ConfigError('MAGENTO_MEDIA_BASE_URL must be an absolute http:// or https:// URL, e.g. https://shop.example/'));
  });

  it('takes a table prefix made of the characters Magento allows', () => {
    expect(loadAppConfig({ ...valid, MAGENTO_TABLE_PREFIX: 'mg_2' }).magento.tablePrefix).toBe('mg_2');
  });

  it.each([
    ['MYSQL_SHOP_URL', undefined, /MYSQL_SHOP_URL is not set/],
    ['LOOKBOOK_DB_URL', undefined, /LOOKBOOK_DB_URL is not set/],
    ['MYSQL_SHOP_URL', 'not a url', /MYSQL_SHOP_URL is not a valid URL/],
    ['LOOKBOOK_DB_URL', 'postgres://u:hunter2@h/db', /LOOKBOOK_DB_URL must look like mysql:\/\//],
    ['LOOKBOOK_DB_URL', 'mysql://u:hunter2@h:3306/', /LOOKBOOK_DB_URL must look like/],
    ['ADMIN_API_TOKEN', 'short', /ADMIN_API_TOKEN must be at least 32 characters/],
    ['ADMIN_API_TOKEN', undefined, /ADMIN_API_TOKEN is not set/],
    ['MAGENTO_STOCK_SOURCE', 'warehouse', /MAGENTO_STOCK_SOURCE must be one of legacy, msi/],
    ['MAGENTO_STORE_ID', '0', /MAGENTO_STORE_ID must be an integer from 1 to 65535/],
    ['MAGENTO_TABLE_PREFIX', 'mg`; DROP', /MAGENTO_TABLE_PREFIX may hold only letters, digits and underscores/],
    ['PORT', 'eighty', /PORT must be an integer/],
    ['AUTH_FAILURES_PER_MINUTE', '0', /AUTH_FAILURES_PER_MINUTE must be an integer from 1 to 100000/],
    ['AUTH_FAILURES_PER_MINUTE', 'ten', /AUTH_FAILURES_PER_MINUTE must be an integer/],
    ['MAGENTO_QUERY_TIMEOUT_MS', '0', /MAGENTO_QUERY_TIMEOUT_MS must be an integer from 100/],
    ['MAGENTO_STATE_QUERY_TIMEOUT_MS', 'soon', /MAGENTO_STATE_QUERY_TIMEOUT_MS must be an integer/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY must be addresses or ranges/],
    ['TRUST_PROXY', 'proxy.example', /TRUST_PROXY must be addresses or ranges/],
    ['SHOP_CURRENCY', 'euro', /SHOP_CURRENCY must be a three-letter ISO 4217 currency code/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT must be one of text, json/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    const run = () => loadAppConfig({ ...valid, [name]: value });

    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
