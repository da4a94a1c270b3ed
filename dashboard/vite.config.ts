import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const API = process.env.CITYDESK_API ?? 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // deck.gl and maplibre are large by nature; the bench tracks the gzip total instead.
    chunkSizeWarningLimit: 2_000,
  },
  server: {
    proxy: { '/api': API, '/tiles': API },
  },
});
