import { describe, expect, it } from 'vitest';
import { backLineStrings, backLineText } from '../../../src/ui/app/back-line-text';

describe('the back-from-the-background line', () => {
  it('has every sentence in Chinese with the same placeholders', () => {
    const holes = (s: string) => s.match(/\{\w+\}/g) ?? [];
    for (const [key, text] of Object.entries(backLineStrings.en)) {
      const zh = backLineStrings.zh[key as keyof typeof backLineStrings.en];
      expect(zh, key).toBeTruthy();
      expect(holes(zh), key).toEqual(holes(text));
    }
  });

  it('joins the parts into one sentence line in the app language', () => {
    const line = {
      away: { unit: 'seconds' as const, n: 42 },
      parts: [{ key: 'resume.voice.listening' as const }, { key: 'resume.downloads.restarted' as const, n: 2 }],
    };
    expect(backLineText(line, 'en').text).toBe(
      'Back after 42 s in the background. Still listening. Downloads cut off meanwhile continue from where they stopped: 2.',
    );
    expect(backLineText(line, 'zh-CN')).toEqual({
      text: '在后台 42 秒后回来了。仍在聆听。期间中断的下载已从中断处继续：2 个。',
      dismiss: '关闭提示',
    });
  });
});
