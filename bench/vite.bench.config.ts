import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds of bench code, selected by mode (bench/lib/benchBundles.ts runs them through vite's build API):
// - "page":     the lookup bench page (bench/page/index.html) → bench/.build/page
// - "inject":   an IIFE evaluated inside the real app's page (seeding, scan/punch driver)
//               → bench/.build/inject/inject.iife.js
// - "decoders": the camera-decoder bench page (bench/decoders/index.html) → bench/.build/decoders,
//               minified like the app, with a manifest so the case can weigh each decoder's chunks
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const pageDir = fileURLToPath(new URL('./page', import.meta.url));
const decodersDir = fileURLToPath(new URL('./decoders', import.meta.url));

export default defineConfig(({ mode }) => {
  const common = {
    root: pageDir,
    publicDir: false as const,
    logLevel: 'warn' as const,
    define: { __APP_VERSION__: JSON.stringify('bench') },
  };
  const build = { target: 'es2022', emptyOutDir: true, reportCompressedSize: false };
  if (mode === 'inject') {
    return {
      ...common,
      build: {
        ...build,
        outDir: `${benchDir}.build/inject`,
        minify: false,
        lib: {
          entry: `${pageDir}/inject.ts`,
          formats: ['iife' as const],
          name: 'PunchlineBenchInject',
          fileName: () => 'inject.iife.js',
        },
      },
    };
  }
  if (mode === 'decoders') {
    return {
      ...common,
      root: decodersDir,
      build: { ...build, outDir: `${benchDir}.build/decoders`, manifest: true },
    };
  }
  return {
    ...common,
    build: { ...build, outDir: `${benchDir}.build/page` },
  };
});
