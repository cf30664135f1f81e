// What a constrained model writes: either a tool call {"tool": …, "arguments": {…}} or a plain
// answer {"answer": "…"} (the envelope tool-grammar.ts admits). Reading it never throws.
import type { ToolCall, ToolCallError } from './tool-types';

export type ModelReply =
  { kind: 'call'; call: ToolCall } | { kind: 'answer'; text: string } | { kind: 'error'; error: ToolCallError };

function malformed(message: string): ModelReply {
  return { kind: 'error', error: { code: 'malformed-call', message } };
}

export function readModelReply(text: string): ModelReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return malformed('The reply is not complete JSON (it may have been cut off).');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return malformed('The reply must be a JSON object.');
  const reply = value as Record<string, unknown>;
  if (typeof reply.answer === 'string' && Object.keys(reply).length === 1) return { kind: 'answer', text: reply.answer };
  if (typeof reply.tool === 'string') {
    const args = reply.arguments ?? {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return malformed('"arguments" must be an object.');
    return { kind: 'call', call: { tool: reply.tool, arguments: args } };
  }
  return malformed('The reply must be {"tool": …, "arguments": {…}} or {"answer": "…"}.');
}
