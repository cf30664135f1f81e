// The tools the assistant may use, and the one door through which a call runs: the tool must
// exist, its arguments must match its schema, a sensitive call waits for confirmation, and a tool
// that throws becomes an error object. Nothing here throws into the UI.
import { checkArguments } from './argument-validation';
import type { ToolCall, ToolCallError, ToolContext, ToolDefinition, ToolOutcome } from './tool-types';

export const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export interface ToolRegistry {
  readonly tools: readonly ToolDefinition[];
  get(name: string): ToolDefinition | undefined;
  /** Validates a call; `confirmed` lets a sensitive one run. */
  run(call: ToolCall, context: ToolContext, options?: { confirmed?: boolean }): Promise<ToolOutcome>;
  /** Whether a valid call needs confirmation (the tool says so, or the person marked it). */
  isSensitive(call: { tool: string; arguments: Record<string, unknown> }): boolean;
}

export interface RegistryOptions {
  /** Tools the person marked as needing confirmation. */
  markedSensitive?: ReadonlySet<string>;
}

function error(code: ToolCallError['code'], message: string, extra: Partial<ToolCallError> = {}): ToolOutcome {
  return { status: 'error', error: { code, message, ...extra } };
}

export function createToolRegistry(tools: readonly ToolDefinition<never>[], options: RegistryOptions = {}): ToolRegistry {
  const byName = new Map<string, ToolDefinition>();
  for (const tool of tools as readonly ToolDefinition[]) {
    if (!TOOL_NAME.test(tool.name)) throw new Error(`Tool name "${tool.name}" must be lower_snake_case.`);
    if (byName.has(tool.name)) throw new Error(`Two tools are called "${tool.name}".`);
    if (tool.parameters.type !== 'object') throw new Error(`Tool "${tool.name}" must take an object of arguments.`);
    byName.set(tool.name, tool);
  }

  const isSensitive: ToolRegistry['isSensitive'] = (call) => {
    const tool = byName.get(call.tool);
    if (!tool) return false;
    if (options.markedSensitive?.has(tool.name)) return true;
    return typeof tool.sensitive === 'function' ? tool.sensitive(call.arguments) : tool.sensitive;
  };

  return {
    tools: [...byName.values()],
    get: (name) => byName.get(name),
    isSensitive,
    async run(call, context, { confirmed = false } = {}) {
      const tool = typeof call?.tool === 'string' ? byName.get(call.tool) : undefined;
      if (!tool) {
        return error(
          'unknown-tool',
          `There is no tool called "${String(call?.tool)}". Tools: ${[...byName.keys()].join(', ')}.`,
          {
            tool: String(call?.tool),
          },
        );
      }
      const args = call.arguments ?? {};
      const check = checkArguments(tool.parameters, args);
      if (!check.ok) {
        return error('invalid-arguments', `The arguments for "${tool.name}" are not valid: ${check.problems.join('; ')}.`, {
          tool: tool.name,
          details: check.problems,
        });
      }
      const valid = args as Record<string, unknown>;
      if (!confirmed && isSensitive({ tool: tool.name, arguments: valid })) {
        return { status: 'needs-confirmation', tool: tool.name, arguments: valid };
      }
      try {
        const result = await tool.run(valid, context);
        return { status: 'done', tool: tool.name, arguments: valid, result };
      } catch (thrown) {
        const message = thrown instanceof Error ? thrown.message : String(thrown);
        return error('tool-failed', `"${tool.name}" failed: ${message}`, { tool: tool.name });
      }
    },
  };
}
