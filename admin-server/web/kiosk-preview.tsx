/**
 * Beside the guide editor: the guide as a kiosk shows it, drawn by the kiosk's own guide page in a
 * frame (/admin/kiosk-preview.html) and brought up to date as the editor types, in normal or elder mode.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { GUIDE_PREVIEW_MESSAGE, type GuideInput, type GuidePreviewMessage } from '@linli/protocol';
import type { AdminStrings } from './i18n';

export function KioskPreview(props: { t: AdminStrings; guide: GuideInput }) {
  const { t } = props;
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [elderMode, setElderMode] = useState(false);
  useEffect(() => {
    const heard = (event: MessageEvent<{ kind?: string }>) => {
      if (event.source === frame.current?.contentWindow && event.data?.kind === `${GUIDE_PREVIEW_MESSAGE}-ready`)
        setReady(true);
    };
    window.addEventListener('message', heard);
    return () => window.removeEventListener('message', heard);
  }, []);
  useEffect(() => {
    if (!ready) return;
    const message: GuidePreviewMessage = { kind: GUIDE_PREVIEW_MESSAGE, guide: props.guide, elderMode };
    frame.current?.contentWindow?.postMessage(message, window.location.origin);
  }, [ready, props.guide, elderMode]);
  return (
    <aside class="kiosk-preview" aria-label={t.ui.kioskPreview}>
      <div class="kiosk-preview-head">
        <strong>{t.ui.kioskPreview}</strong>
        <label>
          <input type="checkbox" checked={elderMode} onChange={() => setElderMode(!elderMode)} />
          {t.ui.previewElderMode}
        </label>
      </div>
      <div class="kiosk-preview-screen">
        <iframe ref={frame} src="/admin/kiosk-preview.html" title={t.ui.kioskPreview} />
      </div>
    </aside>
  );
}
