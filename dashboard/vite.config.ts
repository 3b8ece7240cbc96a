import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const api = process.env.HUB_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: { '/graphql': { target: api, ws: true } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 500 },
});
