import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA is served by the Weijian server from packages/web/dist; in development Vite proxies the API.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React in a long-cached chunk of its own. Ant Design is left to the bundler's own splitting, so a page
        // fetches the components it uses (tables, date pickers, uploads load with the pages that have them)
        // instead of one 1.2 MB chunk on every page; ECharts is imported on demand by platform/EChart.tsx.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
