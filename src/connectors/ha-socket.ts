// Opens Home Assistant's WebSocket and does the auth phase, handed to home-assistant-js-websocket
// as its createSocket. The library's own opener retries on a fixed schedule, cannot tell a refused
// port from a server that is not Home Assistant, and parses frames unguarded (a non-JSON frame
// would throw inside the page's event loop); this one reports what went wrong, and once
// authenticated it hands the library only frames of the documented shape, the rest go to a log.
import { ERR_CANNOT_CONNECT, ERR_INVALID_AUTH, type HaWebSocket } from 'home-assistant-js-websocket';
import { checkHaFrame } from '../core/devices/ha-frame';

export type HaSocketFailure =
  | { kind: 'auth-invalid'; message: string }
  | { kind: 'unreachable' }
  | { kind: 'timeout' }
  | { kind: 'not-home-assistant'; detail: string };

/** Rejection of openHaSocket; `code` is the library's ERR_INVALID_AUTH or ERR_CANNOT_CONNECT. */
export class HaSocketError extends Error {
  readonly code: number;
  constructor(readonly failure: HaSocketFailure) {
    super(failure.kind);
    this.code = failure.kind === 'auth-invalid' ? ERR_INVALID_AUTH : ERR_CANNOT_CONNECT;
  }
}

export type WebSocketConstructor = new (url: string) => WebSocket;

export interface HaSocketOptions {
  wsUrl: string;
  token: string;
  /** Until auth_ok; a port that accepts but never speaks would otherwise hang the attempt. */
  timeoutMs: number;
  /** The page's WebSocket unless given (Node 20 has none built in; the tests pass ws's). */
  webSocket?: WebSocketConstructor;
  onMalformed(reason: string): void;
}

const ignore = () => undefined;

export function openHaSocket(options: HaSocketOptions): Promise<HaWebSocket> {
  const Impl = options.webSocket ?? globalThis.WebSocket;
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new Impl(options.wsUrl);
    } catch {
      reject(new HaSocketError({ kind: 'unreachable' }));
      return;
    }
    let opened = false;
    let settled = false;
    const finish = (failure: HaSocketFailure | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('message', onMessage);
      socket.removeEventListener('close', onClose);
      socket.removeEventListener('error', onClose);
      // A close is reported through close events; an error with no listener would throw in ws (Node).
      socket.addEventListener('error', ignore);
      if (failure === undefined) return;
      try {
        socket.close();
      } catch {
        // already closing
      }
      reject(new HaSocketError(failure));
    };
    const timer = setTimeout(
      () => finish(opened ? { kind: 'not-home-assistant', detail: 'it never asked for a token' } : { kind: 'timeout' }),
      options.timeoutMs,
    );
    const onOpen = () => {
      opened = true;
    };
    const onClose = () =>
      finish(opened ? { kind: 'not-home-assistant', detail: 'it closed the connection before auth' } : { kind: 'unreachable' });
    const onMessage = (event: MessageEvent) => {
      let message: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = typeof event.data === 'string' ? JSON.parse(event.data) : undefined;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) message = parsed as Record<string, unknown>;
      } catch {
        message = undefined;
      }
      switch (message?.type) {
        case 'auth_required':
          socket.send(JSON.stringify({ type: 'auth', access_token: options.token }));
          return;
        case 'auth_invalid':
          finish({ kind: 'auth-invalid', message: typeof message.message === 'string' ? message.message : 'no reason given' });
          return;
        case 'auth_ok': {
          finish(undefined);
          const haSocket = guardMessages(socket, options.onMalformed) as HaWebSocket;
          haSocket.haVersion = typeof message.ha_version === 'string' ? message.ha_version : '0.0.0';
          resolve(haSocket);
          return;
        }
        default:
          finish({ kind: 'not-home-assistant', detail: `its first message was not auth_required` });
      }
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
    socket.addEventListener('error', onClose);
  });
}

/** Wraps the library's message listener: only well-formed frames reach it, and nothing it throws
 *  escapes into the page. A frame holding several messages keeps its good ones. */
function guardMessages(socket: WebSocket, onMalformed: (reason: string) => void): WebSocket {
  const add = socket.addEventListener.bind(socket);
  const remove = socket.removeEventListener.bind(socket);
  const wrapped = new Map<unknown, EventListener>();
  socket.addEventListener = ((type: string, listener: EventListener, options?: boolean | AddEventListenerOptions) => {
    if (type !== 'message') return add(type, listener, options);
    const guard = (event: Event) => {
      const checked = checkHaFrame((event as MessageEvent).data);
      for (const problem of checked.problems) onMalformed(problem);
      if (checked.messages.length === 0) return;
      try {
        listener(checked.intact ? event : ({ data: JSON.stringify(checked.messages) } as MessageEvent));
      } catch (error) {
        onMalformed(`a message could not be handled: ${(error as Error).message}`);
      }
    };
    wrapped.set(listener, guard);
    return add(type, guard, options);
  }) as WebSocket['addEventListener'];
  socket.removeEventListener = ((type: string, listener: EventListener, options?: boolean | EventListenerOptions) => {
    const guard = type === 'message' ? wrapped.get(listener) : undefined;
    if (guard) wrapped.delete(listener);
    return remove(type, guard ?? listener, options);
  }) as WebSocket['removeEventListener'];
  return socket;
}
