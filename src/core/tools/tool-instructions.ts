// What a language model offered the tools is told, and what it is told after a call: short, since
// every word costs a small model context and time before its first token. The grammar (or schema)
// already holds the model to the envelope; this says what the envelope means and which tool does what.
import type { JsonValue, ObjectSchema, ToolCallError, ToolDefinition, ToolSchema } from './tool-types';

type DescribedTool = Pick<ToolDefinition<never>, 'name' | 'description' | 'parameters'>;

function typeSketch(schema: ToolSchema): string {
  if ('enum' in schema && schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join('|');
  if (schema.type === 'array') return `[${typeSketch(schema.items)}]`;
  if (schema.type === 'object') return argumentSketch(schema);
  return schema.type;
}

/** `{"expression": string, "label"?: string}`: the arguments at a glance. */
export function argumentSketch(schema: ObjectSchema): string {
  const required = new Set(schema.required ?? []);
  const parts = Object.entries(schema.properties).map(
    ([key, value]) => `${JSON.stringify(key)}${required.has(key) ? '' : '?'}: ${typeSketch(value)}`,
  );
  return `{${parts.join(', ')}}`;
}

export function toolInstructions(tools: readonly DescribedTool[]): string {
  const lines = tools.map((t) => `- ${t.name}: ${t.description} Arguments: ${argumentSketch(t.parameters)}`);
  return [
    'You can use tools. Reply with JSON only: {"tool": "<name>", "arguments": {…}} to use one, or {"answer": "<text>"} to reply in words.',
    'Tools:',
    ...lines,
  ].join('\n');
}

/** The model's own call, as it wrote it, for the turn that follows it. */
export const callText = (tool: string, args: unknown): string => JSON.stringify({ tool, arguments: args ?? {} });

export const resultPrompt = (tool: string, data: JsonValue | unknown): string =>
  `Result of ${tool}: ${JSON.stringify(data ?? null)}\nAnswer the question in words with {"answer": "…"}.`;

export const refusalPrompt = (error: Pick<ToolCallError, 'message'>): string =>
  `That call was refused: ${error.message} Reply again with a valid call or {"answer": "…"}.`;
