import { describe, expect, it } from 'vitest';
import { arithmeticTools, deviceTools } from '../../../src/core/tools/builtin-tools';
import {
  argumentSketch,
  callText,
  refusalPrompt,
  resultPrompt,
  toolInstructions,
} from '../../../src/core/tools/tool-instructions';

describe('what the model is told about the tools', () => {
  it('sketches arguments: required plain, optional with ?, enums as their values', () => {
    const [control] = deviceTools({
      deviceIds: ['lamp', 'door'],
      isSensitiveDevice: () => false,
      control: () => ({ data: null }),
      state: () => ({ data: null }),
    });
    expect(argumentSketch(control!.parameters)).toBe(
      '{"device_id": "lamp"|"door", "action": "turn_on"|"turn_off"|"toggle"|"open"|"close"|"lock"|"unlock"|"set_brightness", "brightness"?: integer}',
    );
    expect(argumentSketch({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } })).toBe(
      '{"tags"?: [string]}',
    );
  });

  it('one line per tool after the envelope', () => {
    const text = toolInstructions(arithmeticTools());
    expect(text.split('\n')).toEqual([
      expect.stringContaining('{"tool": "<name>", "arguments": {…}}'),
      'Tools:',
      expect.stringMatching(/^- calculate: Arithmetic.* Arguments: \{"expression": string\}$/),
      expect.stringMatching(/^- convert_units: .* Arguments: \{"value": number, "from": string, "to": string\}$/),
    ]);
  });

  it('the call, its result and a refusal, as the turns that follow', () => {
    expect(callText('calculate', { expression: '1+1' })).toBe('{"tool":"calculate","arguments":{"expression":"1+1"}}');
    expect(resultPrompt('calculate', { value: 2 })).toMatch(/^Result of calculate: \{"value":2\}\n/);
    expect(refusalPrompt({ message: 'bad.' })).toMatch(/^That call was refused: bad\. Reply again/);
  });
});
