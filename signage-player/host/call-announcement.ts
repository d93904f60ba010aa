/**
 * What a calling display says for a call (pure): 请 A012 号到 3 号窗口办理, and the same words as
 * espeak-ng's Mandarin voice reads them well — toned pinyin, the number's letter said as a letter
 * (A), its figures one by one (零一二, as halls call them), the window as a number (十二号窗口).
 */
import type { QueueCall } from '@linli/protocol';
import { speechTextOf } from '../../kiosk-app/host/speech/speech-text';
import { digitByDigit } from '../../kiosk-app/host/speech/spoken-numbers';

type Called = Pick<QueueCall, 'label' | 'window'>;

export function announcementText(call: Called): string {
  return `请 ${call.label} 号到 ${call.window} 号窗口办理`;
}

/**
 * The text for the speech engine. speechTextOf keeps only Chinese, so the letter goes between its
 * parts on its own: the cmn-latn-pinyin voice says a capital letter by its name.
 */
export function announcementSpeech(call: Called): string {
  const letter = call.label.slice(0, 1);
  const figures = call.label.slice(1);
  return [speechTextOf('请'), letter, speechTextOf(`${digitByDigit(figures)}号，到${call.window}号窗口办理`)].join(' ');
}
