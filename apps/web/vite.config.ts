import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser client. `npm run build:web` (from the project root) builds it into apps/web/dist, which the api
 * serves at `/`. During development `npx vite --config apps/web/vite.config.ts` serves it with hot reload and
 * forwards the api and the socket to a running `npm start` (API_URL, default http://localhost:3000).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: {
    alias: {
      '@runde/client': here('../../libs/client/src/index.ts'),
      // The drafts' document schema, Markdown and numbering (shared with the server).
      '@runde/richtext': here('../../libs/richtext/src/index.ts'),
      // The payload catalogue of the events (types and two constants; it imports nothing).
      '@runde/contract': here('../../libs/events/src/catalogue/payloads.ts'),
      // Consultation rounds' REST bodies and event payloads (types only).
      '@runde/consultation-contract': here('../../libs/events/src/catalogue/consultation-payloads.ts'),
      // Needs reports' REST bodies and event payloads (types only), and the fields of action (keys, labels).
      '@runde/needs-contract': here('../../libs/events/src/catalogue/needs-payloads.ts'),
      '@runde/needs-fields': here('../../libs/needs/src/fields.ts'),
    },
  },
  // Preact through Vite's own JSX transform (no framework plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': process.env.API_URL ?? 'http://localhost:3000',
      '/health': process.env.API_URL ?? 'http://localhost:3000',
      '/socket.io': { target: process.env.API_URL ?? 'http://localhost:3000', ws: true },
    },
  },
});
