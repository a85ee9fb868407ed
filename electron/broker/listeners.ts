// Kafka's `listeners` / `advertised.listeners` syntax: NAME://host:port, comma-separated, where the
// name is also the security protocol unless mapped otherwise (listener.security.protocol.map).
export interface ListenerSpec {
  name: string;
  securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  host: string;
  port: number;
}

const PROTOCOLS = new Set(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']);

export function parseListeners(text: string, protocolMap: Record<string, string> = {}): ListenerSpec[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:]*):(\d+)$/.exec(entry);
      if (!m) throw new Error(`listener "${entry}" is not of the form NAME://host:port`);
      const name = m[1].toUpperCase();
      const securityProtocol = (protocolMap[name] ?? name) as ListenerSpec['securityProtocol'];
      if (!PROTOCOLS.has(securityProtocol)) {
        throw new Error(`listener ${name} has no security protocol (one of ${[...PROTOCOLS].join(', ')})`);
      }
      const port = Number(m[3]);
      if (port > 65535) throw new Error(`listener ${name} port ${port} is out of range`);
      return { name, securityProtocol, host: m[2].replace(/^\[|\]$/g, ''), port };
    });
}
