import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file types a route that takes a file may receive as its raw body. */
export const FILE_TYPES = [CSV_TYPE, XLSX_TYPE] as const;

/** A file (a spreadsheet of a few thousand rows) may be larger than a JSON body, though not much. */
export const FILE_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Marks a route that takes a file (CSV or XLSX) as its raw body, with that Content-Type: the body arrives as a
 * `Buffer` (up to FILE_LIMIT_BYTES). Every other route answers such a body with 415, as it answers text.
 */
export const AcceptsFile = (): MethodDecorator => RouteConfig({ acceptsFile: true });

/** The file types' body parser: a Buffer for routes marked `@AcceptsFile()`, else the 415 of an unknown type. */
export function registerFileParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    [...FILE_TYPES],
    { parseAs: 'buffer', bodyLimit: FILE_LIMIT_BYTES },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const config = request.routeOptions.config as { acceptsFile?: boolean } | undefined;
      if (config?.acceptsFile) return done(null, body);
      done(
        Object.assign(new Error('Unsupported Media Type'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
      );
    },
  );
}
