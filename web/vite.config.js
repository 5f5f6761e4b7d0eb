// Vite build of the Zhitong web app. Element Plus components and their styles are imported on
// demand (only what the templates use), so the initial JavaScript stays small; `zhitong serve`
// serves web/dist with hashed files under /assets/ (long-lived caching) and an SPA fallback.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: false,
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: false,
    }),
  ],
  define: {
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // The cockpit chunk (ECharts) is ~650 KB raw, ~210 KB gzipped, and loads only on that page.
    chunkSizeWarningLimit: 700,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` against a local `zhitong serve` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.js'],
    setupFiles: ['tests/unit/setup.js'],
    css: false,
    testTimeout: 30000, // the first import of a page (ECharts) transforms slowly on a 2-core machine
    server: { deps: { inline: ['element-plus'] } },
  },
})
