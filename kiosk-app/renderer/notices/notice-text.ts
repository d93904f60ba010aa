/** How a notice's text is laid out and spoken: paragraphs, its date on this kiosk's calendar, its byline. */
import type { DeviceNotice, Locale, NoticeSummary } from '@linli/protocol';
import { STRINGS } from '../i18n';

/** Blank lines separate paragraphs (as the admin UI tells editors); single line breaks stay. */
export function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** The publish day in the kiosk's own time zone: a notice out at 08:00 in Beijing is 00:00 UTC. */
export function publishedOn(publishAt: string, locale: Locale): string {
  const at = new Date(publishAt);
  return STRINGS[locale].date(at.getFullYear(), at.getMonth() + 1, at.getDate());
}

/** Who issued it and when, on one line. */
export function bylineOf(notice: Pick<NoticeSummary, 'issuer' | 'publishAt'>, locale: Locale): string {
  return `${notice.issuer} · ${publishedOn(notice.publishAt, locale)}`;
}

/** What read-aloud says: the title, who issued it, then the text (line breaks become pauses). */
export function spokenTextOfNotice(notice: DeviceNotice): string {
  return [notice.title, notice.issuer, ...paragraphsOf(notice.body)].join('\n');
}
