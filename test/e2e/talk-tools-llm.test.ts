// The language-model tool path in real Chromium with WebGPU absent: what the intent matcher does not
// take goes to llama.cpp (wllama) with the tools offered, its output held by the GBNF grammar derived
// from the tool registry. The model is the real but tiny stories260K (260K parameters, trained on
// children's stories): its choices mean nothing, so this proves plumbing, not quality: the grammar
// makes even this model write a well-formed call or answer, the call is validated by the registry and
// run (or refused), and every step is shown in the conversation. At temperature 0 its choices are
// deterministic for a given prompt; which tool it picks is not asserted, only what must hold for any.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { composer, openTalk } from '../support/talk-page';

const STORIES = 'Test: stories260K (TinyStories)';
/** Every tool Talk offers the model (ui/tools/page-tools.ts). */
const TOOLS = [
  'current_time',
  'current_date',
  'calculate',
  'convert_units',
  'timer_start',
  'timer_cancel',
  'timer_status',
  'alarm_set',
  'reminder_add',
  'device_control',
  'device_state',
  'note_add',
];

const env = modelTestEnv();

interface Shown {
  kind: 'answer' | 'tool';
  status: string | null;
  text: string;
  tool: string | null;
  toolStatus: string | null;
  origin: string | null;
  line: string;
}

async function readySession(): Promise<Page> {
  const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
  await download(session.page, STORIES);
  await waitForState(session.page, STORIES, 'ready');
  return session.page;
}

async function setAssistant(page: Page, patch: { maxTokens?: string; tools?: boolean; persona?: string }): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('spinbutton', { name: 'Temperature' }).fill('0');
  if (patch.persona !== undefined) await page.getByRole('textbox', { name: 'Persona (system prompt)' }).fill(patch.persona);
  if (patch.maxTokens !== undefined)
    await page.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill(patch.maxTokens);
  // Off by default (a tiny model under the tool grammar answers worse than free text); on here
  // unless the test says otherwise.
  await page.getByRole('checkbox', { name: /Let the language model use tools/ }).setChecked(patch.tools ?? true);
  await page.getByRole('button', { name: 'Save assistant settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await openTalk(page);
}

/** Asks in a new conversation and waits until the turn is over: something after the question, none
 *  of it streaming, and Send back in place of Stop. Returns what the turn added. */
async function askFresh(page: Page, question: string): Promise<Shown[]> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await composer(page).fill(question);
  await composer(page).press('Enter');
  await page.waitForFunction(
    () => {
      const all = [...document.querySelectorAll('[role="log"] article')];
      const asked = all.findLastIndex((a) => a.classList.contains('message-user'));
      if (asked < 0 || all.length <= asked + 1) return false;
      if (all.slice(asked + 1).some((a) => a.getAttribute('data-status') === 'streaming')) return false;
      return [...document.querySelectorAll('form.composer button')].some((b) => b.textContent === 'Send');
    },
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('[role="log"] article')];
    const asked = all.findLastIndex((a) => a.classList.contains('message-user'));
    return all.slice(asked + 1).map((a) => ({
      kind: a.classList.contains('message-tool') ? ('tool' as const) : ('answer' as const),
      status: a.getAttribute('data-status'),
      text: a.querySelector('.message-text')?.textContent ?? '',
      tool: a.getAttribute('data-tool'),
      toolStatus: a.getAttribute('data-tool-status'),
      origin: a.getAttribute('data-tool-origin'),
      line: a.querySelector('.tool-call-line')?.textContent ?? '',
    }));
  });
}

/** What must hold for anything the constrained model did in one turn. */
function expectWellFormed(turn: Shown[], question: string): void {
  expect(turn.length, question).toBeGreaterThan(0);
  for (const shown of turn) {
    if (shown.kind === 'answer') {
      expect(shown.status, question).toBe('complete');
      // The JSON envelope is never shown: the answer's text is decoded from it as it streams.
      expect(shown.text, question).not.toMatch(/^\s*\{\s*"(answer|tool)"/);
      continue;
    }
    expect(shown.origin, `${question}: the model made this call, not the intent matcher`).toBe('model');
    expect(TOOLS, question).toContain(shown.tool);
    expect(['done', 'refused', 'needs-confirmation', 'error'], question).toContain(shown.toolStatus);
    expect(shown.text.trim(), question).not.toBe('');
  }
}

describe('the LLM tool path (stories260K under the tool grammar, llama.cpp on the CPU)', () => {
  test('the grammar makes the model write a call the registry validates and runs, or an answer shown as text', async () => {
    const page = await readySession();
    await setAssistant(page, {});
    const turns = new Map<string, Shown[]>();
    // Sentences the intent matcher does not take; each in a conversation of its own.
    for (const question of ['Tell me a story', 'Open the garage door', 'The cat sat on the mat', 'Mom said no']) {
      const turn = await askFresh(page, question);
      console.log(`${question} → ${JSON.stringify(turn)}`);
      expectWellFormed(turn, question);
      turns.set(question, turn);
    }
    const all = [...turns.values()].flat();
    // A call made by the model, checked against its tool's JSON schema and run: "done" is set only by
    // the registry after its argument validation passed and the tool's run function returned.
    const ran = all.filter((s) => s.kind === 'tool' && s.toolStatus === 'done');
    expect(ran.length, JSON.stringify(all)).toBeGreaterThan(0);
    expect(ran[0]!.line).toMatch(new RegExp(`^${ran[0]!.tool}`)); // the card names the tool and its arguments
    // And a plain answer, shown as its text.
    expect(all.some((s) => s.kind === 'answer' && s.text.trim() !== '')).toBe(true);
  });

  test('a call the registry refuses is shown with the reason, told to the model, and its second try used', async () => {
    const page = await readySession();
    // With this persona, at temperature 0, stories260K calls timer_status with a label longer than
    // the 60 characters its schema allows: the grammar cannot count characters, validation can.
    // (A choice of this model's greedy decoding: if the model or the tool list changes, another
    // persona or question may be needed to reach a refusal.)
    await setAssistant(page, { persona: 'You control the house.' });
    const turn = await askFresh(page, 'Tell me a story');
    console.log(`refused → ${JSON.stringify(turn)}`);
    expectWellFormed(turn, 'Tell me a story');
    const [refused, ...after] = turn;
    expect(refused, JSON.stringify(turn)).toMatchObject({ kind: 'tool', origin: 'model', toolStatus: 'refused' });
    expect(refused!.text).toMatch(/label/); // which argument was wrong, in the card
    // The refusal went back to the model, which tried once more (here it answers in words).
    expect(after, JSON.stringify(turn)).toEqual([expect.objectContaining({ kind: 'answer', status: 'complete' })]);
    expect(after[0]!.text.trim()).not.toBe('');
  });

  test('a call the model cannot finish is refused with a clear message; nothing runs', async () => {
    const page = await readySession();
    // Too few tokens for a whole call: the reply is cut inside its JSON, told to the model once more
    // as an error, cut again, and the person reads why nothing happened.
    await setAssistant(page, { maxTokens: '8' });
    const turn = await askFresh(page, 'Tell me a story');
    console.log(`cut off → ${JSON.stringify(turn)}`);
    expect(turn.filter((s) => s.kind === 'tool')).toEqual([]);
    expect(turn).toHaveLength(1);
    expect(turn[0]).toMatchObject({ kind: 'answer', status: 'complete' });
    expect(turn[0]!.text.trim()).toBe(
      "The model's reply could not be used: The reply is not complete JSON (it may have been cut off).",
    );
    expect(await page.getByRole('region', { name: 'Timers' }).count()).toBe(0);
  });

  test('with tools turned off in Settings, the model answers plainly and no call is made', async () => {
    const page = await readySession();
    await setAssistant(page, { tools: false });
    const turn = await askFresh(page, 'Tell me a story');
    expect(turn).toHaveLength(1);
    expect(turn[0]).toMatchObject({ kind: 'answer', status: 'complete' });
    expect(turn[0]!.text.trim()).not.toBe('');
    expect(turn[0]!.text).not.toMatch(/^\s*\{/); // a plain story continuation, not a JSON envelope
  });

  test('a grammar llama.cpp rejects comes back as GrammarRejectedError through the llm worker', async () => {
    const page = await readySession();
    await setAssistant(page, {});
    await askFresh(page, 'Open the garage door'); // the llm worker now holds stories260K
    // The page's own llm client module (the same instance Talk uses, so the same worker), asked
    // directly with a grammar whose root names a rule that does not exist.
    // Passed as text: vitest would rewrite a dynamic import() written in this file.
    const thrown = (await page.evaluate(`(async () => {
      const url = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .find((name) => /\\/assets\\/llm-client-[^/]*\\.js$/.test(name));
      if (!url) return { error: 'the llm client chunk was not loaded' };
      const module = await import(url);
      const client = Object.values(module).find(
        (v) => typeof v === 'object' && v !== null && 'generate' in v && 'continueText' in v,
      );
      if (!client) return { error: 'no llm client among the chunk exports' };
      try {
        await client.generate([{ role: 'user', content: 'hi' }], {
          maxTokens: 4,
          constraint: { grammar: 'root ::= "a" missing-rule\\n', jsonSchema: '{}' },
        });
        return { error: 'no error thrown' };
      } catch (e) {
        return { name: e.name, message: e.message, detail: e.detail ?? null };
      }
    })()`)) as { name?: string; message?: string; detail?: string | null; error?: string };
    console.log(`bad grammar → ${JSON.stringify(thrown)}`);
    expect(thrown).toMatchObject({ name: 'GrammarRejectedError', detail: expect.stringMatching(/failed to parse grammar/) });
    expect(thrown.message).toMatch(/^The language model refused the tool grammar: /);
    // The same worker still answers afterwards.
    const after = await askFresh(page, 'Open the garage door');
    expect(after.length).toBeGreaterThan(0);
  });
});
