// The demo's photo server answers the shop's media paths with a picture, the same one each time,
// and nothing else.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMediaServer } from './media-server.mjs';

let media;
before(async () => {
  media = await startMediaServer();
});
after(() => media?.close());

test('answers a product photo path with an SVG picture in the colour its name says', async () => {
  assert.match(media.url, /^http:\/\/127\.0\.0\.1:\d+\/media\/$/);
  const response = await fetch(`${media.url}catalog/product/m/h/mh01-blue-0.jpg`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/svg+xml');
  const picture = await response.text();
  assert.match(picture, /^<svg [^>]*width="600" height="600"/);
  assert.match(picture, /fill="#1857f7"/);
  assert.match(picture, />mh01-blue-0\.jpg</);
});

test('gives the same file the same picture, and a file without a colour word a colour of its own', async () => {
  const get = async (file) => (await fetch(`${media.url}catalog/product/${file}`)).text();
  assert.equal(await get('m/h/mh01-0.jpg'), await get('m/h/mh01-0.jpg'));
  assert.match(await get('m/h/mh01-0.jpg'), /fill="hsl\(\d+ 45% 55%\)"/);
});

test('answers 404 for anything that is not a product photo', async () => {
  const base = media.url.replace(/media\/$/, '');
  for (const path of ['media/catalog/product/m/h/notes.txt', 'media/catalog/product/%2e%2e/x.jpg', 'media/other/x.jpg', 'media/catalog/product/%E0%A4%A.jpg', '']) {
    assert.equal((await fetch(base + path)).status, 404, path);
  }
});
