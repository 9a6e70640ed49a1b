import { defineConfig } from 'vite';

// Built by `npm run web:build` (vite build web) into web/dist, which the service serves at /.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts and Cytoscape.js are each one chunk of several hundred kB, loaded by the pages that draw.
    chunkSizeWarningLimit: 1200,
  },
  // `npm run web:dev`: the dashboard with hot reload, asking the service started by `npm start`.
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
