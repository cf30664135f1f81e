// Every typed or spoken message comes here first (chat.ts imports this chunk when a message is
// sent). The local intent matcher runs with the connected devices: a command runs through the tool
// registry without any model; a device name that fits several asks which one; a name that fits none
// gets a clear reply; anything else goes to the language model (model-turn.ts). Every call and its
// result is a tool message in the conversation, stored encrypted with it and read aloud in voice
// mode. A sensitive call waits for the person's tap, or in voice mode their next spoken turn.
import type { ConversationMessage, ToolCallOrigin, ToolCallRecord } from '../../core/chat-types';
import { matchIntent, languageOf } from '../../core/intent/match-intent';
import { resolveDevice } from '../../core/intent/device-resolver';
import type { IntentResult } from '../../core/intent/intent-types';
import { readYesNo } from '../../core/tools/spoken-reply';
import { joinedTurnText } from '../../core/tools/turn-text';
import type { ToolRegistry } from '../../core/tools/tool-registry';
import type { ToolCall, ToolOutcome } from '../../core/tools/tool-types';
import type { AnswerListener } from '../answers/answer-ports';
import { homeEntities } from '../state/home-devices';
import { actionWords, intentDevices } from './device-tools';
import { modelTurn, type PlainAnswerOptions } from './model-turn';
import { pageTools, toolContext } from './page-tools';
import { pendingReply, voiceHooks } from './pending-reply';
import { askNotificationPermission, notificationAccess } from './timer-alerts';
import { startTimers } from './timer-service';
import { durationWords, say, type Language } from './tool-words';

/** The open conversation as the tools see it: chat.ts stores and shows what they add. */
export interface ToolSink {
  conversationId: string;
  messages(): readonly ConversationMessage[];
  append(message: ConversationMessage): Promise<void>;
  update(messageId: string, patch: Partial<ConversationMessage>): Promise<void>;
}

export interface RouteRequest {
  sink: ToolSink;
  text: string;
  listener?: AnswerListener;
  /** Said, not typed: it may answer a question asked aloud. */
  spoken: boolean;
  /** Questions are asked aloud (the message was spoken, or the microphone is open). */
  aloud: boolean;
  answerPlainly(opts?: PlainAnswerOptions): Promise<void>;
}

const TIMER_TOOLS = new Set(['timer_start', 'alarm_set', 'reminder_add']);

export async function routeTurn(asked: RouteRequest): Promise<void> {
  const request = withVoice(asked);
  const { sink, text, spoken } = request;
  const pending = pendingReply.value;
  if (pending && spoken && pending.aloud && pending.conversationId === sink.conversationId) {
    await answerPending(sink, text, request.listener);
    return;
  }
  const devices = intentDevices(homeEntities.value);
  const intent = matchIntent(text, devices);
  const language: Language = intent?.language ?? languageOf(text);
  const tools = pageTools(language);
  if (!intent) {
    // A model's turn may say several things (a tool's sentence, then its answer): one growing text.
    const heard = request.listener;
    const listener = heard ? { onText: joinedTurnText((text) => heard.onText(text)) } : undefined;
    await modelTurn({
      conversationId: sink.conversationId,
      messages: sink.messages(),
      ...(listener ? { listener } : {}),
      aloud: request.aloud,
      language,
      tools,
      runCall: (call) => runCall(sink, tools, call, { origin: 'model', language, aloud: request.aloud, listener }),
      answerPlainly: request.answerPlainly,
    });
    return;
  }
  await carryOut(sink, tools, intent, request);
}

/** With the microphone open, a typed command's questions and results are said aloud too, and the
 *  next spoken turn answers its question. */
function withVoice(request: RouteRequest): RouteRequest {
  const voice = voiceHooks.value;
  if (request.listener || !voice?.listening()) return request;
  return { ...request, aloud: true, listener: { onText: (text) => void voice.say(text) } };
}

async function carryOut(sink: ToolSink, tools: ToolRegistry, intent: IntentResult, request: RouteRequest): Promise<void> {
  const { language } = intent;
  const turn = { origin: 'intent' as const, language, aloud: request.aloud, listener: request.listener };
  if (intent.kind === 'call') {
    await runCall(sink, tools, { tool: intent.tool, arguments: intent.arguments }, turn);
    return;
  }
  if (intent.kind === 'no-such-device') {
    const content = homeEntities.value.length ? say(language, 'noDevice', { name: intent.spoken }) : say(language, 'noDevices');
    await record(sink, turn, content, { name: intent.tool, arguments: {}, status: 'refused', target: intent.spoken });
    return;
  }
  const names = intent.candidates.map((c) => (c.area && !c.name.includes(c.area) ? `${c.area} ${c.name}` : c.name));
  const content = say(language, 'which', { names: names.join(language === 'zh' ? '、' : ', ') });
  const message = await record(sink, turn, content, {
    name: intent.tool,
    arguments: intent.arguments,
    status: 'choose-device',
    candidates: intent.candidates,
  });
  pendingReply.value = {
    conversationId: sink.conversationId,
    messageId: message.id,
    kind: 'choose-device',
    aloud: request.aloud,
  };
}

interface TurnInfo {
  origin: ToolCallOrigin;
  language: Language;
  aloud: boolean;
  listener: AnswerListener | undefined;
}

/** Appends a tool message (stored, shown) and hands its sentence to the listener (spoken). */
async function record(
  sink: ToolSink,
  turn: TurnInfo,
  content: string,
  tool: Omit<ToolCallRecord, 'origin' | 'language'>,
): Promise<ConversationMessage> {
  const message: ConversationMessage = {
    id: crypto.randomUUID(),
    role: 'assistant',
    content,
    createdAt: Date.now(),
    status: 'complete',
    tool: { ...tool, origin: turn.origin, language: turn.language },
  };
  await sink.append(message);
  turn.listener?.onText(content);
  return message;
}

/** Runs one call (from the matcher or a model) and records it; a sensitive one waits for a yes. */
export async function runCall(sink: ToolSink, tools: ToolRegistry, call: ToolCall, turn: TurnInfo): Promise<ToolCallRecord> {
  const outcome = await tools.run(call, toolContext(turn.language));
  const { content, tool } = await describe(outcome, call, turn.language);
  const message = await record(sink, turn, content, tool);
  if (tool.status === 'needs-confirmation') {
    pendingReply.value = { conversationId: sink.conversationId, messageId: message.id, kind: 'confirm', aloud: turn.aloud };
  }
  return message.tool!;
}

/** The sentence and the stored record of an outcome. */
async function describe(
  outcome: ToolOutcome,
  call: ToolCall,
  language: Language,
): Promise<{ content: string; tool: Omit<ToolCallRecord, 'origin' | 'language'> }> {
  const args = (typeof call.arguments === 'object' && call.arguments !== null ? call.arguments : {}) as Record<string, unknown>;
  if (outcome.status === 'error') {
    const { error } = outcome;
    const refused = error.code !== 'tool-failed';
    const reason = error.message.replace(/^"[a-z_0-9]+" failed: /, '');
    return {
      content: say(language, refused ? 'refused' : 'failed', { reason }),
      tool: { name: error.tool ?? String(call.tool), arguments: args, status: refused ? 'refused' : 'error', data: error },
    };
  }
  const onDevice = typeof outcome.arguments.device_id === 'string';
  const target = onDevice ? actionWords(language, outcome.arguments, homeEntities.value).target : undefined;
  if (outcome.status === 'needs-confirmation') {
    const action = onDevice ? actionWords(language, outcome.arguments, homeEntities.value).action : outcome.tool;
    const sentence = action.charAt(0).toUpperCase() + action.slice(1);
    return {
      content: say(language, 'confirmQuestion', { action: sentence }),
      tool: { name: outcome.tool, arguments: outcome.arguments, status: 'needs-confirmation', ...(target ? { target } : {}) },
    };
  }
  let content = resultSentence(outcome.tool, outcome.arguments, outcome.result.data, outcome.result.say, language);
  if (TIMER_TOOLS.has(outcome.tool)) {
    await startTimers();
    const access = await askNotificationPermission();
    if (access === 'denied' || access === 'unsupported') content += ` ${say(language, 'notificationsBlocked')}`;
  }
  return {
    content,
    tool: {
      name: outcome.tool,
      arguments: outcome.arguments,
      status: 'done',
      data: outcome.result.data,
      ...(target ? { target } : {}),
    },
  };
}

function resultSentence(
  tool: string,
  args: Record<string, unknown>,
  data: unknown,
  said: string | undefined,
  language: Language,
): string {
  const d = (data ?? {}) as Record<string, unknown>;
  switch (tool) {
    case 'current_time':
      return say(language, 'time', { time: said ?? '' });
    case 'current_date':
      return say(language, 'date', { date: said ?? '' });
    case 'timer_start':
      return say(language, 'timerSet', { duration: durationWords(language, Number(args.duration_seconds)) });
    case 'alarm_set':
      return say(language, 'alarmSet', {
        time: `${String(args.hour).padStart(2, '0')}:${String(args.minute).padStart(2, '0')}`,
      });
    case 'reminder_add':
      return say(language, 'reminderSet', {
        duration: durationWords(language, Number(args.delay_seconds)),
        text: String(args.text),
      });
    case 'timer_cancel': {
      if (Array.isArray(d.which)) return say(language, 'whichTimer', { names: d.which.join(', ') });
      const cancelled = Array.isArray(d.cancelled) ? d.cancelled : [];
      if (cancelled.length) return say(language, 'cancelledTimers', { names: cancelled.join(', ') });
      return d.reason === 'no-match'
        ? say(language, 'noTimerMatch', { name: String(args.label ?? '') })
        : say(language, 'noTimers');
    }
    case 'timer_status':
      return said ? said : say(language, 'noTimers');
    default:
      return said ?? JSON.stringify(data);
  }
}

function pendingMessage(sink: ToolSink, messageId: string): ConversationMessage | undefined {
  return sink.messages().find((m) => m.id === messageId && m.tool);
}

/** The person tapped Yes or No on a confirmation card, or answered aloud (`listener` speaks the result). */
export async function answerConfirmation(
  sink: ToolSink,
  messageId: string,
  yes: boolean,
  { listener, silent = false }: { listener?: AnswerListener; silent?: boolean } = {},
): Promise<void> {
  const message = pendingMessage(sink, messageId);
  const tool = message?.tool;
  if (!message || tool?.status !== 'needs-confirmation') return;
  if (pendingReply.value?.messageId === messageId) pendingReply.value = null;
  const language = tool.language;
  if (!yes) {
    const content = say(language, silent ? 'cancelledSilence' : 'cancelled');
    await sink.update(messageId, { content, tool: { ...tool, status: 'cancelled' } });
    listener?.onText(content);
    return;
  }
  const tools = pageTools(language);
  const outcome = await tools.run({ tool: tool.name, arguments: tool.arguments }, toolContext(language), { confirmed: true });
  const { content, tool: next } = await describe(outcome, { tool: tool.name, arguments: tool.arguments }, language);
  await sink.update(messageId, { content, tool: { ...tool, ...next } });
  listener?.onText(content);
}

/** The person picked one of the devices the words fitted. */
export async function chooseDevice(
  sink: ToolSink,
  messageId: string,
  deviceId: string,
  { listener, aloud = false }: { listener?: AnswerListener; aloud?: boolean } = {},
): Promise<void> {
  const message = pendingMessage(sink, messageId);
  const tool = message?.tool;
  if (!message || tool?.status !== 'choose-device' || !tool.candidates?.some((c) => c.id === deviceId)) return;
  if (pendingReply.value?.messageId === messageId) pendingReply.value = null;
  const language = tool.language;
  const args = { ...tool.arguments, device_id: deviceId };
  const tools = pageTools(language);
  const outcome = await tools.run({ tool: tool.name, arguments: args }, toolContext(language));
  const { content, tool: next } = await describe(outcome, { tool: tool.name, arguments: args }, language);
  const { candidates: _c, ...rest } = tool;
  await sink.update(messageId, { content, tool: { ...rest, ...next } });
  listener?.onText(content);
  if (next.status === 'needs-confirmation') {
    pendingReply.value = { conversationId: sink.conversationId, messageId, kind: 'confirm', aloud };
  }
}

/** The pending question was asked aloud and this spoken turn answers it. */
async function answerPending(sink: ToolSink, text: string, listener: AnswerListener | undefined): Promise<void> {
  const pending = pendingReply.value!;
  if (pending.kind === 'confirm') {
    await answerConfirmation(sink, pending.messageId, readYesNo(text) === 'yes', listener ? { listener } : {});
    return;
  }
  const tool = pendingMessage(sink, pending.messageId)?.tool;
  const candidates = tool?.candidates ?? [];
  const devices = intentDevices(homeEntities.value).filter((d) => candidates.some((c) => c.id === d.id));
  const found = resolveDevice(text, devices);
  if (found.kind === 'one') {
    await chooseDevice(sink, pending.messageId, found.device.id, { ...(listener ? { listener } : {}), aloud: true });
    return;
  }
  await cancelPending(sink, listener);
}

/** Nothing (or nothing clear) was said after a question asked aloud: nothing runs. */
export async function cancelPending(sink: ToolSink, listener?: AnswerListener, silent = false): Promise<void> {
  const pending = pendingReply.value;
  if (!pending || pending.conversationId !== sink.conversationId) return;
  pendingReply.value = null;
  const message = pendingMessage(sink, pending.messageId);
  if (!message?.tool) return;
  const content = say(message.tool.language, silent ? 'cancelledSilence' : 'cancelled');
  await sink.update(pending.messageId, { content, tool: { ...message.tool, status: 'cancelled' } });
  listener?.onText(content);
}

export { notificationAccess };
