// The words of the back-from-the-background line, English and Chinese, in a chunk of their own:
// fetched only when the page returns with something to say, so the first view carries none of them.
import type { ResumeLine } from '../../core/resume-report';
import type { Locale } from '../i18n';

const en = {
  'away.seconds': 'Back after {n} s in the background.',
  'away.minutes': 'Back after {n} min in the background.',
  'resume.voice.listening': 'Still listening.',
  'resume.voice.reopened': 'The system closed the microphone meanwhile; it is listening again.',
  'resume.voice.closed': 'The system closed the microphone meanwhile; hold the button to talk again.',
  'resume.voice.failed': 'The system closed the microphone meanwhile and it could not be opened again (see the voice bar).',
  'resume.hold': 'The talk button was let go.',
  'resume.answering': 'The answer goes on.',
  'resume.downloads.restarted': 'Downloads cut off meanwhile continue from where they stopped: {n}.',
  'resume.downloads.running': 'Downloads still running: {n}.',
  dismiss: 'Dismiss',
};
type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'away.seconds': '在后台 {n} 秒后回来了。',
  'away.minutes': '在后台 {n} 分钟后回来了。',
  'resume.voice.listening': '仍在聆听。',
  'resume.voice.reopened': '系统在此期间关闭了麦克风；现已重新开始聆听。',
  'resume.voice.closed': '系统在此期间关闭了麦克风；请再次按住按钮说话。',
  'resume.voice.failed': '系统在此期间关闭了麦克风，且无法重新打开（见语音栏）。',
  'resume.hold': '说话按钮已松开。',
  'resume.answering': '回答继续进行。',
  'resume.downloads.restarted': '期间中断的下载已从中断处继续：{n} 个。',
  'resume.downloads.running': '仍在进行的下载：{n} 个。',
  dismiss: '关闭提示',
};

export const backLineStrings = { en, zh };

/** The line's sentence and its Dismiss label in the app's language. */
export function backLineText(line: ResumeLine, locale: Locale): { text: string; dismiss: string } {
  const words = locale === 'zh-CN' ? zh : en;
  const fill = (key: Key, n?: number) => words[key].replace('{n}', String(n ?? ''));
  const parts = [fill(`away.${line.away.unit}`, line.away.n), ...line.parts.map((p) => fill(p.key, 'n' in p ? p.n : undefined))];
  return { text: parts.join(locale === 'zh-CN' ? '' : ' '), dismiss: words.dismiss };
}
