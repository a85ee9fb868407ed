// Entry of `npm run serve`: Brook's renderer and handlers over HTTP + WebSocket (see core/transport).
import { runServe } from './core/transport/serve-cli';

await runServe(process.argv.slice(2));
