import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from './configure-http-app';

/** Responses smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Routes whose responses are never compressed: the ones that carry tokens (sign-in, registration, refresh). A
 * secret in a compressed response next to text the requester chose is what BREACH-style attacks measure. runde's
 * API takes its credentials from the `Authorization` header, never from a cookie, so another site cannot make a
 * browser send such requests; leaving these few small responses alone costs nothing all the same.
 */
const NEVER_COMPRESSED = new RegExp(`^/${API_PREFIX}/auth(/|$)`, 'i');

/** Whether a route (its path as declared) is left uncompressed. */
export const isNeverCompressed = (url: string): boolean => NEVER_COMPRESSED.test(url);

/**
 * Compresses the API's responses (JSON, Markdown and HTML exports, the OpenAPI document) for clients that accept
 * it, with `@fastify/compress`: Brotli at a fast setting or gzip, from 1 KiB up; a thread page of 50 posts shrinks
 * to a fraction. The browser client's files are compressed once at build time and served as they are (their
 * `Content-Encoding` is set, so they pass through). Request bodies are not decompressed: a compressed body
 * could inflate far beyond `BODY_LIMIT`.
 *
 * Must run before the app's routes are registered (before `init`/`listen`).
 */
export async function enableCompression(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Added before the plugin's own onRoute hook, so it sees `compress: false` on these routes.
  fastify.addHook('onRoute', (route) => {
    if (isNeverCompressed(route.url ?? '')) route.compress = false;
  });
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    globalDecompression: false,
  });
}
