// Which origins a saved home connection needs in the page's connect-src. An MQTT broker is one
// WebSockets origin. Home Assistant is given as its web address (http://homeassistant.local:8123)
// but spoken to over a WebSocket on the same host and port: both schemes are admitted, since a
// policy naming http://host does not cover ws://host.
import { checkBrokerUrl } from './broker-url';

export type ConnectionKind = 'mqtt' | 'home-assistant';

export type OriginsCheck = { ok: true; origins: string[] } | { ok: false; reason: string };

const WEB_ADDRESS = /^(https?|wss?):\/\/(\[[0-9a-f:.]+\]|[^/:?#[\]@\s]+)(?::(\d{1,5}))?(?:[/?#].*)?$/i;

function origin(scheme: string, host: string, port: string | undefined): string {
  const defaultPort = scheme === 'https' || scheme === 'wss' ? '443' : '80';
  return `${scheme}://${host.toLowerCase()}${port === undefined || port === defaultPort ? '' : `:${Number(port)}`}`;
}

/** The origins to admit for a connection to `url`, or why the address cannot be one. */
export function connectionOrigins(kind: ConnectionKind, url: string): OriginsCheck {
  const trimmed = url.trim();
  if (kind === 'mqtt') {
    const checked = checkBrokerUrl(trimmed);
    if (!checked.ok) return { ok: false, reason: checked.reason };
  }
  const match = WEB_ADDRESS.exec(trimmed);
  if (!match) return { ok: false, reason: `"${trimmed}" is not a web address such as http://homeassistant.local:8123` };
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!;
  const port = match[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return { ok: false, reason: `port ${port} is not a port number` };
  if (kind === 'mqtt') return { ok: true, origins: [origin(scheme, host, port)] };
  const secure = scheme === 'https' || scheme === 'wss';
  return {
    ok: true,
    origins: [origin(secure ? 'https' : 'http', host, port), origin(secure ? 'wss' : 'ws', host, port)],
  };
}

/** `current` with what `saved` connections need and nothing a removed one alone needed: origins that
 *  were never a connection's (added by hand, or by another part of the app) stay. */
export function deviceOriginsAfter(
  current: readonly string[],
  before: readonly string[][],
  after: readonly string[][],
): string[] {
  const needed = new Set(after.flat());
  const dropped = new Set(before.flat().filter((o) => !needed.has(o)));
  const kept = current.filter((o) => !dropped.has(o));
  return [...new Set([...kept, ...needed])];
}
