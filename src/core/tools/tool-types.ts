// What a tool is: a name the model and the intent matcher call it by, a description the model
// reads, a JSON Schema for its arguments (the subset the grammar can express), whether it needs
// the person's confirmation, and a run function the caller supplies.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JSON Schema features tool arguments may use: each one is validated, turned into grammar
 *  (GBNF) for llama.cpp and passed to WebLLM as a JSON schema. */
export type ToolSchema =
  // No `pattern`: a regular expression cannot be turned into grammar, and the grammar must admit
  // only what validation accepts. Lengths are validated; the grammar keeps minLength >= 1 only.
  | { type: 'string'; description?: string; enum?: readonly string[]; minLength?: number; maxLength?: number }
  | { type: 'number' | 'integer'; description?: string; minimum?: number; maximum?: number; enum?: readonly number[] }
  | { type: 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: ToolSchema; minItems?: number; maxItems?: number }
  | ObjectSchema;

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Readonly<Record<string, ToolSchema>>;
  required?: readonly string[];
  /** Always false for tool arguments: an unknown argument is an error, not ignored. */
  additionalProperties?: false;
}

export interface ToolContext {
  /** Milliseconds since the epoch, from the caller (core has no clock of its own). */
  now: number;
  timeZone: string;
  locale: string;
}

/** What a tool hands back: data for the model and a sentence for the person. */
export interface ToolResult {
  data: JsonValue;
  /** Shown in the conversation (and spoken); in the language the tool was asked in when it can. */
  say?: string;
}

export interface ToolDefinition<A = Record<string, unknown>> {
  name: string;
  description: string;
  parameters: ObjectSchema;
  /** Asks for confirmation before running. A function when it depends on the arguments (a lock). */
  sensitive: boolean | ((args: A) => boolean);
  run: (args: A, context: ToolContext) => ToolResult | Promise<ToolResult>;
}

export interface ToolCall {
  tool: string;
  arguments: unknown;
}

/** Why a call cannot run, for the model (to try again) and for the person (to see). */
export interface ToolCallError {
  code: 'unknown-tool' | 'invalid-arguments' | 'malformed-call' | 'tool-failed';
  message: string;
  tool?: string;
  details?: string[];
}

export type ToolOutcome =
  | { status: 'done'; tool: string; arguments: Record<string, unknown>; result: ToolResult }
  | { status: 'needs-confirmation'; tool: string; arguments: Record<string, unknown> }
  | { status: 'error'; error: ToolCallError };
