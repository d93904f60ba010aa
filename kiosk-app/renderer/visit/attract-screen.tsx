/**
 * Shown between visits. The touch that wakes the kiosk is consumed here: the visit starts on this
 * layer's own click, so nothing underneath receives it.
 */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';

export function AttractScreen(props: { locale: Locale; deviceName: string; onWake: () => void }) {
  const t = STRINGS[props.locale];
  return (
    <div
      class="attract"
      role="button"
      tabIndex={0}
      onPointerDown={(event) => event.preventDefault()}
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        props.onWake();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') props.onWake();
      }}
    >
      <div class="attract-title">{t.appTitle}</div>
      <div class="attract-hint">{t.attractHint}</div>
      <div class="attract-services">{t.attractServices}</div>
      {props.deviceName && <div class="attract-place">{props.deviceName}</div>}
    </div>
  );
}
