// The Talk side of the tools, fetched with them when the first message is sent (not with the first
// view): the conversation as the tools see it (tool messages stored and shown like answers), the
// route every message takes, and the answers a person gives to a tool card.
import type { AnswerListener } from '../answers/answer-ports';
import type { ToolSink } from '../tools/tool-turn';
import { answerConfirmation, cancelPending, chooseDevice, routeTurn } from '../tools/tool-turn';
import { answerOpen, current, patchCurrent } from './chat';
import { chatStores } from './vault';

function toolSink(conversationId: string): ToolSink {
  const here = () => current.value?.id === conversationId;
  return {
    conversationId,
    messages: () => (here() ? current.value!.messages : []),
    append: async (message) => {
      await (await chatStores()).conversations.appendMessage(conversationId, message);
      if (here()) patchCurrent((c) => ({ ...c, messages: [...c.messages, message] }));
    },
    update: async (id, patch) => {
      await (await chatStores()).conversations.updateMessage(conversationId, id, patch);
      if (here()) patchCurrent((c) => ({ ...c, messages: c.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) }));
    },
  };
}

/** A spoken message comes with a listener (the voice loop reads what is said). Resolves true. */
export async function routeMessage(
  conversationId: string,
  text: string,
  listener: AnswerListener | undefined,
  answer: typeof answerOpen,
): Promise<true> {
  await routeTurn({
    sink: toolSink(conversationId),
    text,
    ...(listener ? { listener } : {}),
    spoken: listener !== undefined,
    aloud: listener !== undefined,
    answerPlainly: (opts) => answer({ listener, ...opts }),
  });
  return true;
}

/** A tap on a tool card: Yes / No on a confirmation, or one of the devices offered. */
export async function answerToolCard(messageId: string, answer: { yes: boolean } | { deviceId: string }): Promise<void> {
  const conv = current.value;
  if (!conv) return;
  const sink = toolSink(conv.id);
  if ('yes' in answer) await answerConfirmation(sink, messageId, answer.yes);
  else await chooseDevice(sink, messageId, answer.deviceId);
}

/** A question asked aloud got no answer (silence, the microphone closed): nothing runs. */
export async function cancelToolQuestion(listener?: AnswerListener): Promise<void> {
  const conv = current.value;
  if (conv) await cancelPending(toolSink(conv.id), listener, true);
}
