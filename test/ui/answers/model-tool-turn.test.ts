// A tool turn inside the answer pipeline, over the pipeline's fakes (answer-fakes.ts) and the real
// registry with the built-in tools: what the model is asked under which constraint, what is shown
// and spoken while it writes, and what happens to each kind of call. The real model under the real
// grammar is in Chromium: test/e2e/talk-tools-llm.test.ts.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationMessage } from '../../../src/core/chat-types';
import { arithmeticTools, clockTools, deviceTools } from '../../../src/core/tools/builtin-tools';
import { createToolRegistry } from '../../../src/core/tools/tool-registry';
import type { ToolCall } from '../../../src/core/tools/tool-types';
import type { GenerateOptions } from '../../../src/clients/llm-client';
import type { ModelEntry } from '../../../src/catalog/types';
import type { Completion, LlmLoadReport } from '../../../src/engines/llm/llm-engine';
import { AnswerPipeline } from '../../../src/ui/answers/answer-pipeline';
import { modelToolTurn, type RecordedCall } from '../../../src/ui/answers/model-tool-turn';
import { FakeRunner, fakeDeps, msg, streams, type Script } from './answer-fakes';

const CONV = 'conv-1';

class BaseModelRunner extends FakeRunner {
  override async load(model: ModelEntry): Promise<LlmLoadReport> {
    return { ...(await super.load(model)), chatTemplate: false };
  }
}

function registry() {
  const devices = deviceTools({
    deviceIds: ['front_door', 'kitchen_light'],
    isSensitiveDevice: (id) => id === 'front_door',
    control: ({ device_id, action }) => ({ data: { device_id, action, ok: true }, say: `${device_id}: ${action}` }),
    state: ({ device_id }) => ({ data: { device_id, state: 'on' } }),
  });
  return createToolRegistry([...clockTools(), ...arithmeticTools(), ...devices]);
}

/** The pipeline with a tool turn; runCall stands in for the Talk side: it runs the call through the
 *  registry and appends the tool message, as ui/tools/tool-turn.ts does. */
function setup({ base = false, question = 'What is 6 times 7?' } = {}) {
  const runner = base ? new BaseModelRunner() : new FakeRunner();
  const fakes = fakeDeps({ runner });
  const conversation: ConversationMessage[] = [msg('q1', 'user', question)];
  fakes.stores.messages.set(CONV, conversation);
  fakes.view.messages = conversation;
  const tools = registry();
  const calls: ToolCall[] = [];
  const constraints: Array<GenerateOptions['constraint']> = [];
  const runCall = async (call: ToolCall): Promise<RecordedCall> => {
    calls.push(call);
    const outcome = await tools.run(call, { now: Date.UTC(2026, 0, 1, 9, 30), timeZone: 'UTC', locale: 'en' });
    const record: RecordedCall =
      outcome.status === 'error'
        ? { name: call.tool, status: outcome.error.code === 'tool-failed' ? 'error' : 'refused', data: outcome.error }
        : outcome.status === 'done'
          ? { name: outcome.tool, status: 'done', data: outcome.result.data }
          : { name: outcome.tool, status: 'needs-confirmation' };
    const message: ConversationMessage = {
      ...msg(`tool-${calls.length}`, 'assistant', outcome.status === 'done' ? (outcome.result.say ?? '') : record.status),
    };
    await fakes.stores.conversations.appendMessage(CONV, message);
    fakes.view.added(message);
    return record;
  };
  const pipeline = new AnswerPipeline(fakes.deps);
  const heard: string[] = [];
  const hooks = { onHeard: () => {}, onPiece: () => {} };
  const answer = () =>
    pipeline.answer({
      conversationId: CONV,
      messages: fakes.view.messages,
      listener: {
        onText: (t) => {
          heard.push(t);
          hooks.onHeard();
        },
      },
      tools: modelToolTurn({ tools, runCall, language: 'en' }),
    });
  /** Each generate() plays the next script and records its constraint. */
  const play = (...scripts: Script[]) => {
    runner.scripts = scripts.map((script) => (opts: GenerateOptions): Promise<Completion> => {
      constraints.push(opts.constraint);
      const onToken = opts.onToken;
      return script({
        ...opts,
        onToken: (piece) => {
          onToken?.(piece);
          hooks.onPiece();
        },
      });
    });
  };
  return Object.assign(hooks, { ...fakes, runner, pipeline, answer, play, calls, constraints, heard });
}

/** Valid under the grammar (which cannot express a maximum), refused by validation. */
const BRIGHTER =
  '{"tool": "device_control", "arguments": {"device_id": "kitchen_light", "action": "set_brightness", "brightness": 150}}';

const lastUser = (messages: ChatMessage[]) => messages.findLast((m) => m.role === 'user')!.content;

describe('a tool turn in the answer pipeline', () => {
  it('an answer streams as decoded text under the tool grammar, and is stored as the answer', async () => {
    const f = setup({ question: 'Say hello' });
    f.play(streams('{"answer": "', 'Hello \\"', 'there\\"', '\\nfriend', '."}'));
    await f.answer();
    const system = f.runner.generated()[0]!.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toMatch(/^You are Hearth\.\n\nYou can use tools\./);
    expect(system.content).toContain('- calculate: ');
    expect(system.content).toContain('Arguments: {"expression": string}');
    expect(f.constraints[0]!.grammar).toMatch(/^root ::= call-current-time \| /);
    expect(JSON.parse(f.constraints[0]!.jsonSchema).anyOf).toHaveLength(7);
    expect(f.heard).toEqual(['Hello "', 'Hello "there"', 'Hello "there"\nfriend', 'Hello "there"\nfriend.']);
    expect(f.view.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Hello "there"\nfriend.', status: 'complete' });
    expect(f.stores.stored(CONV, 'answer-1')).toMatchObject({ content: 'Hello "there"\nfriend.', status: 'complete' });
    expect(f.calls).toEqual([]);
    expect(f.stores.cache.size).toBe(0); // a tool turn is never cached
  });

  it('a call runs, its result goes back to a chat model, whose answer follows the tool message', async () => {
    const f = setup();
    f.play(streams('{"tool": "calculate", ', '"arguments": {"expression": "6 * 7"}}'), streams('{"answer": "It is ', '42."}'));
    await f.answer();
    expect(f.calls).toEqual([{ tool: 'calculate', arguments: { expression: '6 * 7' } }]);
    const [, second] = f.runner.generated();
    expect(second!.messages.at(-2)).toEqual({
      role: 'assistant',
      content: '{"tool":"calculate","arguments":{"expression":"6 * 7"}}',
    });
    expect(lastUser(second!.messages)).toMatch(/^Result of calculate: \{"expression":"6 \* 7","value":42\}/);
    expect(f.constraints[1]!.grammar).toMatch(/^root ::= answer\n/); // only an answer may follow
    expect(f.view.messages.map((m) => [m.id, m.content])).toEqual([
      ['q1', 'What is 6 times 7?'],
      ['tool-1', '6 * 7 = 42'],
      ['answer-1', 'It is 42.'],
    ]);
    expect(f.stores.stored(CONV, 'answer-1')).toMatchObject({ status: 'complete', content: 'It is 42.' });
  });

  it("a base model, too small to use a result, leaves the tool's own sentence as the reply", async () => {
    const f = setup({ base: true });
    f.play(streams('{"tool": "calculate", "arguments": {"expression": "6 * 7"}}'));
    await f.answer();
    expect(f.runner.generated()).toHaveLength(1);
    expect(f.view.messages.map((m) => m.id)).toEqual(['q1', 'tool-1']);
    expect(f.stores.messages.get(CONV)!.map((m) => m.id)).toEqual(['q1', 'tool-1']);
    expect(f.view.phases.at(-1)).toBe('idle');
    expect(f.view.settledCount).toBe(1);
  });

  it('a refused call is told to the model once, and its second try is used', async () => {
    const f = setup({ question: 'Kitchen light to 150' });
    f.play(streams(BRIGHTER), streams('{"answer": "Brightness goes up to 100."}'));
    await f.answer();
    expect(f.calls).toHaveLength(1);
    const [, retry] = f.runner.generated();
    expect(lastUser(retry!.messages)).toMatch(
      /^That call was refused: The arguments for "device_control" are not valid: arguments\.brightness: .*100/,
    );
    expect(f.constraints[1]).toEqual(f.constraints[0]); // the whole choice again
    expect(f.view.messages.map((m) => [m.id, m.content])).toEqual([
      ['q1', 'Kitchen light to 150'],
      ['tool-1', 'refused'],
      ['answer-1', 'Brightness goes up to 100.'],
    ]);
  });

  it('refused twice: no third try, and the refusal is the reply', async () => {
    const f = setup();
    f.play(streams(BRIGHTER));
    await f.answer();
    expect(f.runner.generated()).toHaveLength(2);
    expect(f.view.messages.map((m) => [m.id, m.content])).toEqual([
      ['q1', 'What is 6 times 7?'],
      ['tool-1', 'refused'],
      ['tool-2', 'refused'],
    ]);
  });

  it('a sensitive call waits for confirmation: nothing runs, no answer is written', async () => {
    const f = setup({ question: 'Unlock the front door' });
    f.play(streams('{"tool": "device_control", "arguments": {"device_id": "front_door", "action": "unlock"}}'));
    await f.answer();
    expect(f.runner.generated()).toHaveLength(1);
    expect(f.view.messages.map((m) => [m.id, m.content])).toEqual([
      ['q1', 'Unlock the front door'],
      ['tool-1', 'needs-confirmation'],
    ]);
  });

  it('a call cut off at the token limit is retried once, then explained in words', async () => {
    const f = setup();
    f.play(streams('{"tool": "calculate", "arguments": {"expr'));
    await f.answer();
    expect(f.runner.generated()).toHaveLength(2);
    expect(f.calls).toEqual([]);
    expect(f.view.messages.at(-1)).toMatchObject({
      content: "The model's reply could not be used: The reply is not complete JSON (it may have been cut off).",
      status: 'complete',
    });
  });

  it('Stop mid-answer keeps what was written, marked stopped', async () => {
    const f = setup();
    f.play(streams('{"answer": "', 'Once', ' upon', ' a time"}'));
    f.onHeard = () => f.pipeline.stop();
    await f.answer();
    expect(f.view.messages.at(-1)).toMatchObject({ id: 'answer-1', content: 'Once', status: 'stopped' });
  });

  it('Stop before the first word leaves no answer message', async () => {
    const f = setup();
    f.play(streams('{"ans', 'wer": "', 'Once"}'));
    f.onPiece = () => f.pipeline.stop();
    await f.answer();
    expect(f.view.messages.map((m) => m.id)).toEqual(['q1']);
    expect(f.view.phases.at(-1)).toBe('idle');
  });
});
