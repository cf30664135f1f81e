// Constrained output for the language model, derived from the tool registry, so even a tiny model
// can only write a well-formed reply: {"tool": <a tool's name>, "arguments": <that tool's
// arguments>} or {"answer": "<text>"}.
// - toolCallGrammar: GBNF for llama.cpp (wllama's `grammar` sampling option; root rule "root").
// - toolCallJsonSchema: the same envelope as a JSON schema string for WebLLM's
//   response_format: { type: 'json_object', schema }.
// Properties are written in the schema's order. What the grammar cannot express (string lengths
// other than "not empty", number bounds) is left to argument validation, which runs anyway.
import type { ObjectSchema, ToolDefinition, ToolSchema } from './tool-types';

type GrammarTool = Pick<ToolDefinition<never>, 'name' | 'parameters'>;

/** A GBNF string literal: JSON text the model must write exactly. */
function literal(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Rule names in GBNF are letters, digits and dashes. */
function ruleName(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

const SHARED_RULES = [
  'ws ::= [ ]?',
  'char ::= [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])',
  'string ::= "\\"" char* "\\""',
  'nonempty-string ::= "\\"" char char* "\\""',
  'digits ::= [0-9] [0-9]*',
  'natural ::= "0" | [1-9] [0-9]*',
  'positive ::= [1-9] [0-9]*',
  'integer ::= "-"? natural',
  'number ::= "-"? natural ("." digits)? ([eE] [-+]? digits)?',
  'boolean ::= "true" | "false"',
];

class GrammarBuilder {
  readonly rules: string[] = [];

  /** An expression for a value of `schema`; rules it needs are added under `name`. */
  value(schema: ToolSchema, name: string): string {
    switch (schema.type) {
      case 'string':
        if (schema.enum) return `(${schema.enum.map((v) => literal(JSON.stringify(v))).join(' | ')})`;
        return (schema.minLength ?? 0) > 0 ? 'nonempty-string' : 'string';
      case 'integer':
      case 'number':
        if (schema.enum) return `(${schema.enum.map((v) => literal(JSON.stringify(v))).join(' | ')})`;
        if (schema.type === 'integer') {
          if (schema.minimum !== undefined && schema.minimum >= 1) return 'positive';
          return schema.minimum !== undefined && schema.minimum >= 0 ? 'natural' : 'integer';
        }
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array': {
        const item = this.value(schema.items, ruleName(name, 'item'));
        const rule = ruleName(name);
        const list = `${item} (ws "," ws ${item})*`;
        this.rules.push(`${rule} ::= "[" ws ${(schema.minItems ?? 0) > 0 ? list : `(${list})?`} ws "]"`);
        return rule;
      }
      case 'object':
        return this.object(schema, name);
    }
  }

  /** An object with its properties in order: required ones always, optional ones maybe, commas
   *  only between the ones written. One rule per (position, comma-needed) keeps it linear. */
  object(schema: ObjectSchema, name: string): string {
    const rule = ruleName(name);
    const keys = Object.keys(schema.properties);
    const required = new Set(schema.required ?? []);
    const pair = keys.map(
      (key, i) => `${literal(JSON.stringify(key))} ws ":" ws ${this.value(schema.properties[key]!, `${name}-${i}`)}`,
    );
    const tail = (i: number, comma: boolean): string => {
      if (i >= keys.length) return '';
      const own = ruleName(rule, 'from', String(i), comma ? 'c' : 'n');
      const written = `${comma ? '"," ws ' : ''}${pair[i]} ws ${tail(i + 1, true)}`.trim();
      const skipped = tail(i + 1, comma);
      const body = required.has(keys[i]!) ? written : skipped ? `${written} | ${skipped}` : `(${written})?`;
      if (!this.rules.some((r) => r.startsWith(`${own} ::=`))) this.rules.push(`${own} ::= ${body}`);
      return own;
    };
    const inside = tail(0, false);
    this.rules.push(`${rule} ::= "{" ws ${inside ? `${inside} ` : ''}"}"`);
    return rule;
  }
}

export function toolCallGrammar(tools: readonly GrammarTool[]): string {
  const builder = new GrammarBuilder();
  const calls = tools.map((tool) => {
    const args = builder.object(tool.parameters, `args-${tool.name}`);
    const rule = ruleName('call', tool.name);
    builder.rules.push(
      `${rule} ::= "{" ws ${literal('"tool"')} ws ":" ws ${literal(JSON.stringify(tool.name))} ws "," ws ${literal('"arguments"')} ws ":" ws ${args} ws "}"`,
    );
    return rule;
  });
  const answer = `"{" ws ${literal('"answer"')} ws ":" ws string ws "}"`;
  return (
    [`root ::= ${[...calls, 'answer'].join(' | ')}`, `answer ::= ${answer}`, ...builder.rules, ...SHARED_RULES].join('\n') + '\n'
  );
}

/** The same envelope as a JSON schema, for WebLLM (`response_format.schema` takes it as a string). */
export function toolCallJsonSchema(tools: readonly GrammarTool[]): string {
  const calls = tools.map((tool) => ({
    type: 'object',
    properties: { tool: { type: 'string', enum: [tool.name] }, arguments: { ...tool.parameters, additionalProperties: false } },
    required: ['tool', 'arguments'],
    additionalProperties: false,
  }));
  const answer = {
    type: 'object',
    properties: { answer: { type: 'string' } },
    required: ['answer'],
    additionalProperties: false,
  };
  return JSON.stringify({ anyOf: [...calls, answer] });
}
