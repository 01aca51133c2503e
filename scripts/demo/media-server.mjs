// The demo shop's photos, served from this machine so nothing leaves it: any
// /media/catalog/product/<file> is answered with a generated picture, the same for the same file,
// coloured by the colour word in its name (mh01-blue-0.jpg is blue). The backend's
// MAGENTO_MEDIA_BASE_URL points at it, so the URLs it writes are the shop's usual media paths.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';

const PRODUCT_MEDIA = '/media/catalog/product/';
// Magento's media paths: /m/h/mh01-blue-0.jpg. Anything else is not a photo of ours.
const MEDIA_FILE = /^[a-z0-9_/.-]+\.(?:jpe?g|png|gif|webp)$/i;
const SIZE = 600;

/** The generator's colour names (scripts/magento/attribute-definitions.ts) and a shade of each. */
const COLOURS = {
  black: '#262626', white: '#f1f1ee', gray: '#8a8d91', grey: '#8a8d91', navy: '#1f2a4d', blue: '#1857f7',
  red: '#c8102e', green: '#2e7d32', olive: '#708238', beige: '#d9c8a9', brown: '#6d4c41', pink: '#f4a6c1',
  purple: '#6a3d9a', yellow: '#f2c94c', orange: '#f28c28',
};

/**
 * Listens on `host`:`port` (0: any free port) and resolves once it does, with the media base URL to
 * give the backend (`http://<shownHost>:<port>/media/`) and close().
 */
export async function startMediaServer({ host = '127.0.0.1', port = 0, shownHost = host } = {}) {
  const server = createServer(answer);
  server.listen(port, host);
  await once(server, 'listening');
  return {
    url: `http://${shownHost}:${server.address().port}/media/`,
    close: () => {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // a browser's keep-alive sockets would hold close() open
      return closed;
    },
  };
}

function answer(request, response) {
  const path = decodedPath(request.url);
  const file = path.startsWith(PRODUCT_MEDIA) ? path.slice(PRODUCT_MEDIA.length) : '';
  if (!['GET', 'HEAD'].includes(request.method) || !MEDIA_FILE.test(file) || file.includes('..')) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const body = productPicture(file);
  response.writeHead(200, {
    // An SVG whatever the file's extension: browsers go by the type, and it is tiny to make.
    'content-type': 'image/svg+xml',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function decodedPath(url) {
  try {
    return decodeURIComponent(new URL(url, 'http://media').pathname);
  } catch {
    return ''; // malformed escapes: not one of our files
  }
}

/** A garment's outline on a background of the file's colour, with the file's name under it. */
export function productPicture(file) {
  const colour = colourOf(file);
  const name = file.split('/').pop();
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
<rect width="${SIZE}" height="${SIZE}" fill="#f5f5f4"/>
<path d="M210 110 L250 90 Q300 130 350 90 L390 110 L480 180 L440 250 L400 225 L400 500 L200 500 L200 225 L160 250 L120 180 Z" fill="${colour}" stroke="#00000033" stroke-width="4"/>
<text x="300" y="560" font-family="sans-serif" font-size="24" text-anchor="middle" fill="#57534e">${escapeXml(name)}</text>
</svg>`;
}

function colourOf(file) {
  const words = file.toLowerCase().split(/[^a-z]+/);
  const named = words.find((word) => word in COLOURS);
  if (named) return COLOURS[named];
  // No colour in the name: a steady hue of its own.
  const hue = createHash('sha1').update(file).digest().readUInt16BE(0) % 360;
  return `hsl(${hue} 45% 55%)`;
}

function escapeXml(text) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
