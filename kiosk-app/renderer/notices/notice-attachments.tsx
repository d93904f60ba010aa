/**
 * A notice's files below its text: images inline, videos with their controls (never playing by
 * themselves), PDFs by name only: a kiosk opens no viewer the resident could not leave.
 */
import type { Locale, MediaRef } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { mediaUrl, noticeMediaOf } from './notice-media';

export function NoticeAttachments(props: { attachments: MediaRef[]; locale: Locale }) {
  const t = STRINGS[props.locale];
  const { shown, named } = noticeMediaOf(props.attachments);
  return (
    <>
      {shown.length > 0 && (
        <div class="notice-media">
          {shown.map((file) =>
            file.kind === 'image' ? (
              <img key={file.sha256} class="notice-image" src={mediaUrl(file.sha256)} alt={file.name} />
            ) : (
              // No download or picture-in-picture: either would take the resident out of the kiosk.
              <video
                key={file.sha256}
                class="notice-video"
                src={mediaUrl(file.sha256)}
                aria-label={file.name}
                controls
                preload="metadata"
                playsInline
                disablePictureInPicture
                controlsList="nodownload noremoteplayback"
              />
            ),
          )}
        </div>
      )}
      {named.length > 0 && (
        <section class="notice-files" aria-labelledby="notice-files-title">
          <h2 id="notice-files-title">{t.noticeFiles}</h2>
          <ul role="list">
            {named.map((file) => (
              <li key={file.sha256}>
                <span class="tag">{t.pdfFile}</span> <span class="notice-file-name">{file.name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
