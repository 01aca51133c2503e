// Debian's Chromium for the browser tests, headless and quiet (no calls home), and where their
// screenshots go.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../../../scripts/browser/ensure-chromium.mjs';

export const root = join(import.meta.dirname, '../../..');
export const screenshots = join(root, 'test-artifacts/browser');
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium() {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({ executablePath: ensureChromium(), args: LAUNCH_ARGS });
}
