import { describe, expect, it } from 'vitest';
import { arithmeticTools, clockTools, deviceTools, noteTool, timerTools } from '../../../src/core/tools/builtin-tools';
import { readModelReply } from '../../../src/core/tools/model-reply';
import { toolCallGrammar, toolCallJsonSchema } from '../../../src/core/tools/tool-grammar';
import { createToolRegistry } from '../../../src/core/tools/tool-registry';
import type { ToolDefinition } from '../../../src/core/tools/tool-types';
import { parseGbnf, recognises, sample } from '../../support/gbnf-recognizer';

const nested: ToolDefinition<never> = {
  name: 'shopping_add',
  description: 'Adds items to a list.',
  parameters: {
    type: 'object',
    properties: {
      list: { type: 'string', enum: ['groceries', 'hardware'] },
      items: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            count: { type: 'integer', minimum: 1 },
            urgent: { type: 'boolean' },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
      note: { type: 'string' },
    },
    required: ['items'],
    additionalProperties: false,
  },
  sensitive: false,
  run: () => ({ data: null }),
};

const tools = [
  ...clockTools(),
  ...arithmeticTools(),
  ...timerTools({ read: () => [], write: () => {} }, () => 'id'),
  ...deviceTools({
    deviceIds: ['light.kitchen', 'lock.front_door'],
    isSensitiveDevice: () => false,
    control: () => ({ data: null }),
    state: () => ({ data: null }),
  }),
  noteTool(() => ({ data: null })),
  nested,
];
const registry = createToolRegistry(tools);
const grammar = parseGbnf(toolCallGrammar(tools));
const inLanguage = (text: string) => recognises(grammar, text);

/** A seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('tool-call grammar (GBNF)', () => {
  it('is llama.cpp GBNF with a root rule and every rule defined', () => {
    const text = toolCallGrammar(tools);
    expect(text).toMatch(/^root ::= /);
    expect([...grammar.keys()].every((name) => /^[a-zA-Z0-9-]+$/.test(name))).toBe(true);
  });

  it('admits well-formed calls and plain answers', () => {
    for (const text of [
      '{"tool": "current_time", "arguments": {}}',
      '{"tool":"calculate","arguments":{"expression":"12 * 7"}}',
      '{"tool": "timer_start", "arguments": {"duration_seconds": 300, "label": "pasta"}}',
      '{"tool": "timer_start", "arguments": {"duration_seconds": 300}}',
      '{"tool": "timer_cancel", "arguments": {"all": true}}',
      '{"tool": "convert_units", "arguments": {"value": -2.5e3, "from": "mile", "to": "km"}}',
      '{"tool": "device_control", "arguments": {"device_id": "light.kitchen", "action": "set_brightness", "brightness": 40}}',
      '{"tool": "shopping_add", "arguments": {"list": "groceries", "items": [{"name": "milk", "count": 2}, {"name": "茶", "urgent": false}]}}',
      '{"answer": "I can\'t do that, but here is a \\"quote\\"\\n."}',
    ]) {
      expect(inLanguage(text), text).toBe(true);
    }
  });

  it('refuses unknown tools, missing or unknown arguments, wrong types and values', () => {
    for (const text of [
      '{"tool": "launch_rocket", "arguments": {}}',
      '{"tool": "calculate", "arguments": {}}',
      '{"tool": "calculate", "arguments": {"expression": ""}}',
      '{"tool": "calculate", "arguments": {"expression": 12}}',
      '{"tool": "calculate", "arguments": {"expression": "1", "extra": 1}}',
      '{"tool": "timer_start", "arguments": {"duration_seconds": 2.5}}',
      '{"tool": "timer_start", "arguments": {"duration_seconds": -3}}',
      '{"tool": "timer_start", "arguments": {"label": "x", "duration_seconds": 3}}',
      '{"tool": "timer_start", "arguments": {"duration_seconds": 3,}}',
      '{"tool": "device_control", "arguments": {"device_id": "light.garage", "action": "turn_on"}}',
      '{"tool": "device_control", "arguments": {"device_id": "light.kitchen", "action": "explode"}}',
      '{"tool": "timer_cancel", "arguments": {"all": "yes"}}',
      '{"tool": "shopping_add", "arguments": {"items": []}}',
      '{"tool": "shopping_add", "arguments": {"items": [{"count": 1}]}}',
      '{"answer": "unterminated}',
      '{"answer": "hi", "tool": "calculate"}',
      'Sure! {"answer": "hi"}',
    ]) {
      expect(inLanguage(text), text).toBe(false);
    }
  });

  it('only produces replies that read as calls which pass validation, or answers', async () => {
    const random = seeded(13);
    const ctx = { now: 0, timeZone: 'UTC', locale: 'en' };
    let calls = 0;
    for (let n = 0; n < 300; n++) {
      const text = sample(grammar, random);
      expect(inLanguage(text), text).toBe(true);
      const reply = readModelReply(text);
      expect(reply.kind, text).not.toBe('error');
      if (reply.kind !== 'call') continue;
      calls++;
      const tool = registry.get(reply.call.tool)!;
      // Validation only: the sampled numbers may be out of range (the grammar does not bound them).
      const outcome = await createToolRegistry([{ ...tool, run: () => ({ data: null }) }]).run(reply.call, ctx);
      if (outcome.status === 'error') {
        expect(outcome.error.code, text).toBe('invalid-arguments');
        for (const detail of outcome.error.details!) expect(detail, text).toMatch(/maximum|minimum|length|less|greater|<=|>=/i);
      }
    }
    expect(calls).toBeGreaterThan(200);
  });
});

describe('tool-call JSON schema (WebLLM)', () => {
  it('is a JSON string naming each tool once, with the same arguments, plus the answer', () => {
    const schema = JSON.parse(toolCallJsonSchema(tools)) as { anyOf: Array<{ properties: Record<string, { enum?: string[] }> }> };
    expect(schema.anyOf).toHaveLength(tools.length + 1);
    expect(schema.anyOf.slice(0, -1).map((s) => s.properties.tool!.enum![0])).toEqual(tools.map((t) => t.name));
    expect(schema.anyOf.at(-1)!.properties).toHaveProperty('answer');
  });
});
