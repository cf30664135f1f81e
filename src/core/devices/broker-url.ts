// Whether a broker address can work from a browser page, checked before anything connects: a
// browser reaches MQTT only over WebSockets, and an https page may not open a plain ws:// socket to
// another machine (mixed content: the browser refuses it without telling the page why). Loopback
// addresses are exempt, as browsers treat them as trustworthy.

export type BrokerUrlCheck =
  | { ok: true; url: string; secure: boolean; host: string; port: number }
  | { ok: false; code: 'invalid-url' | 'not-websocket' | 'mixed-content'; reason: string };

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[0-9a-f:.]+\]|[^/:?#[\]@]+)(?::(\d{1,5}))?([/?#].*)?$/i;

export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}

/** `pageProtocol` is the page's own (`location.protocol`); leave it out outside a page. */
export function checkBrokerUrl(text: string, pageProtocol?: string): BrokerUrlCheck {
  const trimmed = text.trim();
  const match = URL_SHAPE.exec(trimmed);
  if (!match) {
    return {
      ok: false,
      code: 'invalid-url',
      reason: `"${trimmed}" is not a broker address; it looks like ws://192.168.1.10:9001 or wss://broker.example:8884/mqtt`,
    };
  }
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!;
  const explicitPort = match[3] === undefined ? undefined : Number(match[3]);
  if (explicitPort !== undefined && (explicitPort < 1 || explicitPort > 65535)) {
    return { ok: false, code: 'invalid-url', reason: `port ${explicitPort} is not a port number` };
  }
  if (scheme === 'mqtt' || scheme === 'mqtts' || scheme === 'tcp' || scheme === 'ssl' || scheme === 'tls') {
    return {
      ok: false,
      code: 'not-websocket',
      reason: `a browser cannot open ${scheme}:// connections: use the broker's WebSockets listener (ws:// or wss://, often port 8083, 8884 or 9001)`,
    };
  }
  if (scheme === 'http' || scheme === 'https') {
    const suggestion = scheme === 'https' ? 'wss' : 'ws';
    return {
      ok: false,
      code: 'not-websocket',
      reason: `MQTT in a browser goes over WebSockets: write ${suggestion}:// instead of ${scheme}://`,
    };
  }
  if (scheme !== 'ws' && scheme !== 'wss')
    return { ok: false, code: 'invalid-url', reason: `${scheme}:// is not a broker address; use ws:// or wss://` };
  if (scheme === 'ws' && pageProtocol === 'https:' && !isLoopbackHost(host)) {
    return {
      ok: false,
      code: 'mixed-content',
      reason: `this page is served over https, so the browser refuses the unencrypted ws://${host} (mixed content); give the broker a TLS WebSockets listener and use wss://, or open Hearth over http on the local network`,
    };
  }
  return { ok: true, url: trimmed, secure: scheme === 'wss', host, port: explicitPort ?? (scheme === 'wss' ? 443 : 80) };
}
