import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** The project root: the nearest folder up from here with the workspace's package.json (from src/ and from dist/). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nest-cli.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build:web` puts the browser client. */
export const WEB_DIST = join(projectRoot(__dirname), 'apps', 'web', 'dist');

/**
 * Headers of the client's page. The policy allows only the app's own scripts, styles, fonts and connections (the
 * API and its socket on the same origin); inline styles, because CodeMirror and Preact set them; data: images for
 * the icon (posts render no images at all). The page may not be framed, and sends no referrer.
 */
export const DOCUMENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const NOT_CLIENT = /^\/(api|health|admin|metrics|barrierefreiheit|socket\.io)(\/|$)/i;

/**
 * Serves the browser client at `/`: its files, and index.html for client-side routes. API, health, admin and
 * socket paths are left alone (they answer with the contract's errors).
 */
export function mountWebClient(app: NestFastifyApplication, dist = WEB_DIST): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index);
  // `wildcard: false`: a route per file of the build, so that any other path reaches the routes below.
  // `preCompressed`: the build's .br and .gz copies go to browsers that accept them (with `Vary`).
  app.useStaticAssets({
    root: dist,
    prefix: '/',
    index: false,
    wildcard: false,
    preCompressed: true,
    maxAge: '1h',
    setHeaders: cacheControl,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      const path = request.url.split('?')[0];
      if (NOT_CLIENT.test(path) || !acceptsHtml(request.headers.accept)) return reply.callNotFound();
      return reply
        .headers(DOCUMENT_HEADERS)
        .header('Cache-Control', 'no-cache')
        .type('text/html; charset=UTF-8')
        .send(html);
    });
  return true;
}

/** Vite names the files under assets/ by their content's hash: they never change, so they may be kept for good. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9.]+$/;

/** HTML is revalidated on every load (it names the current assets); hashed assets are immutable; the rest 1 h. */
function cacheControl(res: object, path: string): void {
  // @fastify/static 10 passes the reply itself; Nest's type still describes its older wrapper (with `setHeader`,
  // which the reply does not have: calling it made every .html file a 500).
  const reply = res as FastifyReply;
  const file = path.replace(/\.(br|gz)$/, '');
  if (file.endsWith('.html')) reply.headers(DOCUMENT_HEADERS).header('Cache-Control', 'no-cache');
  else if (HASHED.test(file)) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
}

/** Whether an Accept header takes HTML (as a browser's navigation does; no header takes anything). */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return type === 'text/html' || type === 'text/*' || type === '*/*';
  });
}
