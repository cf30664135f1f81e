// The one place a message the intent matcher did not take goes to a language model. Today it is the
// plain streamed answer (AnswerPipeline through chat.ts). The tools-offered turn (the model is given
// the tools, constrained by a grammar on wllama or a JSON schema on WebLLM) plugs in here: it gets
// the registry of this turn and `runCall`, which validates, asks for confirmation, runs and records
// a call exactly as the intent path does, so what the model asks for is shown, stored and spoken the
// same way and a sensitive call still waits for the person's yes.
import type { ConversationMessage, ToolCallRecord } from '../../core/chat-types';
import type { ToolCall } from '../../core/tools/tool-types';
import type { ToolRegistry } from '../../core/tools/tool-registry';
import type { AnswerListener, AnswerRequest } from '../answers/answer-ports';
import { modelToolTurn } from '../answers/model-tool-turn';
import { settings } from '../state/settings';

export interface ModelTurn {
  conversationId: string;
  /** The conversation as stored, ending with the question. */
  messages: readonly ConversationMessage[];
  /** Follows what is said (the voice loop reads it aloud); also given every tool result sentence. */
  listener?: AnswerListener;
  /** The request came by voice (or with the microphone open): questions are asked aloud. */
  aloud: boolean;
  language: 'en' | 'zh';
  /** This turn's tools (device ids as connected now). */
  tools: ToolRegistry;
  /** Runs one call the model made: validated, confirmed if sensitive, run, stored and shown as a
   *  tool message. Resolves with the record (status needs-confirmation when it waits for a yes). */
  runCall(call: ToolCall): Promise<ToolCallRecord>;
  /** The chat's streamed answer (AnswerPipeline); `tools` offers the model the tools for it. */
  answerPlainly(opts?: PlainAnswerOptions): Promise<void>;
}

/** `listener` replaces the chat's own for this answer (tool-turn joins what the turn says). */
export type PlainAnswerOptions = Pick<AnswerRequest, 'tools' | 'listener'>;

/** The model gets the tools unless the person turned that off in Settings (ui/answers/model-tool-turn). */
export async function modelTurn(turn: ModelTurn): Promise<void> {
  if (!settings.value.modelTools) return turn.answerPlainly();
  const { tools, runCall, language, listener } = turn;
  await turn.answerPlainly({ tools: modelToolTurn({ tools, runCall, language }), ...(listener ? { listener } : {}) });
}
