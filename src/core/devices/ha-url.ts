// Where Home Assistant's WebSocket API lives, from whatever address the person pastes: its base
// (http://homeassistant.local:8123, what the browser bar shows) or the socket itself
// (ws://…/api/websocket). Checked before anything connects: an https page may not open ws:// to
// another machine (mixed content, refused by the browser without telling the page why); loopback is
// exempt, as browsers treat it as trustworthy.
import { isLoopbackHost } from './broker-url';

export type HomeAssistantUrlCheck =
  | {
      ok: true;
      /** http(s)://host[:port][/prefix], no trailing slash: what home-assistant-js-websocket wants. */
      baseUrl: string;
      /** ws(s)://host[:port][/prefix]/api/websocket */
      wsUrl: string;
      host: string;
      secure: boolean;
    }
  | { ok: false; code: 'invalid-url' | 'mixed-content'; reason: string };

const SOCKET_PATH = '/api/websocket';

export function checkHomeAssistantUrl(text: string, pageProtocol?: string): HomeAssistantUrlCheck {
  const trimmed = text.trim();
  const example = 'it looks like http://homeassistant.local:8123 or https://home.example.com';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, code: 'invalid-url', reason: `"${trimmed}" is not a Home Assistant address; ${example}` };
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (!['http', 'https', 'ws', 'wss'].includes(scheme) || url.hostname === '') {
    return { ok: false, code: 'invalid-url', reason: `${scheme}:// is not a Home Assistant address; ${example}` };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      code: 'invalid-url',
      reason: 'leave the user name and password out of the address: Home Assistant takes a long-lived access token',
    };
  }
  const secure = scheme === 'https' || scheme === 'wss';
  // The hostname URL gives for IPv6 keeps its brackets, as isLoopbackHost expects.
  const host = url.hostname;
  if (!secure && pageProtocol === 'https:' && !isLoopbackHost(host)) {
    return {
      ok: false,
      code: 'mixed-content',
      reason: `this page is served over https, so the browser refuses the unencrypted connection to ${host} (mixed content): reach Home Assistant over https (wss), or open Hearth over http on the local network`,
    };
  }
  let prefix = url.pathname.replace(/\/+$/, '');
  if (prefix.endsWith(SOCKET_PATH)) prefix = prefix.slice(0, -SOCKET_PATH.length);
  const origin = `${url.hostname}${url.port === '' ? '' : `:${url.port}`}${prefix}`;
  return {
    ok: true,
    baseUrl: `${secure ? 'https' : 'http'}://${origin}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://${origin}${SOCKET_PATH}`,
    host,
    secure,
  };
}
