// Whether backend/dist and frontend/.next were built from the sources as they are now: a hash of
// every file the two builds read (and of the NEXT_PUBLIC_* settings Next inlines), kept in
// .run/build-stamp after each successful build. Content, not mtimes: a checkout touches every file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const INPUTS = ['package-lock.json', 'tsconfig.json', 'backend', 'frontend'];
const SKIP = new Set(['node_modules', 'dist', '.next', 'test', 'coverage', 'openapi.json', 'next-env.d.ts']);
const OUTPUTS = ['backend/dist/src/main.js', 'frontend/.next/BUILD_ID'];

export function currentSourceHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => [...walk(join(root, input))]).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of Object.keys(process.env).filter((n) => n.startsWith('NEXT_PUBLIC_')).sort()) {
    hash.update(`${name}=${process.env[name]}\0`);
  }
  return hash.digest('hex');
}

const stampFile = (root) => join(root, '.run', 'build-stamp');

export function buildIsCurrent(root = ROOT) {
  if (!OUTPUTS.every((output) => existsSync(join(root, output))) || !existsSync(stampFile(root))) return false;
  return readFileSync(stampFile(root), 'utf8').trim() === currentSourceHash(root);
}

/** After a successful build of both workspaces, with the hash taken before it started. */
export function recordBuild(sourceHash, root = ROOT) {
  mkdirSync(join(root, '.run'), { recursive: true });
  writeFileSync(stampFile(root), `${sourceHash}\n`);
}

function* walk(path) {
  if (!existsSync(path)) return;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    yield path; // a file
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.tsbuildinfo') || /\.(spec|test)\.tsx?$/.test(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* walk(child);
    else yield child;
  }
}
