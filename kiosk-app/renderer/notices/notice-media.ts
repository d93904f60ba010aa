/** Which of a notice's files the page shows (images and videos, in the editor's order) and which it only names (PDFs). */
import { KIOSK_MEDIA_PATH, MEDIA_TYPES, type MediaRef } from '@linli/protocol';

export interface NoticeMedia {
  shown: Array<MediaRef & { kind: 'image' | 'video' }>;
  named: MediaRef[];
}

/** Where the shell serves a stored file, on the page's own origin. */
export function mediaUrl(sha256: string): string {
  return `${KIOSK_MEDIA_PATH}${sha256}`;
}

/** Files of a type the media library does not accept are left out: the shell would not serve them. */
export function noticeMediaOf(attachments: MediaRef[]): NoticeMedia {
  const media: NoticeMedia = { shown: [], named: [] };
  for (const file of attachments) {
    const kind = Object.hasOwn(MEDIA_TYPES, file.mime)
      ? MEDIA_TYPES[file.mime as keyof typeof MEDIA_TYPES].kind
      : undefined;
    if (kind === 'pdf') media.named.push(file);
    else if (kind) media.shown.push({ ...file, kind });
  }
  return media;
}
