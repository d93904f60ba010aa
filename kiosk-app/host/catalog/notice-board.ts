/**
 * The notices this kiosk holds, and the bridge methods that show those whose time has come: a
 * notice is held from its feed entry on but shown only between its publish and expiry times, and
 * only once every file it carries is stored and verified here.
 */
import {
  LinliError,
  noticeShownAt,
  type Change,
  type DeviceNotice,
  type KioskBridge,
  type Locale,
  type NoticeSummary,
} from '@linli/protocol';
import { applyToMap } from '../sync/change-map';
import { localizeNotice, localizeText } from './traditional';

const EXCERPT_CHARS = 60;

export type NoticeBridge = Pick<KioskBridge, 'listNotices' | 'getNotice'>;
export type NoticeChange = Extract<Change, { entity: 'notice' }>;

export interface NoticeBoard {
  bridge: NoticeBridge;
  reload(notices: DeviceNotice[]): void;
  apply(change: NoticeChange): void;
  /** The next time a held notice appears or expires, or null when none is ahead. */
  nextChangeAt(): Date | null;
}

/** The body's first characters on one line, for lists; Chinese punctuation needs no space after it. */
export function excerptOf(body: string): string {
  const line = body
    .replace(/([。！？；：，、）」』])\s+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(line);
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : line;
}

function summaryOf(notice: DeviceNotice, locale: Locale | undefined): NoticeSummary {
  // The excerpt is converted after cutting, so a long body is not converted whole for a list.
  return {
    id: notice.id,
    kind: notice.kind,
    title: localizeText(notice.title, locale),
    issuer: localizeText(notice.issuer, locale),
    publishAt: notice.publishAt,
    excerpt: localizeText(excerptOf(notice.body), locale),
  };
}

/** `mediaStored` tells whether a file is on the kiosk and verified. */
export function createNoticeBoard(clock: () => Date, mediaStored: (sha256: string) => boolean): NoticeBoard {
  const notices = new Map<string, DeviceNotice>();
  const shown = (notice: DeviceNotice, now: Date) =>
    noticeShownAt(notice, now) && notice.attachments.every((file) => mediaStored(file.sha256));

  return {
    bridge: {
      async listNotices({ locale }) {
        const now = clock();
        return [...notices.values()]
          .filter((notice) => shown(notice, now))
          .sort((a, b) => Date.parse(b.publishAt) - Date.parse(a.publishAt) || a.id.localeCompare(b.id))
          .map((notice) => summaryOf(notice, locale));
      },
      async getNotice({ id, locale }) {
        const notice = notices.get(id);
        if (!notice || !shown(notice, clock()))
          throw new LinliError('NOT_FOUND', `No notice '${id}' is shown on this kiosk now`);
        return localizeNotice(notice, locale);
      },
    },
    reload(all) {
      notices.clear();
      for (const notice of all) notices.set(notice.id, notice);
    },
    apply: (change) => applyToMap(notices, change),
    nextChangeAt() {
      // Compared as ISO text, the way noticeShownAt decides, so the two agree to the millisecond.
      const now = clock().toISOString();
      const ahead = [...notices.values()]
        .flatMap((notice) => [notice.publishAt, notice.expireAt])
        .filter((at): at is string => at !== null && at > now);
      return ahead.length > 0 ? new Date(ahead.reduce((a, b) => (a < b ? a : b))) : null;
    },
  };
}
