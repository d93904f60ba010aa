/** How an emergency alert is dated and spoken on the kiosk (pure; its colour is protocol's alertTone). */
import type { KioskAlert, Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';

const INTL_LOCALES: Record<Locale, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

/** 有效至 7月1日 20:30, on this kiosk's clock; null when the alert names no expiry. */
export function validUntil(alert: Pick<KioskAlert, 'expires'>, locale: Locale): string | null {
  if (alert.expires === null) return null;
  const at = new Date(alert.expires);
  if (Number.isNaN(at.getTime())) return null;
  const time = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
  return STRINGS[locale].alertUntil(time);
}

/** What read-aloud says: the headline, who issued it, the text and what to do (line breaks become pauses). */
export function spokenTextOfAlert(alert: KioskAlert): string {
  return [alert.headline, alert.senderName, alert.description, alert.instruction]
    .filter((part): part is string => Boolean(part))
    .join('\n');
}
