// Reads .env (when present) into process.env without overriding what is already set, and writes
// generated settings back into it. Node built-ins only: it runs before `npm ci` has.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ENV_FILE = resolve(import.meta.dirname, '../../.env');

/** Names of the variables the last loadEnv took from the file (the rest came from the environment). */
export const fromEnvFile = new Set();

export function loadEnv(file = ENV_FILE) {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (!match || (process.env[match[1]] !== undefined && !fromEnvFile.has(match[1]))) continue;
    process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    fromEnvFile.add(match[1]);
  }
}

/**
 * Sets `values` in the .env file (replacing a line for the same name, else appending) and in
 * process.env. The file is made readable by its owner only, also when it already existed (e.g.
 * copied from .env.example): it holds passwords.
 */
export function writeEnvValues(values, file = ENV_FILE) {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const [name, value] of Object.entries(values)) {
    const line = `${name}=${value}`;
    const pattern = new RegExp(`^\\s*${name}\\s*=.*$`, 'm');
    text = pattern.test(text) ? text.replace(pattern, () => line) : `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`;
    process.env[name] = value;
    fromEnvFile.add(name);
  }
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}
