// A tool call in the conversation: which tool, with what, how it ended, and its sentence. A call
// that waits for the person shows Yes / No (sensitive) or the devices the words fitted; only these
// buttons (or the person's next spoken turn) can answer it.
import { useState } from 'preact/hooks';
import type { ConversationMessage, ToolCallRecord } from '../../../../core/chat-types';
import { locale, t } from '../../../i18n';
import { answerToolCard } from '../../../state/chat-tools';
import {
  cancelTimer,
  dismissFired,
  firedSentence,
  firedTimers,
  runningTimers,
  startTimers,
  timerProblem,
} from '../../../tools/timer-service';
import { announced, beeps, notificationAccess } from '../../../tools/timer-alerts';
import { durationWords, languageOfLocale, say } from '../../../tools/tool-words';
import { useNow } from '../../../hooks/use-now';

export { startTimers };

const ui = () => languageOfLocale(locale.value);

function argumentText(tool: ToolCallRecord): string {
  const parts = Object.entries(tool.arguments).map(([k, v]) =>
    k === 'device_id' && tool.target ? `${k}: ${tool.target}` : `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return parts.join(', ');
}

export function ToolCard({ message }: { message: ConversationMessage }) {
  const tool = message.tool!;
  const [busy, setBusy] = useState(false);
  const lang = ui();
  const act = (answer: { yes: boolean } | { deviceId: string }) => {
    setBusy(true);
    void answerToolCard(message.id, answer).finally(() => setBusy(false));
  };
  return (
    <article
      class="message message-assistant message-tool"
      data-status={message.status}
      data-tool={tool.name}
      data-tool-status={tool.status}
      data-tool-origin={tool.origin}
      aria-label={t('talk.assistant')}
    >
      <h2 class="visually-hidden">{t('talk.assistant')}</h2>
      <p class="tool-call-line">
        <span class="tool-name">{tool.name}</span>
        {Object.keys(tool.arguments).length > 0 && <span class="tool-args">({argumentText(tool)})</span>}
        <span class={`tool-status tool-status-${tool.status}`}>{say(lang, `status.${tool.status}`)}</span>
      </p>
      <p class="message-text" role={tool.status === 'needs-confirmation' ? 'alert' : undefined}>
        {message.content}
      </p>
      {tool.status === 'needs-confirmation' && (
        <div class="row" role="group" aria-label={say(lang, 'confirmCard')}>
          <button type="button" class="primary" disabled={busy} onClick={() => act({ yes: true })}>
            {say(lang, 'yes')}
          </button>
          <button type="button" disabled={busy} onClick={() => act({ yes: false })}>
            {say(lang, 'no')}
          </button>
        </div>
      )}
      {tool.status === 'choose-device' && (
        <div class="row" role="group" aria-label={say(lang, 'whichCard')}>
          {(tool.candidates ?? []).map((c) => (
            <button key={c.id} type="button" disabled={busy} onClick={() => act({ deviceId: c.id })}>
              {c.area && !c.name.includes(c.area) ? `${c.area} · ${c.name}` : c.name}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(locale.value, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function TimersPanel() {
  const running = runningTimers.value;
  const fired = firedTimers.value;
  const now = useNow(running.length > 0); // seconds left, redrawn while any timer runs
  const lang = ui();
  if (!running.length && !fired.length && !timerProblem.value) return null;
  const zh = lang === 'zh';
  return (
    <section class="timers" aria-label={zh ? '计时器' : 'Timers'} data-beeps={beeps.value} data-announced={announced.value}>
      {timerProblem.value && (
        <p class="error" role="alert">
          {zh ? '计时器无法保存：' : 'Timers could not be stored: '}
          {timerProblem.value}
        </p>
      )}
      {notificationAccess.value === 'denied' && running.length > 0 && <p class="hint">{say(lang, 'notificationsBlocked')}</p>}
      {fired.length > 0 && (
        <ul class="timer-list" aria-label={zh ? '已响' : 'Went off'}>
          {fired.map((f) => (
            <li key={f.id} class="timer-fired" data-while-away={f.whileAway ? 'true' : 'false'} role="alert">
              <span>
                {firedSentence(f)}{' '}
                {f.whileAway
                  ? zh
                    ? `（你不在时，${clock(f.firedAt)}）`
                    : `(while you were away, at ${clock(f.firedAt)})`
                  : `(${clock(f.firedAt)})`}
              </span>
              <button type="button" class="small" onClick={() => dismissFired(f.id)}>
                {zh ? '知道了' : 'Dismiss'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {running.length > 0 && (
        <ul class="timer-list" aria-label={zh ? '正在运行' : 'Running'}>
          {running.map((r) => {
            const left = Math.max(0, Math.ceil((r.dueAt - now) / 1000));
            const name =
              r.label ??
              r.text ??
              (zh
                ? { timer: '计时器', alarm: '闹钟', reminder: '提醒' }
                : { timer: 'Timer', alarm: 'Alarm', reminder: 'Reminder' })[r.kind];
            return (
              <li key={r.id} class="timer-running" data-kind={r.kind}>
                <span>
                  {name} · {r.kind === 'alarm' ? clock(r.dueAt) : durationWords(lang, left)}
                </span>
                <button
                  type="button"
                  class="small"
                  onClick={() => cancelTimer(r.id)}
                  aria-label={`${zh ? '取消' : 'Cancel'} ${name}`}
                >
                  {zh ? '取消' : 'Cancel'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
