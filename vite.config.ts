import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildCsp, headerOnlyDirectives, HUB_ORIGINS } from './src/core/csp.ts';
import { webManifest } from './src/app-manifest.ts';
import { espeakNgData } from './build/espeak-ng-data.ts';

// A build may bake in a mirror (air-gapped sites); people can still change it in Settings.
const buildSource = process.env.VITE_MODEL_SOURCE?.trim() || '';
// Shown in Settings; lets a person (and the update test) tell two builds apart.
const buildId = process.env.HEARTH_BUILD_ID?.trim() || new Date().toISOString().slice(0, 16).replace('T', ' ');
// Test builds only (HEARTH_WEBLLM_DOUBLE=1): WebLLM replaced at the library boundary by a double that
// reads the stored files like web-llm and answers without a GPU (test/support/doubles/web-llm.ts).
const webllmDouble: Record<string, string> =
  process.env.HEARTH_WEBLLM_DOUBLE === '1'
    ? { '@mlc-ai/web-llm': fileURLToPath(new URL('./test/support/doubles/web-llm.ts', import.meta.url)) }
    : {};
const csp = buildCsp({
  modelOrigins: [...HUB_ORIGINS, ...(buildSource ? [new URL(buildSource).origin] : [])],
  deviceOrigins: [],
});

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': `${csp}; ${headerOnlyDirectives}`,
  // Cross-origin isolation gives ONNX Runtime and llama.cpp their wasm threads (SharedArrayBuffer).
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'microphone=(self), camera=(), geolocation=()',
};

// The same policy as a meta tag (for hosts that cannot send headers) and as a Netlify/Cloudflare
// style _headers file beside the build.
const securityPolicy = (): Plugin => ({
  name: 'hearth-security-policy',
  transformIndexHtml: (html) => html.replace('%CSP%', csp),
  generateBundle() {
    const lines = Object.entries(securityHeaders).map(([k, v]) => `  ${k}: ${v}`);
    this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
  },
});

// Talk is the view most loads open on (the start URL and the default route): its chunk and the chunks
// it imports are preloaded beside the entry instead of after it has run, so a first visit does not
// wait for two round trips in a row. Other views still load only when opened.
const FIRST_VIEW = 'src/ui/views/talk/index.tsx';
const preloadFirstView = (): Plugin => ({
  name: 'hearth-preload-first-view',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
      const view = chunks.find((c) => c.facadeModuleId?.endsWith(FIRST_VIEW));
      if (!view) throw new Error(`no chunk for ${FIRST_VIEW}: the first view's preload needs updating`);
      const entry = chunks.find((c) => c.isEntry)?.fileName;
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.find((c) => c.fileName === fileName);
        if (!chunk || files.has(fileName) || fileName === entry) return;
        files.add(fileName);
        chunk.imports.forEach(visit);
      };
      visit(view.fileName);
      return [...files].map((file) => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
        injectTo: 'head' as const,
      }));
    },
  },
});

export default defineConfig({
  plugins: [
    preact(),
    securityPolicy(),
    espeakNgData(),
    preloadFirstView(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      injectManifest: {
        // The shell plus the self-hosted runtimes (ONNX Runtime and llama.cpp wasm are ~10-30 MB each).
        // Model weights never live in dist/, and the size cap stays just above the largest runtime.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,wasm,webmanifest}'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      },
    }),
  ],
  resolve: { dedupe: ['@huggingface/transformers', 'onnxruntime-web'], alias: webllmDouble },
  worker: { format: 'es', plugins: () => [espeakNgData()] },
  build: {
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // A view's chunk is named for the view (view-models-…), so it cannot be mistaken for a shared
    // chunk that happens to be named after a state module (models-…) in size budgets and the table.
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) => {
          const view = /\/src\/ui\/views\/([\w-]+)\/index\.tsx$/.exec(chunk.facadeModuleId ?? '');
          return view ? `assets/view-${view[1]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  optimizeDeps: { exclude: ['@huggingface/transformers', '@wllama/wllama'] },
  define: { __BUILD_MODEL_SOURCE__: JSON.stringify(buildSource), __BUILD_ID__: JSON.stringify(buildId) },
  preview: { headers: securityHeaders },
  // Dev: isolation only; the CSP would block the dev server's injected refresh code.
  server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
});
