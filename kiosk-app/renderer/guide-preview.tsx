/**
 * The kiosk's own guide page, shown by the admin UI's guide editor beside the form (served by the
 * admin server as /admin/kiosk-preview.html, in a frame): editors see what residents will see, with
 * the kiosk's layout, type and elder mode. It has no host: reading aloud and printing do nothing.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { GUIDE_PREVIEW_MESSAGE, type Guide, type GuidePreviewMessage, type KioskBridge } from '@linli/protocol';
import { GuidePage } from './guide-page';
import './styles.css';

/** Every bridge call answers at once and does nothing. */
const NO_HOST = new Proxy({}, { get: () => () => Promise.resolve({}) }) as KioskBridge;

function GuidePreview() {
  const [shown, setShown] = useState<{ guide: Guide; elderMode: boolean } | null>(null);
  useEffect(() => {
    const receive = (event: MessageEvent<GuidePreviewMessage>) => {
      // Only the admin UI that framed this page speaks to it.
      if (event.origin !== window.location.origin || event.data?.kind !== GUIDE_PREVIEW_MESSAGE) return;
      const { guide, elderMode } = event.data;
      setShown({ guide: { ...guide, version: 1, updatedAt: new Date().toISOString() }, elderMode });
    };
    window.addEventListener('message', receive);
    window.parent.postMessage({ kind: `${GUIDE_PREVIEW_MESSAGE}-ready` }, window.location.origin);
    return () => window.removeEventListener('message', receive);
  }, []);
  if (!shown) return null;
  return (
    <div class="kiosk-root" data-elder={String(shown.elderMode)}>
      <div class="kiosk preview">
        <GuidePage
          guide={shown.guide}
          locale="zh-Hans"
          elderMode={shown.elderMode}
          bridge={NO_HOST}
          speechAvailable
          autoRead={false}
          onAutoRead={() => undefined}
          receiptPrinter={false}
        />
      </div>
    </div>
  );
}

render(<GuidePreview />, document.getElementById('app')!);
