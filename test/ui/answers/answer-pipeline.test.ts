import { describe, expect, it, vi } from 'vitest';
import type { ConversationMessage } from '../../../src/core/chat-types';
import { ContextOverflowError, GpuDeviceLostError, OutOfMemoryError } from '../../../src/core/errors';
import { AnswerPipeline } from '../../../src/ui/answers/answer-pipeline';
import type { AnswerRequest } from '../../../src/ui/answers/answer-ports';
import { fitGrounded, type RetrievedPassage } from '../../../src/core/knowledge/grounding';
import { CPU_MODEL, failsAfter, fakeDeps, GPU_MODEL, msg, streams } from './answer-fakes';

const CONV = 'conv-1';

/** A pipeline over fakes, with the conversation already stored and shown. */
function setup(conversation: ConversationMessage[] = [msg('q1', 'user', 'What is a hearth?')]) {
  const fakes = fakeDeps();
  fakes.stores.messages.set(CONV, conversation);
  fakes.view.messages = conversation;
  const pipeline = new AnswerPipeline(fakes.deps);
  /** Answers the conversation as the view shows it (as chat.ts does with `current`). */
  const answer = (opts: Partial<AnswerRequest> = {}) =>
    pipeline.answer({ conversationId: CONV, messages: fakes.view.messages, ...opts });
  return { ...fakes, pipeline, answer };
}

const shown = (f: ReturnType<typeof setup>, id: string) => f.view.messages.find((m) => m.id === id);
const stored = (f: ReturnType<typeof setup>, id: string) => f.stores.stored(CONV, id);

describe('answer pipeline', () => {
  it('streams an answer, stores it complete with its figures, and ends idle', async () => {
    const f = setup();
    const heard: string[] = [];
    await f.answer({ listener: { onText: (t) => heard.push(t) } });
    const expected = {
      content: 'Hello there.',
      status: 'complete',
      stats: { modelId: GPU_MODEL.id, engine: 'webllm', tokens: 3, ttftMs: 5, tokensPerSecond: 10 },
    };
    expect(shown(f, 'answer-1')).toMatchObject(expected);
    expect(stored(f, 'answer-1')).toMatchObject(expected);
    expect(heard).toEqual(['Hello', 'Hello there', 'Hello there.']);
    expect(f.view.phases).toEqual(['loading', 'generating', 'idle']);
    expect(f.view.engines.map((e) => [e.model.id, e.report.engine, e.choice.reason])).toEqual([
      [GPU_MODEL.id, 'webllm', 'webgpu'],
    ]);
    expect(f.runner.generated()[0]!.messages).toEqual([
      { role: 'system', content: 'You are Hearth.' },
      { role: 'user', content: 'What is a hearth?' },
    ]);
    expect(f.view.settledCount).toBe(1);
  });

  it('stores the answer message before the model loads', async () => {
    const f = setup();
    f.runner.loadFailures.set(GPU_MODEL.id, new Error('no such file'));
    await f.answer();
    expect(f.stores.writes[0]).toMatchObject({
      op: 'append',
      id: 'answer-1',
      message: { role: 'assistant', content: '', status: 'streaming' },
    });
    expect(stored(f, 'answer-1')).toMatchObject({ status: 'failed', error: 'no such file', content: '' });
  });

  it('a cache miss is answered by the model and stored in the response cache', async () => {
    const f = setup();
    await f.answer();
    expect(f.runner.generated()).toHaveLength(1);
    expect([...f.stores.cache.values()]).toEqual([
      { text: 'Hello there.', stats: { modelId: GPU_MODEL.id, engine: 'webllm', tokens: 3, ttftMs: 5, tokensPerSecond: 10 } },
    ]);
  });

  it('a cache hit runs no model and marks the answer cached', async () => {
    const f = setup();
    await f.answer();
    // The same request again: the conversation as it was, a new answer.
    f.view.messages = f.view.messages.slice(0, 1);
    const heard: string[] = [];
    await f.answer({ listener: { onText: (t) => heard.push(t) } });
    expect(f.runner.generated()).toHaveLength(1);
    expect(shown(f, 'answer-2')).toMatchObject({ content: 'Hello there.', status: 'complete', stats: { cached: true } });
    expect(stored(f, 'answer-2')).toMatchObject({ content: 'Hello there.', status: 'complete', stats: { cached: true } });
    expect(heard).toEqual(['Hello there.']);
    expect(f.view.phases.slice(3)).toEqual(['loading', 'idle']);
  });

  it('does not use or fill the cache when told to skip it, off in settings, or above temperature 0', async () => {
    for (const change of [{ skip: true }, { responseCache: false }, { temperature: 0.7 }]) {
      const f = setup();
      const { skip, ...settings } = { skip: false, ...change };
      f.setSettings(settings);
      await f.answer({ skipCache: skip });
      f.view.messages = f.view.messages.slice(0, 1);
      await f.answer({ skipCache: skip });
      expect(f.runner.generated()).toHaveLength(2);
      expect(f.stores.cache.size).toBe(0);
    }
  });

  it('writes an answer again in place, without the cache', async () => {
    const f = setup([msg('q1', 'user', 'Hi'), msg('a1', 'assistant', 'Old answer.')]);
    f.runner.scripts = [streams('New', ' answer.')];
    await f.answer({ replace: 'a1', skipCache: true });
    expect(f.runner.generated()[0]!.messages.map((m) => m.content)).toEqual(['You are Hearth.', 'Hi']);
    expect(f.view.messages.map((m) => [m.id, m.content, m.status])).toEqual([
      ['q1', 'Hi', 'complete'],
      ['a1', 'New answer.', 'complete'],
    ]);
    expect(f.stores.writes[0]).toEqual({
      op: 'update',
      id: 'a1',
      patch: { content: '', status: 'streaming', stats: undefined, error: undefined },
    });
    expect(f.stores.cache.size).toBe(0);
  });

  it('leaves failed answers out of the context', async () => {
    const f = setup([msg('q1', 'user', 'One'), msg('a1', 'assistant', 'broken', 'failed'), msg('q2', 'user', 'Two')]);
    await f.answer();
    expect(f.runner.generated()[0]!.messages.map((m) => m.content)).toEqual(['You are Hearth.', 'One', 'Two']);
  });

  it('after a context overflow learns the ratio, fits fewer messages, and keeps the ratio for the model', async () => {
    const sentence = (n: number) => `Sentence number ${n} talks about the warm fire in the middle of the old stone house today`;
    const history: ConversationMessage[] = [];
    for (let i = 0; i < 4; i++) history.push(msg(`q${i}`, 'user', sentence(i)), msg(`a${i}`, 'assistant', sentence(i + 10)));
    history.push(msg('q-last', 'user', 'And the chimney?'));
    const f = setup(history);
    f.runner.contextSize = 400;
    f.runner.scripts = [
      async () => {
        throw new ContextOverflowError(900, 400);
      },
      streams('It draws.'),
    ];
    await f.answer();

    const [tooLong, refitted] = f.runner.generated();
    expect(tooLong!.messages).toHaveLength(10); // the persona and every message fitted the estimate
    expect(refitted!.messages.length).toBeLessThan(tooLong!.messages.length);
    expect(refitted!.messages.at(-1)).toEqual({ role: 'user', content: 'And the chimney?' });
    expect(shown(f, 'answer-1')).toMatchObject({ content: 'It draws.', status: 'complete' });
    expect(f.stores.cache.size).toBe(0); // the key named the prompt that did not fit

    // The next answer of that model is fitted with the learnt ratio at once: no overflow, no refit.
    f.view.messages = [...f.view.messages, msg('q-next', 'user', 'And the smoke?')];
    f.runner.scripts = [streams('Up.')];
    f.runner.calls.length = 0;
    await f.answer();
    expect(f.runner.generated()).toHaveLength(1);
    // A pipeline that never saw the overflow sends more of the same conversation.
    const fresh = setup(f.view.messages.filter((m) => m.id !== 'answer-2'));
    fresh.runner.contextSize = 400;
    await fresh.answer();
    expect(f.runner.generated()[0]!.messages.length).toBeLessThan(fresh.runner.generated()[0]!.messages.length);
  });

  it('a second overflow fails the answer: the refit is tried once', async () => {
    const f = setup();
    f.runner.scripts = [
      async () => {
        throw new ContextOverflowError(900, 400);
      },
    ];
    await f.answer();
    expect(f.runner.generated()).toHaveLength(2);
    expect(stored(f, 'answer-1')).toMatchObject({ status: 'failed', error: expect.stringContaining('900 tokens') });
  });

  it('when the GPU is lost mid-answer, unloads and writes the same answer again on the CPU engine', async () => {
    const f = setup();
    const heard: string[] = [];
    f.runner.scripts = [failsAfter(new GpuDeviceLostError('device reset'), 'Half'), streams('Whole', ' answer.')];
    await f.answer({ listener: { onText: (t) => heard.push(t) } });

    expect(f.runner.calls.map((c) => (c.kind === 'load' ? `load ${c.model}` : c.kind))).toEqual([
      `load ${GPU_MODEL.id}`,
      'generate',
      'unload',
      `load ${CPU_MODEL.id}`,
      'generate',
    ]);
    expect(f.view.notices).toEqual(['gpu-lost']);
    expect(f.view.engines.map((e) => [e.model.id, e.choice.reason])).toEqual([
      [GPU_MODEL.id, 'webgpu'],
      [CPU_MODEL.id, 'gpu-lost'],
    ]);
    const answer = { content: 'Whole answer.', status: 'complete', stats: { modelId: CPU_MODEL.id, engine: 'wllama' } };
    expect(shown(f, 'answer-1')).toMatchObject(answer);
    expect(stored(f, 'answer-1')).toMatchObject(answer);
    expect(f.view.messages).toHaveLength(2); // the same message, written again; the conversation kept
    expect(heard).toEqual(['Half', 'Whole', 'Whole answer.']);
    expect(f.view.phases.at(-1)).toBe('idle');
    expect(f.stores.cache.size).toBe(0); // the retry skips the cache, as a regenerate does
  });

  it('a model too big for GPU memory at load is answered on the CPU with an out-of-memory notice', async () => {
    const f = setup();
    f.runner.loadFailures.set(GPU_MODEL.id, new OutOfMemoryError('the model'));
    await f.answer();
    expect(f.view.notices).toEqual(['gpu-oom']);
    expect(f.runner.generated()).toHaveLength(1);
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'Hello there.', status: 'complete', stats: { engine: 'wllama' } });
  });

  it('a second GPU failure fails the answer instead of trying again', async () => {
    const f = setup();
    f.deps.choose = () => ({ choice: { model: GPU_MODEL.id, engine: 'webllm', reason: 'override' }, model: GPU_MODEL });
    f.runner.scripts = [failsAfter(new GpuDeviceLostError(), 'One'), failsAfter(new GpuDeviceLostError(), 'Two')];
    await f.answer();
    expect(f.runner.generated()).toHaveLength(2);
    expect(f.runner.calls.filter((c) => c.kind === 'unload')).toHaveLength(1);
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'Two', status: 'failed', error: 'The GPU stopped working' });
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('a GPU failure with no CPU model to turn to fails the answer and says nothing is stored', async () => {
    const f = setup();
    f.deps.choose = () =>
      f.view.gpuLost
        ? { choice: { model: null, engine: null, reason: 'nothing-runs' }, model: undefined }
        : { choice: { model: GPU_MODEL.id, engine: 'webllm', reason: 'webgpu' }, model: GPU_MODEL };
    f.runner.scripts = [failsAfter(new GpuDeviceLostError(), 'Part')];
    await f.answer();
    expect(f.view.nothingStoredCount).toBe(1);
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'Part', status: 'failed' });
  });

  it('Stop keeps the partial text as a stopped answer', async () => {
    const f = setup();
    f.runner.scripts = [streams('One', ' two', ' three', ' four')];
    await f.answer({ listener: { onText: (t) => t === 'One two' && f.pipeline.stop() } });
    expect(shown(f, 'answer-1')).toMatchObject({ content: 'One two', status: 'stopped', stats: { tokens: 2 } });
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'One two', status: 'stopped' });
    expect(f.stores.cache.size).toBe(0);
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('pieces that arrive after Stop do not change what was kept', async () => {
    const f = setup();
    f.runner.scripts = [
      async ({ onToken, signal }) => {
        onToken?.('Kept');
        f.pipeline.stop();
        onToken?.(' late');
        return { text: 'Kept', tokens: 1, ttftMs: 1, tokensPerSecond: null, aborted: signal?.aborted ?? false };
      },
    ];
    await f.answer();
    expect(shown(f, 'answer-1')).toMatchObject({ content: 'Kept', status: 'stopped' });
  });

  it('Stop during the switch to the CPU keeps what the GPU wrote, and answers no more', async () => {
    const f = setup();
    f.runner.scripts = [failsAfter(new GpuDeviceLostError(), 'Half')];
    f.runner.unload = async () => void f.pipeline.stop();
    await f.answer();
    expect(f.runner.generated()).toHaveLength(1);
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'Half', status: 'stopped' });
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('any other failure fails the answer with its partial text and the reason', async () => {
    const f = setup();
    f.runner.scripts = [failsAfter(new Error('engine crashed'), 'Partial', ' text')];
    await f.answer();
    const failed = { content: 'Partial text', status: 'failed', error: 'engine crashed' };
    expect(shown(f, 'answer-1')).toMatchObject(failed);
    expect(stored(f, 'answer-1')).toMatchObject(failed);
    expect(f.runner.calls.filter((c) => c.kind === 'unload')).toHaveLength(0);
    expect(f.view.notices).toEqual([]);
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('saves the first words at once and the last text last, before the settled message', async () => {
    const f = setup();
    f.runner.scripts = [streams('First', ' second', ' third', ' last.')];
    await f.answer();
    const contents = f.stores.writes.filter((w) => w.op === 'update').map((w) => w.op === 'update' && w.patch);
    expect(contents).toEqual([
      { content: 'First' },
      { content: 'First second third last.' },
      { content: 'First second third last.', status: 'complete', stats: expect.objectContaining({ tokens: 4 }) },
    ]);
  });

  it('the model starts while the answer message is still being stored; its text lands after it', async () => {
    const f = setup();
    let disk!: () => void;
    f.stores.appendsWaitFor = new Promise<void>((resolve) => (disk = resolve));
    f.runner.scripts = [streams('First', ' last.')];
    const answered = f.answer();
    await vi.waitFor(() => expect(f.runner.generated()).toHaveLength(1));
    expect(f.stores.writes).toEqual([]); // nothing written yet: the model did not wait for the disk
    expect(shown(f, 'answer-1')).toMatchObject({ role: 'assistant' }); // but the answer is on screen
    disk();
    await answered;
    expect(f.stores.writes.map((w) => w.op)).toEqual(['append', 'update', 'update', 'update']);
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'First last.', status: 'complete' });
  });

  it('an answer that cannot be stored stops the model and fails with the reason, its text kept on screen', async () => {
    const f = setup();
    let disk!: () => void;
    f.stores.appendsWaitFor = new Promise<void>((resolve) => (disk = resolve));
    f.stores.appendFailure = new Error('QuotaExceededError: the disk is full');
    let pieces = 0;
    f.runner.scripts = [
      async ({ onToken, signal }) => {
        for (;;) {
          if (signal?.aborted)
            return { text: 'word '.repeat(pieces), tokens: pieces, ttftMs: 5, tokensPerSecond: 10, aborted: true };
          onToken?.('word ');
          if (++pieces === 3) disk();
          await new Promise((r) => setTimeout(r, 1));
        }
      },
    ];
    await expect(f.answer()).rejects.toThrow('the disk is full');
    expect(pieces).toBeLessThan(50); // stopped, not run to the end of a never-ending answer
    expect(shown(f, 'answer-1')).toMatchObject({ status: 'failed', error: expect.stringContaining('the disk is full') });
    expect(shown(f, 'answer-1')!.content).toMatch(/^(word ){3,}$/);
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('with nothing stored says so and writes nothing', async () => {
    const f = setup();
    f.deps.choose = () => ({ choice: { model: null, engine: null, reason: 'nothing-stored' }, model: undefined });
    await f.answer();
    expect(f.view.nothingStoredCount).toBe(1);
    expect(f.stores.writes).toEqual([]);
    expect(f.runner.calls).toEqual([]);
  });
});

describe('answers from the documents', () => {
  const VALVE: RetrievedPassage = {
    passageId: 'doc-1:4',
    docId: 'doc-1',
    documentName: 'boiler.md',
    text: 'The thermocouple closes the gas valve.',
    headings: ['Safety'],
    page: 2,
    matches: [[20, 23]],
    keywordShare: 0.6,
  };
  const NOTHING = 'Your documents do not contain this.';

  function withDocuments(found: RetrievedPassage[] | null, conversation?: ConversationMessage[]) {
    const f = setup(conversation);
    const asked: string[] = [];
    f.deps.documents = {
      retrieve: async (_conversation, question) => {
        asked.push(question);
        return found && { passages: found, fit: fitGrounded };
      },
      nothingFound: () => NOTHING,
    };
    return { ...f, asked };
  }

  it('gives the model the passages inside the fence and stores them as the sources of the answer', async () => {
    const f = withDocuments([VALVE]);
    f.runner.scripts = [streams('It closes the valve', ' [1].')];
    await f.answer();
    expect(f.asked).toEqual(['What is a hearth?']);
    const [system, question] = f.runner.generated()[0]!.messages;
    expect(system!.role).toBe('system');
    expect(system!.content.startsWith('You are Hearth.\n\n')).toBe(true);
    expect(system!.content).toContain(
      '<passage n="1" source="boiler.md, page 2, Safety">\nThe thermocouple closes the gas valve.\n</passage>\n</documents>',
    );
    expect(question).toEqual({ role: 'user', content: 'What is a hearth?' });
    const source = { n: 1, docId: 'doc-1', passageId: 'doc-1:4', documentName: 'boiler.md', page: 2, trimmed: false };
    expect(stored(f, 'answer-1')).toMatchObject({ content: 'It closes the valve [1].', status: 'complete', sources: [source] });
    expect(shown(f, 'answer-1')).toMatchObject({ sources: [source] });
  });

  it('says the documents do not contain it when nothing relevant is found, and runs no model', async () => {
    const f = withDocuments([]);
    const heard: string[] = [];
    await f.answer({ listener: { onText: (t) => heard.push(t) } });
    expect(f.runner.calls).toEqual([]);
    expect(stored(f, 'answer-1')).toMatchObject({ content: NOTHING, status: 'complete', noSources: true });
    expect(stored(f, 'answer-1')!.sources).toBeUndefined();
    expect(heard).toEqual([NOTHING]); // a spoken question hears it too
    expect(f.view.phases.at(-1)).toBe('idle');
  });

  it('answers as before when the conversation does not use the documents', async () => {
    const f = withDocuments(null);
    await f.answer();
    expect(f.runner.generated()[0]!.messages[0]).toEqual({ role: 'system', content: 'You are Hearth.' });
    expect(stored(f, 'answer-1')!.sources).toBeUndefined();
  });

  it('a failed search fails the answer with its reason', async () => {
    const f = setup();
    f.deps.documents = {
      retrieve: () => Promise.reject(new Error('the index is not open')),
      nothingFound: () => NOTHING,
    };
    await f.answer();
    expect(stored(f, 'answer-1')).toMatchObject({ status: 'failed', error: 'the index is not open' });
    expect(f.runner.calls).toEqual([]);
  });

  it('writing an answer again drops the old sources before the new ones are chosen', async () => {
    const old = {
      ...msg('a1', 'assistant', 'Old [1].'),
      sources: [{ n: 1, docId: 'x', passageId: 'x:0', documentName: 'x', headings: [], text: 'x', trimmed: false }],
    };
    const f = withDocuments([], [msg('q1', 'user', 'Where is the valve?'), old]);
    await f.answer({ replace: 'a1', skipCache: true });
    expect(stored(f, 'a1')).toMatchObject({ content: NOTHING, noSources: true });
    expect(stored(f, 'a1')!.sources).toBeUndefined();
    expect(shown(f, 'a1')!.sources).toBeUndefined();
  });
});
