// The products page as the shop shows its products, in a real browser: photos served by the demo's
// photo server, today's price beside the struck regular one, colour swatches, the shop's link, the
// detail sheet, cards on a phone, and no accessibility violations (axe-core).
//   node --test frontend/test/browser/products-page.browser.mjs   (after `npm run build`)
// SCREENSHOT_DOCS=1 also refreshes docs/product-detail.png.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { axeViolations } from './axe.mjs';
import { launchChromium, root, screenshots } from './chromium.mjs';
import { startStack } from './stack.mjs';

const IMPORTED = 400;

let stack;
let browser;
let context;
let page;
/** The shop's currency, as the products API names it. */
let currency;

before(async () => {
  stack = await startStack({ products: 3000, seed: 7 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, httpCredentials: stack.login });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await importProducts(IMPORTED);
  ({ currency } = await (await context.request.get(`${stack.frontendUrl}/api/admin/products?page=1&pageSize=1`)).json());
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("the first page's thumbnails load from the shop's media URLs", async () => {
  await page.goto(`${stack.frontendUrl}/admin/products`);
  await page.getByRole('table').waitFor();
  const expected = await rows(`image_url IS NOT NULL ORDER BY source_id LIMIT 5`);
  assert.ok(expected.length > 0, "none of the first imported products has a photo: the generator's data lacks galleries");

  for (const { sku, image_url: imageUrl } of expected) {
    const image = productRow(sku).locator('img');
    assert.equal(await image.getAttribute('src'), imageUrl);
    assert.ok(imageUrl.startsWith(`${stack.mediaUrl}catalog/product/`), `${sku}: ${imageUrl} is not served by the photo server`);
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((element) => element.complete, await image.elementHandle());
    assert.ok((await image.evaluate((element) => element.naturalWidth)) > 0, `${sku}: its thumbnail did not load`);
  }
  await page.screenshot({ path: join(screenshots, 'products-photos.png') });
});

test('a product on sale shows its final price with the regular price struck through', async () => {
  const [sale] = await rows('final_price < price ORDER BY source_id LIMIT 1');
  assert.ok(sale, `no product among the ${IMPORTED} imported is on sale today: the generator's data lacks sale prices`);
  const row = await search(sale.sku);
  assert.equal(await row.locator('s').textContent(), `Regular price ${money(sale.price)}`);
  assert.match(await row.innerText(), new RegExp(escapeRegExp(money(sale.final_price))));
});

test("a configurable's colours show as swatches named for screen readers, and View in shop links to the shop's page", async () => {
  const product = await configurableWithSwatch();
  const variant = product.variants.find((entry) => HEX.test(entry.swatch ?? ''));
  const row = await search(product.sku);

  const swatch = row.getByRole('list', { name: 'Colours' }).locator('[data-slot="swatch"]').filter({ hasText: variant.color });
  assert.equal(await swatch.evaluate((element) => getComputedStyle(element).backgroundColor), rgb(variant.swatch));
  const link = row.getByRole('link', { name: /^View in shop/ });
  assert.equal(await link.getAttribute('href'), product.product_url);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(await axeViolations(page), []);
});

test("a row opens the product's detail with its gallery and a line per colour", async () => {
  const product = await configurableWithSwatch();
  const row = await search(product.sku);
  await row.getByRole('cell', { name: product.sku, exact: true }).click();
  const detail = page.getByRole('dialog', { name: product.title });
  await detail.waitFor();

  assert.equal(await detail.getByRole('list', { name: 'Variants' }).getByRole('listitem').count(), product.variants.length);
  const photos = detail.getByRole('list', { name: 'Photos' }).locator('img');
  assert.equal(await photos.count(), product.images.length);
  if ((await photos.count()) > 0) {
    await page.waitForFunction((element) => element.complete, await photos.first().elementHandle());
    assert.ok((await photos.first().evaluate((element) => element.naturalWidth)) > 0, 'the first gallery photo did not load');
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(screenshots, 'product-detail.png') });
  if (process.env.SCREENSHOT_DOCS === '1') copyFileSync(join(screenshots, 'product-detail.png'), join(root, 'docs/product-detail.png'));
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'hidden' });
});

test("on a phone's width (390 px) the products are cards, and nothing scrolls sideways", async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, httpCredentials: stack.login, isMobile: true, hasTouch: true });
  try {
    const phonePage = await phone.newPage();
    await phonePage.goto(`${stack.frontendUrl}/admin/products`);
    const cards = phonePage.getByRole('list', { name: 'Products' });
    await cards.waitFor();
    assert.equal(await phonePage.getByRole('table').count(), 0);
    assert.equal(await cards.locator('[data-slot="product-card"]').count(), 25);
    assert.ok(await phonePage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways');
    assert.deepEqual(await axeViolations(phonePage), []);
    await phonePage.screenshot({ path: join(screenshots, 'products-phone.png') });
  } finally {
    await phone.close();
  }
});

/** Imports `limit` products through the admin API, as the dialog does, and waits for the job. */
async function importProducts(limit) {
  const api = `${stack.frontendUrl}/api/admin/product-import/jobs`;
  const started = await context.request.post(api, { data: { limit } });
  assert.equal(started.status(), 201, await started.text());
  const { jobId } = await started.json();
  for (let tries = 0; tries < 240; tries++) {
    const job = await (await context.request.get(`${api}/${jobId}`)).json();
    if (job.status === 'completed') return;
    assert.notEqual(job.status, 'failed', job.error_message);
    await sleep(250);
  }
  throw new Error(`import job ${jobId} did not finish within a minute`);
}

const HEX = /^#[0-9a-f]{6}$/i;

/** Lookbook rows on sale chosen by `where` (SQL after WHERE), as the import wrote them. */
async function rows(where) {
  const [found] = await stack.admin.query(`SELECT * FROM \`${stack.lookbookDb}\`.products WHERE in_stock = 1 AND ${where}`);
  return found.map((row) => ({ ...row, images: parsed(row.images), variants: parsed(row.variants) }));
}

const parsed = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

/** The first imported configurable with a hex swatch and a shop URL. */
async function configurableWithSwatch() {
  const found = (await rows('product_url IS NOT NULL ORDER BY source_id')).find((row) => row.variants.some((variant) => HEX.test(variant.swatch ?? '')));
  assert.ok(found, `no product among the ${IMPORTED} imported has a hex colour swatch: the generator's data lacks swatches`);
  return found;
}

function productRow(sku) {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: sku, exact: true }) });
}

async function search(sku) {
  await page.getByRole('searchbox', { name: 'Search products' }).fill(sku);
  const row = productRow(sku);
  await row.waitFor();
  return row;
}

/** "39.0000" → "$39.00", as the page shows a price. */
function money(price) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(price));
}

function rgb(hex) {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
