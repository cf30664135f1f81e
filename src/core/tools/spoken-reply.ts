// Reading the person's answer to "…? yes or no" in English or Chinese. Only a clear yes is a yes:
// anything else — no, cancel, a misheard word, another request — is taken as no, because a yes that
// was not meant would unlock a door.

const YES_EN = /^(yes|yeah|yep|yup|sure|ok|okay|do it|go ahead|confirm|confirmed|please do|yes please|correct|right)$/;
const YES_ZH = /^(是|是的|好|好的|对|对的|确定|确认|可以|行|嗯|没问题|执行)$/;

/** 'yes' only for a clear yes; everything else (empty included) is 'no'. */
export function readYesNo(text: string): 'yes' | 'no' {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[\s,.!?，。！？、~～"“”'‘’]+/g, ' ')
    .trim();
  if (!words) return 'no';
  if (/\p{Script=Han}/u.test(words)) return YES_ZH.test(words.replace(/\s+/g, '').replace(/[吧啊呀吗]$/, '')) ? 'yes' : 'no';
  return YES_EN.test(words) ? 'yes' : 'no';
}
