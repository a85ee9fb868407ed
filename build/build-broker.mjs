// Bundles the sandbox broker into one plain-Node ESM file, so `npm run sandbox` and the app start it
// without a TypeScript loader: start-up time is part of the broker's promise.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'electron/broker/cli.ts', index: 'electron/broker/index.ts' },
  outdir: 'dist/broker',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
