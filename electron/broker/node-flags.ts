// Node flags for a process that runs the sandbox broker (dist/broker/cli.js); whoever spawns it
// passes them before the script (so does `npm run sandbox` in package.json). V8 fixes its heap
// layout at start, so the CLI cannot set them itself.
// A broker allocates few long-lived objects, mostly buffers that die young: with V8's default
// 16 MiB semi-spaces the young generation alone grew to 32 MiB under produce load, and the dead
// socket buffers in it waited that long to be freed. 1 MiB semi-spaces scavenge sooner and cost
// no measurable produce or fetch throughput (npm run bench -- kafka).
export const BROKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
