// The bench loads the backend from backend/dist, so it must not measure a build older than the
// sources: when any source, migration or tsconfig is newer than its output, it rebuilds first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '../..');
const backend = join(root, 'backend');

export function ensureFreshBackendBuild(log) {
  const stale = staleOutputs();
  if (stale.length === 0) {
    log('backend/dist is up to date with backend/src');
    return { rebuilt: false };
  }
  log(`building the backend (${stale.length} output(s) older than their source, e.g. ${stale[0]})`);
  const result = spawnSync('npm', ['run', 'build', '-w', 'backend'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build -w backend failed');
  return { rebuilt: true };
}

/** Sources whose compiled .js is missing or older than them (or than a tsconfig). */
function staleOutputs() {
  const configs = ['tsconfig.json', 'backend/tsconfig.json', 'backend/tsconfig.build.json'].map((f) => join(root, f));
  const configTime = Math.max(...configs.filter(existsSync).map((f) => statSync(f).mtimeMs));
  const sources = [...walk(join(backend, 'src')), ...walk(join(backend, 'migrations'))].filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'),
  );
  return sources
    .filter((source) => {
      const output = join(backend, 'dist', relative(backend, source)).replace(/\.ts$/, '.js');
      if (!existsSync(output)) return true;
      const built = statSync(output).mtimeMs;
      return built < statSync(source).mtimeMs || built < configTime;
    })
    .map((source) => relative(root, source));
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
