// Kiosk mode's strings, English and Chinese, in the kiosk's own chunks (the ambient screen and the
// Settings card): nobody who never uses kiosk mode downloads them.
import { viewStrings } from '../i18n/view-strings';

const en = {
  'kiosk.title': 'Kitchen screen',
  'kiosk.settings.title': 'Kiosk mode',
  'kiosk.settings.help':
    'For a tablet on the wall or the counter: a large clock, what the assistant is doing, the last answer, timers and devices, with the screen kept on and listening started by itself (hands-free, or for the wake word when that is chosen). No navigation is shown; leaving needs the PIN.',
  'kiosk.settings.link': 'Open it on this device from a bookmark or the installed app’s shortcut: {link}',
  'kiosk.pin.new': 'New PIN (4–12 digits)',
  'kiosk.pin.confirm': 'PIN again',
  'kiosk.pin.set': 'Set PIN',
  'kiosk.pin.change': 'Change PIN',
  'kiosk.pin.saved': 'PIN saved. Leaving kiosk mode and erasing everything now ask for it.',
  'kiosk.pin.isSet': 'A PIN is set.',
  'kiosk.pin.none': 'No PIN is set yet: set one before starting kiosk mode.',
  'kiosk.pin.mismatch': 'The two PINs differ.',
  'kiosk.pin.too-short': 'Use at least 4 digits.',
  'kiosk.pin.too-long': 'Use at most 12 digits.',
  'kiosk.pin.not-digits': 'Use digits only.',
  'kiosk.pin.current': 'Current PIN',
  'kiosk.start': 'Start kiosk mode',
  'kiosk.leave': 'Leave kiosk mode',
  'kiosk.leave.title': 'Leave kiosk mode',
  'kiosk.leave.help': 'Enter the PIN to leave kiosk mode.',
  'kiosk.leave.noPin': 'No PIN is set, so anyone can leave kiosk mode. Set one in Settings.',
  'kiosk.pin.label': 'PIN',
  'kiosk.pin.submit': 'Leave',
  'kiosk.pin.cancel': 'Stay',
  'kiosk.pin.checking': 'Checking…',
  'kiosk.pin.wrong': 'Wrong PIN.',
  'kiosk.pin.wait': 'Too many wrong PINs. Try again in {seconds} s.',
  'kiosk.lastAnswer': 'Last answer',
  'kiosk.noAnswer': 'Ask something: “what time is it”, “set a timer for 5 minutes”.',
  'kiosk.timers': 'Timers',
  'kiosk.devices': 'Devices',
  'kiosk.screen.held': 'Screen kept on',
  'kiosk.screen.released': 'Screen may turn off',
  'kiosk.screen.unsupported': 'This browser cannot keep the screen on',
  'kiosk.screen.refused': 'The browser refused to keep the screen on: {detail}',
  'kiosk.listen.retrying': 'Listening stopped; trying again…',
  'erase.pin.help': 'Kiosk mode is protected by a PIN: enter it to erase everything.',
};

export type KioskKey = keyof typeof en;

const zhCN: Record<KioskKey, string> = {
  'kiosk.title': '厨房屏幕',
  'kiosk.settings.title': '展台模式',
  'kiosk.settings.help':
    '适合挂在墙上或放在台面上的平板：大字时钟、助手当前在做什么、最近的回答、计时器和设备；屏幕保持常亮，并自动开始聆听（免按键，或在选择了唤醒词时等待唤醒词）。不显示导航；离开需要输入 PIN。',
  'kiosk.settings.link': '可通过书签或已安装应用的快捷方式在本设备上打开：{link}',
  'kiosk.pin.new': '新 PIN（4–12 位数字）',
  'kiosk.pin.confirm': '再次输入 PIN',
  'kiosk.pin.set': '设置 PIN',
  'kiosk.pin.change': '更改 PIN',
  'kiosk.pin.saved': 'PIN 已保存。离开展台模式和全部清除现在都需要输入它。',
  'kiosk.pin.isSet': '已设置 PIN。',
  'kiosk.pin.none': '尚未设置 PIN：开始展台模式前请先设置。',
  'kiosk.pin.mismatch': '两次输入的 PIN 不一致。',
  'kiosk.pin.too-short': '请至少使用 4 位数字。',
  'kiosk.pin.too-long': '最多使用 12 位数字。',
  'kiosk.pin.not-digits': '只能使用数字。',
  'kiosk.pin.current': '当前 PIN',
  'kiosk.start': '开始展台模式',
  'kiosk.leave': '离开展台模式',
  'kiosk.leave.title': '离开展台模式',
  'kiosk.leave.help': '输入 PIN 以离开展台模式。',
  'kiosk.leave.noPin': '尚未设置 PIN，任何人都可以离开展台模式。请在设置中设置。',
  'kiosk.pin.label': 'PIN',
  'kiosk.pin.submit': '离开',
  'kiosk.pin.cancel': '留下',
  'kiosk.pin.checking': '正在验证…',
  'kiosk.pin.wrong': 'PIN 错误。',
  'kiosk.pin.wait': '错误次数过多。请在 {seconds} 秒后重试。',
  'kiosk.lastAnswer': '最近的回答',
  'kiosk.noAnswer': '问点什么吧：“现在几点”、“定一个五分钟的计时器”。',
  'kiosk.timers': '计时器',
  'kiosk.devices': '设备',
  'kiosk.screen.held': '屏幕保持常亮',
  'kiosk.screen.released': '屏幕可能会关闭',
  'kiosk.screen.unsupported': '此浏览器无法保持屏幕常亮',
  'kiosk.screen.refused': '浏览器拒绝保持屏幕常亮：{detail}',
  'kiosk.listen.retrying': '聆听已停止，正在重试…',
  'erase.pin.help': '展台模式受 PIN 保护：输入 PIN 才能全部清除。',
};

export const kioskStrings = { en, zhCN };

export const tk = viewStrings(en, zhCN);

/** Why a PIN was refused: wrong, or too many wrong ones and how long to wait (state/kiosk.ts). */
export const pinRefusal = (waitMs: number): string =>
  waitMs > 0 ? tk('kiosk.pin.wait', { seconds: Math.ceil(waitMs / 1000) }) : tk('kiosk.pin.wrong');
