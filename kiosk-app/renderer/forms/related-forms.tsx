/** 相关表格 on a guide page: the kiosk's forms that name this guide, each opening the forms screen on it. */
import type { KioskBridge, Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { useLoaded } from '../use-loaded';
import './forms.css';

export function RelatedForms(props: {
  guideId: string;
  bridge: KioskBridge;
  locale: Locale;
  onOpenForm: (formId: string) => void;
}) {
  const t = STRINGS[props.locale];
  const { loaded } = useLoaded(() => props.bridge.listForms({}), 'forms');
  // An extra: while the forms cannot be loaded the page simply goes without it.
  const related = loaded.state === 'loaded' ? loaded.value.filter((form) => form.guideIds.includes(props.guideId)) : [];
  if (related.length === 0) return null;
  return (
    <div class="related-forms" role="group" aria-labelledby="related-forms-title">
      <span class="related-forms-title" id="related-forms-title">
        {t.relatedForms}
      </span>
      {related.map((form) => (
        <button key={form.id} onClick={() => props.onOpenForm(form.id)}>
          {form.title} · {t.fillAndPrint}
        </button>
      ))}
    </div>
  );
}
