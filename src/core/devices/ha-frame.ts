// Whether a frame from Home Assistant's WebSocket API has the documented shape before the client
// library acts on it: JSON, one message or a list of them, each an object with a type, and the
// fields its type needs (a numeric id on result, event and pong; success on a result; an event body
// on an event). Anything else is named and left out, never thrown.

export interface CheckedFrame {
  /** The messages that may go on. */
  messages: Record<string, unknown>[];
  /** True when the frame went through whole, so the original text can be passed on. */
  intact: boolean;
  problems: string[];
}

const preview = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function checkHaFrame(data: unknown): CheckedFrame {
  if (typeof data !== 'string') return { messages: [], intact: false, problems: ['a binary frame came where JSON text belongs'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { messages: [], intact: false, problems: [`a frame is not JSON: ${preview(data)}`] };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const messages: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const problem = messageProblem(item);
    if (problem === undefined) messages.push(item as Record<string, unknown>);
    else problems.push(`${problem}: ${preview(JSON.stringify(item) ?? String(item))}`);
  }
  return { messages, intact: problems.length === 0, problems };
}

function messageProblem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'a message is not an object';
  const message = item as Record<string, unknown>;
  if (typeof message.type !== 'string') return 'a message has no type';
  const needsId = message.type === 'result' || message.type === 'event' || message.type === 'pong';
  if (needsId && (typeof message.id !== 'number' || !Number.isInteger(message.id))) return `a ${message.type} has no numeric id`;
  if (message.type === 'result' && typeof message.success !== 'boolean') return 'a result has no success flag';
  if (message.type === 'result' && message.success === false) {
    const error = message.error as Record<string, unknown> | undefined;
    if (typeof error !== 'object' || error === null) return 'a failed result has no error';
  }
  if (message.type === 'event' && (typeof message.event !== 'object' || message.event === null)) return 'an event has no body';
  return undefined;
}
