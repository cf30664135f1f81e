// Each language comes in two chunks (the shell and Talk first, the other views after), and the
// Chinese chunks hold the same keys as the English ones: between them every key is translated once,
// and a first view in Chinese needs no English.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/i18n/en';
import { enShell } from '../../../src/ui/i18n/en-shell';
import { enViews } from '../../../src/ui/i18n/en-views';
import { zhCN } from '../../../src/ui/i18n/zh-cn';
import { zhCNViews } from '../../../src/ui/i18n/zh-cn-views';

const sorted = (o: object) => Object.keys(o).sort();

describe('zh-CN strings', () => {
  it('translate every English key in the chunk of the same part', () => {
    expect(sorted(zhCN)).toEqual(sorted({ ...enShell, ...en }));
    expect(sorted(zhCNViews)).toEqual(sorted(enViews));
  });

  it('keep the lazily loaded views out of the first chunks', () => {
    const lazy = /^(models|settings|knowledge|devices)\./;
    for (const first of [en, zhCN]) {
      expect(Object.keys(first).filter((k) => lazy.test(k) && k !== 'settings.source.applying')).toEqual([]);
    }
  });

  it('keep the placeholders of the English text', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh: Record<string, string | undefined> = { ...zhCN, ...zhCNViews };
    for (const [key, text] of Object.entries({ ...enShell, ...en, ...enViews })) {
      expect(names(zh[key] ?? ''), key).toEqual(names(text));
    }
  });
});
