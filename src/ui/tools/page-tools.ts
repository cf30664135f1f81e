// The tool registry of one turn: the pure built-ins, the page's timers, the device tools over the
// connections as they are now, and notes saved into Knowledge.
import { arithmeticTools, clockTools, deviceTools, noteTool, timerTools } from '../../core/tools/builtin-tools';
import { createToolRegistry, type ToolRegistry } from '../../core/tools/tool-registry';
import type { ToolContext, ToolResult } from '../../core/tools/tool-types';
import { homeEntities, sendHomeCommand } from '../state/home-devices';
import { deviceHooks } from './device-tools';
import { toolTimerStore } from './timer-service';
import { say, type Language } from './tool-words';

/** Notes go into the Knowledge library; without an embedding model it cannot take them, and says so. */
async function saveNote(text: string, language: Language): Promise<ToolResult> {
  const knowledge = await import('../state/knowledge');
  await knowledge.initKnowledge();
  const state = knowledge.libraryState.value;
  if (state.state === 'no-model') throw new Error(say(language, 'noteNoModel'));
  if (state.state === 'error') throw new Error(state.message);
  const title =
    Array.from(text.trim().split(/\r?\n/)[0] ?? '')
      .slice(0, 40)
      .join('') || 'Note';
  await knowledge.addNote(title, text);
  const row = knowledge.importRows.value.at(-1);
  if (row?.stage !== 'done') throw new Error(row?.error?.message ?? row?.stage ?? 'not stored');
  return { data: { saved: true, title }, say: say(language, 'noteSaved') };
}

export function pageTools(language: Language): ToolRegistry {
  return createToolRegistry([
    ...clockTools(),
    ...arithmeticTools(),
    ...timerTools(toolTimerStore, () => crypto.randomUUID()),
    ...deviceTools(deviceHooks(() => homeEntities.value, sendHomeCommand, language)),
    noteTool((text) => saveNote(text, language)),
  ]);
}

export function toolContext(language: Language): ToolContext {
  return {
    now: Date.now(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: language === 'zh' ? 'zh-CN' : navigator.language || 'en',
  };
}
