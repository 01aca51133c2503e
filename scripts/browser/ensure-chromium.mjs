#!/usr/bin/env node
// Makes sure the browser tests have a Chromium: Debian's package at /usr/bin/chromium. On Debian as
// root (CI) it installs it when missing; elsewhere it stops with one line saying what to install.
// Playwright's own browser download is not used: it is not reachable from every machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const APT_LISTS = '/var/lib/apt/lists';
const APT_FRESH_MS = 24 * 60 * 60 * 1000;

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  }
  const apt = (...args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const updated = !aptListsAreFresh() && (apt('update'), true);
  console.log('[browser] installing chromium');
  try {
    apt('install', '-y', 'chromium');
  } catch (error) {
    // Lists a day old can already name package versions the mirror has replaced.
    if (updated) throw error;
    apt('update');
    apt('install', '-y', 'chromium');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

/** A clean machine has no package lists at all; a recent `apt-get update` need not be repeated. */
function aptListsAreFresh() {
  if (!existsSync(APT_LISTS)) return false;
  const lists = readdirSync(APT_LISTS).filter((name) => name.endsWith('_Packages'));
  return lists.some((name) => Date.now() - statSync(`${APT_LISTS}/${name}`).mtimeMs < APT_FRESH_MS);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(`[browser] using ${ensureChromium()}`);
  } catch (error) {
    console.error(`[browser] ${error.message}`);
    process.exit(1);
  }
}
