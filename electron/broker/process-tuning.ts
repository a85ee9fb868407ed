// How a process that runs the sandbox broker (dist/broker/cli.js) is started: whoever spawns it
// passes these Node flags before the script and adds this environment. Both take effect only at
// process start (V8 fixes its heap layout, glibc reads its tunables), so the CLI cannot set them.
//
// A broker allocates few long-lived objects and a stream of buffers that die young (socket reads,
// request frames, fetch reads). With V8's default 16 MiB semi-spaces the young generation alone grew
// to 32 MiB under produce load; 1 MiB semi-spaces scavenge sooner. glibc serves buffers under its
// dynamic mmap threshold (which climbs to 32 MiB after the first large free) from its heap, where
// freed megabytes stay resident; a fixed 32 KiB threshold maps and unmaps them, so RSS falls back
// after a burst. Neither cost measurable produce or fetch throughput (npm run bench -- kafka).
export const BROKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** Environment for the broker process (ignored where the C library is not glibc). */
export const BROKER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '32768' };
