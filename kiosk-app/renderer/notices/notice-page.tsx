/**
 * One notice, read at arm's length: its kind, title, issuer and date, its paragraphs, its files and
 * read-aloud. Loaded again when the catalog changes; a notice that expired meanwhile says so.
 */
import { useEffect, useState } from 'preact/hooks';
import { NOTICE_KIND_NAMES, type DeviceNotice, type KioskBridge, type Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { ReadAloud } from '../read-aloud';
import { NoticeAttachments } from './notice-attachments';
import { bylineOf, paragraphsOf, spokenTextOfNotice } from './notice-text';

export function NoticePage(props: {
  id: string;
  locale: Locale;
  elderMode: boolean;
  bridge: KioskBridge;
  /** Bumped by the screens on catalog-changed. */
  revision: number;
  speechAvailable: boolean;
  autoRead: boolean;
  onAutoRead: (on: boolean) => void;
}) {
  const { locale } = props;
  const t = STRINGS[locale];
  // undefined while loading; null once the host no longer shows it (withdrawn or expired).
  const [notice, setNotice] = useState<DeviceNotice | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void props.bridge.getNotice({ id: props.id, locale }).then(
      (loaded) => current && setNotice(loaded),
      () => current && setNotice(null),
    );
    return () => {
      current = false;
    };
  }, [props.id, locale, props.revision]);

  if (notice === undefined) return <p>{t.loading}</p>;
  if (notice === null)
    return (
      <p class="notice-gone" role="status">
        {t.noticeGone}
      </p>
    );
  return (
    <article class="notice-page" aria-labelledby="notice-title">
      <p class="notice-kind">
        <span class="tag">{NOTICE_KIND_NAMES[locale][notice.kind]}</span>
      </p>
      <h1 id="notice-title">{notice.title}</h1>
      <p class="notice-byline">{bylineOf(notice, locale)}</p>
      <ReadAloud
        text={spokenTextOfNotice(notice)}
        pageId={notice.id}
        locale={locale}
        bridge={props.bridge}
        available={props.speechAvailable}
        autoRead={props.autoRead}
        elderMode={props.elderMode}
        onAutoRead={props.onAutoRead}
      />
      <div class="notice-body">
        {paragraphsOf(notice.body).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <NoticeAttachments attachments={notice.attachments} locale={locale} />
    </article>
  );
}
