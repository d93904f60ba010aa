/**
 * The on-screen keyboard's visible labels and accessible names in each interface language. A key's
 * name contains its visible label (切换到数字 123 for 123), so voice and switch users can say what they see.
 */
import type { Locale } from '@linli/protocol';

export interface KeyboardStrings {
  keyboard: string;
  candidates: string;
  loadingPinyin: string;
  pinyinUnavailable: string;
  previousCandidates: string;
  nextCandidates: string;
  backspace: string;
  enter: string;
  space: string;
  shift: string;
  separator: string;
  close: string;
  toPinyin: string;
  toLetters: string;
  toDigits: string;
  pinyinKeyLabel: string;
  lettersKeyLabel: string;
  digitsKeyLabel: string;
}

const zhHans: KeyboardStrings = {
  keyboard: '屏幕键盘',
  candidates: '候选词',
  loadingPinyin: '正在加载拼音…',
  pinyinUnavailable: '拼音暂不可用，按确定输入字母',
  previousCandidates: '上一页候选词',
  nextCandidates: '下一页候选词',
  backspace: '退格',
  enter: '确定',
  space: '空格',
  shift: '大写',
  separator: '拼音分隔符',
  close: '收起键盘',
  toPinyin: '切换到中文拼音',
  toLetters: '切换到英文',
  toDigits: '切换到数字 123',
  pinyinKeyLabel: '中',
  lettersKeyLabel: '英',
  digitsKeyLabel: '123',
};

const zhHant: KeyboardStrings = {
  keyboard: '螢幕鍵盤',
  candidates: '候選詞',
  loadingPinyin: '正在載入拼音…',
  pinyinUnavailable: '拼音暫不可用，按確定輸入字母',
  previousCandidates: '上一頁候選詞',
  nextCandidates: '下一頁候選詞',
  backspace: '退格',
  enter: '確定',
  space: '空格',
  shift: '大寫',
  separator: '拼音分隔符',
  close: '收起鍵盤',
  toPinyin: '切換到中文拼音',
  toLetters: '切換到英文',
  toDigits: '切換到數字 123',
  pinyinKeyLabel: '中',
  lettersKeyLabel: '英',
  digitsKeyLabel: '123',
};

const en: KeyboardStrings = {
  keyboard: 'On-screen keyboard',
  candidates: 'Candidates',
  loadingPinyin: 'Loading pinyin…',
  pinyinUnavailable: 'Pinyin is unavailable; Enter types the letters',
  previousCandidates: 'Previous candidates',
  nextCandidates: 'More candidates',
  backspace: 'Backspace',
  enter: 'Enter',
  space: 'Space',
  shift: 'Shift',
  separator: 'Syllable separator',
  close: 'Hide keyboard',
  toPinyin: 'Switch to Chinese pinyin (中)',
  toLetters: 'Switch to English letters (EN)',
  toDigits: 'Switch to numbers (123)',
  pinyinKeyLabel: '中',
  lettersKeyLabel: 'EN',
  digitsKeyLabel: '123',
};

export const KEYBOARD_STRINGS: Record<Locale, KeyboardStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
