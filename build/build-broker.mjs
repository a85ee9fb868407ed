// Bundles the sandbox broker into one plain-Node file each for the command and the library, so
// `npm run sandbox` and the app start it without a TypeScript loader: start-up time is part of the
// broker's promise. CommonJS, not ESM: Node 20 reaches a CommonJS entry about 20 ms sooner (no ESM
// loader to bring up), out of a start budget of 150 ms. dist/broker/package.json says so, as the
// repository's own package.json says "module". dist/broker is self-contained, with no native code:
// the packaged app ships it without node_modules.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

mkdirSync('dist/broker', { recursive: true });
// Builds before issue 15 copied a native CRC binary here; none may be left to ship.
for (const f of readdirSync('dist/broker')) if (f.endsWith('.node')) rmSync(`dist/broker/${f}`);
writeFileSync('dist/broker/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  entryPoints: { cli: 'electron/broker/cli.ts', index: 'electron/broker/index.ts' },
  outdir: 'dist/broker',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
