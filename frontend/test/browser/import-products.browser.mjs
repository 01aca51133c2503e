// The admin's import, end to end in a real browser: the Refresh dialog on the built frontend, the
// built backend, a generated Magento catalog and the Lookbook database.
//   node --test frontend/test/browser/import-products.browser.mjs   (after `npm run build`)
// SCREENSHOT_DOCS=1 also refreshes docs/import-modal.png from the in-progress screenshot.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, root, screenshots } from './chromium.mjs';
import { startStack } from './stack.mjs';

const BATCH_SIZE = 150;

let stack;
let browser;
let page;

before(async () => {
  stack = await startStack({
    products: 3000,
    seed: 7,
    // Small chunks, each after a pause: the job stays "running" for a few polls, long enough to see.
    backendEnv: { IMPORT_CHUNK_SIZE: '30', IMPORT_TEST_SOURCE_DELAY_MS: '1000' },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, httpCredentials: stack.login });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('the Refresh dialog starts an import of the chosen batch size and shows it running', async () => {
  await page.goto(`${stack.frontendUrl}/admin/products`);
  await page.getByText('No products yet').waitFor();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Products' });
  await dialog.getByLabel('Batch size').fill(String(BATCH_SIZE));
  await dialog.getByRole('button', { name: 'Start Import' }).click();

  await dialog.locator('[data-status="running"]').waitFor();
  // Past the first chunk, so the picture shows real progress rather than zeros.
  await dialog.getByTestId('import-processed').filter({ hasNotText: /^0 / }).waitFor();
  await page.screenshot({ path: join(screenshots, 'import-in-progress.png') });
  if (process.env.SCREENSHOT_DOCS === '1') copyFileSync(join(screenshots, 'import-in-progress.png'), join(root, 'docs/import-modal.png'));
});

test('the dialog reaches completed and its counts match the Lookbook database', async () => {
  const dialog = page.getByRole('dialog', { name: 'Import Products' });
  await dialog.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
  await dialog.getByText(/products on sale not yet imported|All products on sale have been imported/).waitFor();
  await page.screenshot({ path: join(screenshots, 'import-completed.png') });

  const [[{ products }]] = await stack.admin.query(`SELECT COUNT(*) AS products FROM \`${stack.lookbookDb}\`.products`);
  assert.ok(products > 0, 'the import wrote no products');
  assert.equal(await metric(dialog, 'Inserted'), String(products));
  assert.equal(await metric(dialog, 'Updated'), '0');
  assert.equal(await metric(dialog, 'Errors'), '0');
  assert.match(await dialog.innerText(), new RegExp(`Processed ${BATCH_SIZE} of ${BATCH_SIZE} products`));
});

test('after Close, the table lists the imported products and finds one by SKU', async () => {
  const dialog = page.getByRole('dialog', { name: 'Import Products' });
  await dialog.locator('[data-slot="dialog-footer"]').getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const [[{ products }]] = await stack.admin.query(`SELECT COUNT(*) AS products FROM \`${stack.lookbookDb}\`.products`);
  await page.getByText(new RegExp(`^Showing 1–\\d+ of ${Number(products).toLocaleString('en-US')}$`)).waitFor();
  await page.screenshot({ path: join(screenshots, 'products-table.png') });

  const [[{ sku, title }]] = await stack.admin.query(`SELECT sku, title FROM \`${stack.lookbookDb}\`.products ORDER BY source_id DESC LIMIT 1`);
  await page.getByRole('searchbox', { name: 'Search products' }).fill(sku);
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: sku, exact: true }) });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(escapeRegExp(title)));
  await page.screenshot({ path: join(screenshots, 'products-search.png') });
});

test('Refresh imported products withdraws a product the shop disabled, and the table marks it not on sale', async () => {
  const [[{ sku, source_id: sourceId }]] = await stack.admin.query(`SELECT sku, source_id FROM \`${stack.lookbookDb}\`.products ORDER BY source_id LIMIT 1`);
  await stack.admin.query(
    `UPDATE \`${stack.magentoDb}\`.catalog_product_entity_int v
       JOIN \`${stack.magentoDb}\`.eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'status' AND a.entity_type_id = 4
        SET v.value = 2
      WHERE v.entity_id = ?`,
    [sourceId],
  );
  await page.getByRole('button', { name: 'Refresh' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Products' });
  await dialog.getByText('Not refreshed yet.').waitFor();
  await page.screenshot({ path: join(screenshots, 'refresh-form.png') });

  await dialog.getByRole('button', { name: 'Refresh imported products' }).click();

  await dialog.getByRole('progressbar', { name: 'Refresh progress' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'refresh-in-progress.png') });
  await dialog.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
  assert.equal(await metric(dialog, 'Withdrawn'), '1');
  assert.equal(await metric(dialog, 'Errors'), '0');
  assert.equal(await dialog.locator('dt:text-is("Inserted")').count(), 0);
  await page.screenshot({ path: join(screenshots, 'refresh-completed.png') });
  await dialog.locator('[data-slot="dialog-footer"]').getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('searchbox', { name: 'Search products' }).fill(sku);
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: sku, exact: true }) });
  await row.getByText('Not on sale').waitFor();
  await page.screenshot({ path: join(screenshots, 'products-not-on-sale.png') });

  await page.getByRole('button', { name: 'Refresh' }).click();
  await dialog.getByText(/Last refreshed (just now|1 min ago): 1 withdrawn, 0 updated\./).waitFor();
});

/** The number shown under a metric's label, e.g. "Inserted" → "150". */
function metric(dialog, label) {
  return dialog.locator(`dt:text-is("${label}")`).locator('xpath=following-sibling::dd').innerText();
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test("with the shop's database down, the dialog names the problem with its fix, Start Import stays disabled, and prices keep the shop's currency", async () => {
  // The shop (the generator's, which sells in EUR) no longer answers; SHOP_CURRENCY says otherwise.
  const closedPort = Object.assign(new URL(stack.magentoUrl), { port: '1' }).toString();
  await stack.restartBackend({ MYSQL_SHOP_URL: closedPort, SHOP_CURRENCY: 'USD' });

  await page.goto(`${stack.frontendUrl}/admin/products`);
  await page.getByRole('cell', { name: /^€\d/ }).first().waitFor();
  assert.equal(await page.getByRole('cell', { name: /^\$\d/ }).count(), 0);
  assert.equal(await page.getByRole('note').count(), 0);

  await page.getByRole('button', { name: 'Refresh' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Products' });
  const problems = dialog.getByTestId('shop-problems');
  await problems.getByText('The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.').waitFor();
  assert.match(await problems.innerText(), /The shop cannot be imported from as configured/);
  assert.equal(await dialog.getByRole('button', { name: 'Start Import' }).isDisabled(), true);
  assert.equal(await dialog.getByRole('button', { name: 'Refresh imported products' }).isDisabled(), true);
  assert.doesNotMatch(await dialog.innerText(), /backend service is unavailable/i);
  await page.screenshot({ path: join(screenshots, 'shop-down-dialog.png') });
});
