/** One guide, loaded from the host: its page, a loading line, or why it cannot be shown. */
import type { KioskBridge, Locale } from '@linli/protocol';
import { GuidePage } from './guide-page';
import { STRINGS } from './i18n';
import { LoadedView } from './loaded-view';
import { useLoaded } from './use-loaded';

export function GuideScreen(props: {
  id: string;
  bridge: KioskBridge;
  locale: Locale;
  revision: number;
  elderMode: boolean;
  speechAvailable: boolean;
  autoRead: boolean;
  onAutoRead: (on: boolean) => void;
  receiptPrinter: boolean;
  /** An A4 printer is configured: the guide's forms are offered under 相关表格. */
  onOpenForm?: (formId: string) => void;
}) {
  const { bridge, id, locale } = props;
  const { loaded, retry } = useLoaded(() => bridge.getGuide({ id, locale }), JSON.stringify([id, locale]), [
    props.revision,
  ]);
  return (
    <LoadedView loaded={loaded} retry={retry} locale={locale} gone={STRINGS[locale].guideGone}>
      {(guide) => (
        <GuidePage
          guide={guide}
          locale={locale}
          elderMode={props.elderMode}
          bridge={bridge}
          speechAvailable={props.speechAvailable}
          autoRead={props.autoRead}
          onAutoRead={props.onAutoRead}
          receiptPrinter={props.receiptPrinter}
          onOpenForm={props.onOpenForm}
        />
      )}
    </LoadedView>
  );
}
