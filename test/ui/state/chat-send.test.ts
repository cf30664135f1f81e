// Sending a question: it is shown and its write queued, the answer starts without waiting for the
// disk, and a write that fails is said in the Talk view while the words stay on screen. The store is
// scripted (its writes held or refused); the tools chunk is a recorder (routing is tested with the
// tools themselves) and the models state empty.
import 'fake-indexeddb/auto'; // the settings state chat.ts reads opens IndexedDB
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, ConversationMessage } from '../../../src/core/chat-types';

const routed = vi.hoisted(() => ({ calls: [] as Array<{ conversationId: string; text: string }> }));
const store = vi.hoisted(() => ({
  /** Settles the next write (begin or appendMessage): resolve, or reject with the error given. */
  writes: [] as Array<{ kind: string; settle: (error?: Error) => void }>,
  appended: [] as Array<{ conversationId: string; message: ConversationMessage }>,
  begun: [] as Conversation[],
}));

function heldWrite(kind: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    store.writes.push({ kind, settle: (error) => (error ? reject(error) : resolve()) });
  });
}

vi.mock('../../../src/ui/state/vault', () => ({
  chatStores: async () => ({
    conversations: {
      begin: (title: string, messages: ConversationMessage[]) => {
        const conversation = { id: `c${store.begun.length + 1}`, title, createdAt: 1, updatedAt: 1, messages };
        store.begun.push(conversation);
        return { conversation, stored: heldWrite('begin') };
      },
      appendMessage: (conversationId: string, message: ConversationMessage) => {
        store.appended.push({ conversationId, message });
        return heldWrite('append');
      },
      list: async () => ({ conversations: [], damaged: 0 }),
    },
    titleFrom: (text: string) => text.slice(0, 20),
  }),
}));

// The downloaded models (page state over the store and the device) play no part in sending.
vi.mock('../../../src/ui/state/models', async () => {
  const { signal } = await import('@preact/signals');
  return {
    fitDevice: signal(null),
    initModels: async () => undefined,
    readyModelIds: signal(new Set()),
    storedModels: () => signal([]),
    visibleCatalog: signal([]),
  };
});

vi.mock('../../../src/ui/state/chat-tools', () => ({
  routeMessage: async (conversationId: string, text: string) => {
    routed.calls.push({ conversationId, text });
    if (text === 'Break the router') throw new Error('the router broke');
    return true;
  },
}));

// Node has no navigator: the strings need a language.
vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US'] });
const chat = await import('../../../src/ui/state/chat');

/** Waits (microtasks and timers) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(ready()).toBe(true));
}

const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

beforeEach(() => {
  routed.calls.length = 0;
  store.writes.length = 0;
  store.appended.length = 0;
  store.begun.length = 0;
  chat.current.value = null;
  chat.chatError.value = null;
});
afterEach(() => {
  for (const write of store.writes) write.settle();
});

describe('send', () => {
  it('starts the answer while the new conversation is still being written, then settles', async () => {
    const sent = chat.send('What is a heron?');
    await until(() => routed.calls.length === 1);
    expect(store.writes.map((w) => w.kind)).toEqual(['begin']);
    expect(routed.calls[0]).toEqual({ conversationId: 'c1', text: 'What is a heron?' });
    expect(chat.current.value?.messages.map((m) => m.content)).toEqual(['What is a heron?']);
    let done = false;
    void sent.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false); // send() is not over until the question is on disk
    store.writes[0]!.settle();
    await sent;
    expect(chat.chatError.value).toBeNull();
  });

  it('a question the disk refuses stays on screen and the Talk view says why', async () => {
    const sent = chat.send('Remember the milk');
    await until(() => store.writes.length === 1);
    store.writes[0]!.settle(quotaError());
    await sent;
    expect(chat.chatError.value).toContain('could not be saved');
    expect(chat.chatError.value).toContain('The quota has been exceeded.');
    expect(chat.current.value?.messages.map((m) => m.content)).toEqual(['Remember the milk']);
  });

  it('in an open conversation the question is appended, shown before it is stored, and a refusal is said', async () => {
    const first = chat.send('First question');
    await until(() => store.writes.length === 1);
    store.writes.shift()!.settle();
    await first;

    const second = chat.send('Second question');
    await until(() => routed.calls.length === 2);
    expect(store.appended.map((a) => [a.conversationId, a.message.content])).toEqual([['c1', 'Second question']]);
    expect(chat.current.value?.messages.map((m) => m.content)).toEqual(['First question', 'Second question']);
    store.writes.shift()!.settle(quotaError());
    await second;
    expect(chat.chatError.value).toContain('The quota has been exceeded.');
    expect(chat.current.value?.messages.map((m) => m.content)).toEqual(['First question', 'Second question']);
  });

  it('what the answer throws reaches the caller, not the store error, once the question is stored', async () => {
    const sent = chat.send('Break the router');
    const outcome = sent.then(
      () => 'resolved',
      (e: unknown) => (e as Error).message,
    );
    await until(() => routed.calls.length === 1 && store.writes.length === 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false); // still waiting for the question's write
    store.writes[0]!.settle();
    expect(await outcome).toBe('the router broke');
    expect(chat.chatError.value).toBeNull();
  });
});
