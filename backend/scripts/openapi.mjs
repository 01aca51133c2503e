#!/usr/bin/env node
// `npm run api:generate` writes backend/openapi.json from the built app and regenerates the
// frontend's types from it; `npm run api:check` (`--check`) fails when either checked-in file
// differs from what the current code produces, so the contract cannot drift silently.
//
// Runs on the build (dist/) rather than the sources: the document comes from decorator metadata,
// which tsx/esbuild does not emit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SwaggerModule } from '@nestjs/swagger';

const backend = join(import.meta.dirname, '..');
const root = join(backend, '..');
const frontend = join(root, 'frontend');
const DOCUMENT = join(backend, 'openapi.json');
const TYPES = join(frontend, 'features/product-import/api-types.ts');
const dist = (path) => join(backend, 'dist/src', path);

if (!existsSync(dist('app.module.js'))) {
  console.error('[openapi] backend/dist is missing: run `npm run build -w backend` first');
  process.exit(1);
}
const { AppModule } = await import(dist('app.module.js'));
const { configureApp, openApiConfig } = await import(dist('app.setup.js'));
const { APP_CONFIG, loadAppConfig } = await import(dist('config/app-config.js'));
const { MAGENTO_DATA_SOURCE } = await import(dist('database/data-source-options.js'));

const check = process.argv.includes('--check');
const document = `${JSON.stringify(sortKeys(await buildDocument()), null, 2)}\n`;
const types = generateTypes(document);

if (check) {
  const stale = [
    [DOCUMENT, document],
    [TYPES, types],
  ].filter(([file, expected]) => !existsSync(file) || readFileSync(file, 'utf8') !== expected);
  if (stale.length) {
    const names = stale.map(([file]) => relative(root, file)).join(' and ');
    console.error(`[openapi] ${names} out of date with the backend's API: run \`npm run api:generate\` and commit the result`);
    process.exit(1);
  }
  console.log('[openapi] backend/openapi.json and api-types.ts match the backend');
} else {
  writeFileSync(DOCUMENT, document);
  writeFileSync(TYPES, types);
  console.log(`[openapi] wrote ${relative(root, DOCUMENT)} and ${relative(root, TYPES)}`);
}

/**
 * The real AppModule, configured by the same configureApp() as main.ts, so the document is exactly
 * what /api/docs-json serves. Its two data sources are replaced by inert stand-ins: describing the
 * routes needs no database, and the app is never started, so nothing ever queries them.
 */
async function buildDocument() {
  // The shop's data source is told its statement bound when the module is built.
  const neverConnected = { boundStatements() {} };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(loadAppConfig({
      MYSQL_SHOP_URL: 'mysql://unused:unused@127.0.0.1:1/magento',
      LOOKBOOK_DB_URL: 'mysql://unused:unused@127.0.0.1:1/lookbook',
      ADMIN_API_TOKEN: 'x'.repeat(32),
    }))
    .overrideProvider(getDataSourceToken())
    .useValue(neverConnected)
    .overrideProvider(getDataSourceToken(MAGENTO_DATA_SOURCE))
    .useValue(neverConnected)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, moduleRef.get(APP_CONFIG));
  return SwaggerModule.createDocument(app, openApiConfig());
}

/** Object keys sorted at every level, so the file only changes when the API does; arrays keep their order (it means something). */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

/** The frontend's api-types.ts, generated from `document` with openapi-typescript. */
function generateTypes(document) {
  const scratch = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    writeFileSync(join(scratch, 'openapi.json'), document);
    const bin = join(frontend, 'node_modules/.bin/openapi-typescript');
    // A request field with a default stays optional.
    const options = ['--default-non-nullable', 'false'];
    execFileSync(bin, [join(scratch, 'openapi.json'), '-o', join(scratch, 'api-types.ts'), ...options], { stdio: ['ignore', 'ignore', 'inherit'] });
    return readFileSync(join(scratch, 'api-types.ts'), 'utf8');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
