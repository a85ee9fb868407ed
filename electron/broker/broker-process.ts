// How to spawn a process that runs the sandbox broker (dist/broker/cli.js). Whoever spawns it
// passes these (so does `npm run sandbox` in package.json, for the flags).
//
// Flags go before the script: V8 fixes its heap layout at start, so the CLI cannot set them itself.
// A broker allocates few long-lived objects, mostly buffers that die young: with V8's default
// 16 MiB semi-spaces the young generation alone grew to 32 MiB under produce load, and the dead
// socket buffers in it waited that long to be freed. 1 MiB semi-spaces scavenge sooner and cost
// no measurable produce or fetch throughput (npm run bench -- kafka).
export const BROKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * The environment for the broker process: the parent's, less NODE_EXTRA_CA_CERTS. Node reads and
 * parses that CA bundle before running any script (70 ms of a 100 ms start on our machines, where
 * it names Debian's 140-certificate bundle), and the broker never uses it: it makes no outgoing TLS
 * connections, and its listeners check client certificates against ssl.truststore.* only.
 */
export function brokerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}
