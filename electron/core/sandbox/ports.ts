// Free-port probing: the sandbox wants 9092, and takes the next free port when it is taken.
import { createServer } from 'node:net';

export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(host: string, start: number, tries = 50): Promise<number> {
  for (let port = start; port < start + tries && port <= 65535; port++) {
    if (await isPortFree(host, port)) return port;
  }
  throw new Error(`no free port between ${start} and ${start + tries - 1} on ${host}`);
}
