// Builds the app: esbuild bundles Electron's main (ESM) and preload (CJS, as a sandboxed preload
// must be; the contract's channel names are inlined so the preload carries no zod), the serve entry and the `npm start` launcher; Vite builds the renderer. One build
// system per kind of output, no more. Usage: node build/build-app.mjs [--renderer-only|--node-only]
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const only = process.argv[2];
const banner = {
  // kafkajs and ws are CommonJS and require() node built-ins; give the ESM bundle a require.
  js: "import { createRequire as __brookCreateRequire } from 'node:module'; const require = __brookCreateRequire(import.meta.url);",
};
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
// A native module is loaded from node_modules at run time (electron-builder rebuilds it for Electron).
const native = ['better-sqlite3'];

/** The contract's channel and event names, read from shared/ at build time for the preload. */
async function allowList() {
  const out = await build({
    stdin: { contents: "export { channels } from './shared/contract'; export { eventNames } from './shared/events';", resolveDir: '.', loader: 'ts' },
    bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return { channels: mod.channels, events: mod.eventNames };
}

if (only !== '--renderer-only') {
  const allowed = await allowList();
  await Promise.all([
    build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/app', format: 'esm', outExtension: { '.js': '.mjs' }, external: ['electron', ...native], banner }),
    build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/app', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'], platform: 'browser', target: 'chrome130',
      define: { __BROOK_CHANNELS__: JSON.stringify(allowed.channels), __BROOK_EVENTS__: JSON.stringify(allowed.events) } }),
    build({ ...common, entryPoints: { serve: 'electron/serve.ts' }, outdir: 'dist/app', format: 'esm', outExtension: { '.js': '.mjs' }, external: native, banner }),
    build({
      ...common,
      stdin: { contents: "import { launch } from './electron/core/launch';\nawait launch(process.argv.slice(2));\n", resolveDir: '.', sourcefile: 'launch-entry.ts', loader: 'ts' },
      outfile: 'dist/app/launch.mjs',
      format: 'esm',
      external: native,
      banner,
    }),
  ]);
}
if (only !== '--node-only') {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
