// Bundles the sandbox broker into one plain-Node file each for the command and the library, so
// `npm run sandbox` and the app start it without a TypeScript loader: start-up time is part of the
// broker's promise. CommonJS, not ESM: Node 20 reaches a CommonJS entry about 20 ms sooner (no ESM
// loader to bring up), out of a start budget of 150 ms. dist/broker/package.json says so, as the
// repository's own package.json says "module". dist/broker is self-contained: the packaged app
// ships it without node_modules.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('dist/broker', { recursive: true });
writeFileSync('dist/broker/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  entryPoints: { cli: 'electron/broker/cli.ts', index: 'electron/broker/index.ts' },
  outdir: 'dist/broker',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // @node-rs/crc32's binary for this platform, copied beside the bundle (crc32c.ts loads it).
  loader: { '.node': 'copy' },
  logLevel: 'warning',
});
