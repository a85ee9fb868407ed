// Whether a connection's remote address is this machine: loopback, or one of its own interfaces
// (a browser here that opened the LAN address of a Brook bound to 0.0.0.0).
import { networkInterfaces } from 'node:os';

export function isLocalAddress(address: string | undefined, own = ownAddresses()): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '').toLowerCase(); // IPv4 seen through an IPv6 socket
  return plain === '::1' || /^127\./.test(plain) || own.has(plain);
}

function ownAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.toLowerCase())));
}
