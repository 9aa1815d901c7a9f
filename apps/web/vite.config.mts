import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// The gateway serves the build at / (apps/gateway/src/web); in dev, Vite proxies the API to a
// running gateway so the app is same-origin either way and needs no CORS.
const gateway = process.env.LINKWAY_GATEWAY_URL ?? 'http://127.0.0.1:3000';

/**
 * Fails the build when anything the UI imports reaches a Node built-in (say libs/domain gaining
 * `node:crypto`): Vite would otherwise stub it and the screen would break at run time.
 */
const browserOnly = (): Plugin => ({
  name: 'linkway-browser-only',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id.startsWith('node:') || builtinModules.includes(id)) {
      this.error(
        `${importer ?? 'the UI'} imports the Node built-in "${id}"; the web app may only use browser-safe code`,
      );
    }
    return null;
  },
});

export default defineConfig({
  root: here('.'),
  plugins: [browserOnly(), react()],
  resolve: {
    // Only browser-safe libs: libs/domain is pure (no Node imports) by its own rule.
    alias: {
      '@linkway/domain': here('../../libs/domain/src/index.ts'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // a warning, not a limit: the first screen should stay small on a practice network
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      // libs/* are pure by rule (no work at import time), so what the UI does not use is dropped
      // (e.g. contracts' decorated payload classes, which domain imports for a few constants)
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]libs[\\/][^\\/]+[\\/]src[\\/]/.test(id) },
    },
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_DEV_PORT ?? 4200),
    proxy: { '/api': gateway, '/health': gateway },
  },
});
