// A language model offered the tools, inside one answer of the pipeline (AnswerRequest.tools). The
// model is asked under the tool grammar (llama.cpp) or JSON schema (WebLLM), so it can only write
// {"tool": …, "arguments": …} or {"answer": "…"}:
// - an answer streams as it is written (core/tools/answer-text-stream), shown and spoken like any;
// - a call goes through `runCall` (the Talk side validates it with the registry, asks for
//   confirmation when it is sensitive, runs it, and shows and stores it as a tool message);
//   a refused call is told to the model for one more try; a call that ran is given back to a chat
//   model for the answer in words, while a base model (too small to add anything) leaves the tool's
//   own sentence as the reply. Nothing here throws for what the model wrote.
import type { ChatMessage } from '../../core/chat-types';
import { AnswerTextStream } from '../../core/tools/answer-text-stream';
import { readModelReply } from '../../core/tools/model-reply';
import { toolCallGrammar, toolCallJsonSchema } from '../../core/tools/tool-grammar';
import { callText, refusalPrompt, resultPrompt, toolInstructions } from '../../core/tools/tool-instructions';
import type { ToolRegistry } from '../../core/tools/tool-registry';
import type { ToolCall } from '../../core/tools/tool-types';
import type { Completion, OutputConstraint } from '../../engines/llm/llm-engine';
import type { AnswerTools, ToolStep, ToolStepResult } from './answer-ports';

/** What became of a call the model made, as the Talk side recorded it (a ToolCallRecord). */
export interface RecordedCall {
  name: string;
  status: string;
  data?: unknown;
}

export interface ModelToolTurn {
  tools: ToolRegistry;
  /** Validates, confirms if sensitive, runs, shows and stores one call. */
  runCall(call: ToolCall): Promise<RecordedCall>;
  language: 'en' | 'zh';
  /** One more try after a refused or unreadable call (default 1). */
  retries?: number;
}

const UNREADABLE: Record<ModelToolTurn['language'], (reason: string) => string> = {
  en: (reason) => `The model's reply could not be used: ${reason}`,
  zh: (reason) => `模型的回复无法使用：${reason}`,
};

/** The grammar and schema of a tool turn: any tool's call, or an answer. */
export function toolConstraint(tools: ToolRegistry): OutputConstraint {
  return { grammar: toolCallGrammar(tools.tools), jsonSchema: toolCallJsonSchema(tools.tools) };
}

/** Only {"answer": "…"}: what follows a call's result. */
const ANSWER_ONLY: OutputConstraint = { grammar: toolCallGrammar([]), jsonSchema: toolCallJsonSchema([]) };

export function modelToolTurn(turn: ModelToolTurn): AnswerTools {
  return {
    instructions: toolInstructions(turn.tools.tools),
    run: (step) => runTurn(turn, step),
  };
}

/** One generation under `constraint`, its answer text shown as it streams. */
async function ask(step: ToolStep, messages: ChatMessage[], constraint: OutputConstraint) {
  const stream = new AnswerTextStream();
  const completion = await step.generate(messages, {
    constraint,
    onToken: (piece) => {
      if (stream.push(piece)) step.show(stream.text);
    },
  });
  return { completion, stream, reply: readModelReply(completion.text) };
}

async function runTurn(turn: ModelToolTurn, step: ToolStep): Promise<ToolStepResult> {
  const constraint = toolConstraint(turn.tools);
  const messages = [...step.messages];
  let retries = turn.retries ?? 1;
  for (;;) {
    const { completion, stream, reply } = await ask(step, messages, constraint);
    // Stopped before a word: nothing to keep. Stopped later, or an answer (whole, or cut at the
    // token limit): what was written is the answer.
    if (completion.aborted && !stream.text) return { completion, text: null };
    if (completion.aborted || stream.state === 'answer' || stream.state === 'done') {
      return { completion, text: reply.kind === 'answer' ? reply.text : stream.text };
    }
    if (reply.kind === 'answer') return { completion, text: reply.text };
    if (reply.kind === 'error') {
      // Only a call cut off at the token limit gets here (the grammar admits nothing else).
      if (retries-- > 0) {
        messages.push({ role: 'assistant', content: completion.text }, { role: 'user', content: refusalPrompt(reply.error) });
        continue;
      }
      return { completion, text: UNREADABLE[turn.language](reply.error.message) };
    }
    const record = await turn.runCall(reply.call);
    messages.push({ role: 'assistant', content: callText(reply.call.tool, reply.call.arguments) });
    if (record.status === 'refused' && retries-- > 0) {
      messages.push({ role: 'user', content: refusalPrompt(refusalOf(record)) });
      continue;
    }
    // Waiting for a yes, refused again, failed, or a model too small to use a result: the tool's
    // message (already shown and spoken) is the reply.
    if (record.status !== 'done' || !step.report.chatTemplate) return { completion, text: null };
    messages.push({ role: 'user', content: resultPrompt(record.name, record.data) });
    return followUp(step, messages, completion);
  }
}

/** The answer in words after a result. The call has run: whatever fails now must not run it again
 *  (the pipeline retries a whole attempt after a context overflow), so a failure ends the turn with
 *  the tool's own message as the reply. */
async function followUp(step: ToolStep, messages: ChatMessage[], before: Completion): Promise<ToolStepResult> {
  try {
    const { completion, stream, reply } = await ask(step, messages, ANSWER_ONLY);
    const text = reply.kind === 'answer' ? reply.text : stream.text;
    return { completion, text: text.trim() ? text : null };
  } catch {
    return { completion: before, text: null };
  }
}

function refusalOf(record: RecordedCall): { message: string } {
  const data = record.data as { message?: unknown } | undefined;
  return { message: typeof data?.message === 'string' ? data.message : `The call to "${record.name}" was refused.` };
}
