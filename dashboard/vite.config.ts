import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// `pnpm dev` serves the screen with hot reload and sends /graphql (HTTP and WebSocket) to a hub.
const api = process.env.HUB_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: { '/graphql': { target: api, ws: true }, '/healthz': { target: api } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        // Libraries change less often than the screen: their own chunks stay cached across
        // releases, and none of them crosses the 500 KB budget.
        codeSplitting: {
          groups: [
            { name: 'zrender', test: /node_modules[\\/]zrender/ },
            { name: 'echarts', test: /node_modules[\\/]echarts/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
});
