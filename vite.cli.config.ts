// The command line (src/cli) as one ESM file for Node: started with plain `node`, no TypeScript
// loader at run time. Node built-ins stay imports; src/core is bundled in.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'cors-inspector.mjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true },
});
