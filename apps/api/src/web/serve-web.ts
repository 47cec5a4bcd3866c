import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** The project root: the nearest folder up from here with the workspace's package.json (from src/ and from dist/). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nest-cli.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build:web` puts the browser client. */
export const WEB_DIST = join(projectRoot(__dirname), 'apps', 'web', 'dist');

const NOT_CLIENT = /^\/(api|health|admin|socket\.io)(\/|$)/;

/**
 * Serves the browser client at `/`: its files, and index.html for client-side routes. API, health, admin and
 * socket paths are left alone (they answer with the contract's errors).
 */
export function mountWebClient(app: INestApplication, dist = WEB_DIST): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(dist, { index: false, maxAge: '1h', setHeaders: noCacheForHtml });
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || NOT_CLIENT.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
