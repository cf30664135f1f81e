// The Chinese strings come in two chunks (the shell and Talk first, the other views after): between
// them they must translate every English key, once.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/i18n/en';
import { zhCN } from '../../../src/ui/i18n/zh-cn';
import { zhCNViews } from '../../../src/ui/i18n/zh-cn-views';

describe('zh-CN strings', () => {
  it('translate every English key in exactly one of the two chunks', () => {
    const first = Object.keys(zhCN);
    const views = Object.keys(zhCNViews);
    expect(first.filter((k) => views.includes(k))).toEqual([]);
    const all = new Set([...first, ...views]);
    expect(Object.keys(en).filter((k) => !all.has(k))).toEqual([]);
    expect([...all].filter((k) => !(k in en))).toEqual([]);
  });

  it('keep the lazily loaded views out of the first chunk', () => {
    const lazy = /^(models|settings|knowledge|devices)\./;
    expect(Object.keys(zhCN).filter((k) => lazy.test(k) && k !== 'settings.source.applying')).toEqual([]);
  });

  it('keep the placeholders of the English text', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh: Record<string, string | undefined> = { ...zhCN, ...zhCNViews };
    for (const [key, text] of Object.entries(en)) expect(names(zh[key] ?? ''), key).toEqual(names(text));
  });
});
