import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const backendRoot = join(__dirname, '..');

/** The flags node-flags.mjs lists, read from its text (Jest loads CommonJS, the file is an ES module). */
function listedFlags(): string[] {
  const text = readFileSync(join(backendRoot, 'node-flags.mjs'), 'utf8');
  const list = /BACKEND_NODE_FLAGS = \[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map(([, flag]) => flag);
}

describe('the backend process flags', () => {
  it('are the ones `npm start` runs the backend with', () => {
    const { scripts } = JSON.parse(readFileSync(join(backendRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const flags = listedFlags();
    expect(flags.length).toBeGreaterThan(0);
    expect(scripts.start).toBe(`node ${flags.join(' ')} dist/src/main.js`);
  });
});
