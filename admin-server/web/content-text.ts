/**
 * Notices and forms as readable text, one labelled line per field (a long text indented below its
 * label): what a reviewer reads in full, and what the version history and the review compare line by line.
 */
import {
  GUIDE_CATEGORY_NAMES,
  ID_CARD_FIELD_NAMES,
  NOTICE_KIND_NAMES,
  type FormDataSource,
  type FormInput,
  type Locale,
  type NoticeInput,
} from '@linli/protocol';
import type { AdminStrings } from './i18n';

/** `name: value`, or the name alone with the value's lines indented under it. */
export function labelled(name: string, value: string): string[] {
  return value.includes('\n') ? [`${name}:`, ...value.split('\n').map((line) => `  ${line}`)] : [`${name}: ${value}`];
}

const when = (instant: string | null, otherwise: string) => instant?.slice(0, 16).replace('T', ' ') ?? otherwise;

export function noticeText(t: AdminStrings, locale: Locale, notice: NoticeInput): string {
  const words = t.errors.fields;
  return [
    ...labelled(words.title!, notice.title),
    ...labelled(words.kind!, NOTICE_KIND_NAMES[locale][notice.kind]),
    ...labelled(words.publishAt!, when(notice.publishAt, t.onApproval)),
    ...labelled(words.expireAt!, when(notice.expireAt, t.noExpiry)),
    ...labelled(words.attachments!, (notice.attachments ?? []).map((file) => file.name).join('\n') || '—'),
    ...labelled(words.body!, notice.body),
  ].join('\n');
}

/** Where a form field's value comes from, in words. */
export function sourceText(t: AdminStrings, locale: Locale, source: FormDataSource): string {
  const words = t.ui.formSources;
  if (source.from === 'id-card') return words.idCard(ID_CARD_FIELD_NAMES[locale][source.field]);
  if (source.from === 'today') return words.today(source.format);
  if (source.from === 'constant') return words.constant(source.value);
  const notes = [
    source.optional ? words.optional : '',
    source.choices ? words.choices(source.choices) : '',
    source.dateFormat ? words.date : '',
  ].filter(Boolean);
  return words.typed(source.label) + notes.map((note) => `${t.errors.separator}${note}`).join('');
}

export function formText(t: AdminStrings, locale: Locale, form: FormInput): string {
  const words = t.errors.fields;
  const { definition } = form;
  return [
    ...labelled(words.title!, definition.title),
    ...labelled(words.id!, form.id),
    ...labelled(words.category!, GUIDE_CATEGORY_NAMES[locale][form.category]),
    ...labelled(t.formTemplate, `${definition.template} (SHA-256 ${form.templateSha256.slice(0, 12)}…)`),
    ...labelled(t.ui.formMode, t.ui.formModes[definition.mode]),
    ...labelled(
      t.ui.formFields,
      definition.fields.map((field) => `${field.label ?? field.id}: ${sourceText(t, locale, field.source)}`).join('\n'),
    ),
    ...(definition.guideIds?.length ? labelled(t.ui.formGuides, definition.guideIds.join(', ')) : []),
  ].join('\n');
}
