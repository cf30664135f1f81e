// The setup screen's strings in the UI language (loaded with the screen's chunk).
import { locale } from './index';
import { setupEn, type SetupKey } from './setup-en';
import { setupZhCN } from './setup-zh-cn';

export function st(key: SetupKey, vars: Record<string, string | number> = {}): string {
  const text = locale.value === 'zh-CN' ? setupZhCN[key] : setupEn[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
