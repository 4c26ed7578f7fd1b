import path from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** The staff console: built into console/dist and served by the server at /console/. */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: path.join(__dirname, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Element Plus alone is about 1 MB before compression; split it from the console's own code.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@vueuse|@floating-ui)/ },
            { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `vite --config console/vite.config.ts` for development: the API from a server on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
