// The Devices view's own strings: every English one has a Chinese one with the same placeholders.
import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';

// The strings module follows the app's language, which reads the browser's; Node may have none.
vi.hoisted(() => {
  if (typeof navigator === 'undefined') Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en'] } });
});
const { deviceStrings } = await import('../../../../src/ui/views/devices/strings');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Chinese covers every Devices string with the same placeholders', () => {
  const { en, zhCN } = deviceStrings;
  expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    const zh = zhCN[key as keyof typeof en];
    expect(zh.trim(), key).not.toBe('');
    expect(placeholders(zh), key).toEqual(placeholders(text));
  }
});
