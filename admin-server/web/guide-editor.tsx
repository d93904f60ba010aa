/** Create or edit one guide; server validation errors are shown next to the form. */
import { useState } from 'preact/hooks';
import { GUIDE_CATEGORIES, GUIDE_CATEGORY_NAMES, LinliError, type Locale, type OrgTree } from '@linli/protocol';
import { api } from './api';
import { ErrorBox } from './feedback';
import { emptyFields, fieldsOf, guideOf, type GuideFormFields } from './guide-form';
import type { AdminStrings } from './i18n';
import { ReviewSaveButtons, savedMessage, wantsPublish } from './review-actions';
import { TargetPicker } from './target-picker';

/** `mayPublish`: the user may review content, so the main button publishes; for others it sends the guide for review. */
export function GuideEditor(props: {
  initial?: GuideFormFields;
  isNew: boolean;
  /** The version being edited (absent for a new guide); the save names it. */
  version?: number;
  mayPublish: boolean;
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  onDone: (message?: string) => void;
}) {
  const { t } = props;
  const [fields, setFields] = useState<GuideFormFields>(props.initial ?? emptyFields());
  const [error, setError] = useState<LinliError | null>(null);
  const set = (name: keyof GuideFormFields) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setFields({ ...fields, [name]: target.value });
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const published = wantsPublish(event);
    try {
      const input = guideOf({ ...fields, published });
      await (props.isNew ? api.createGuide(input) : api.updateGuide(input, props.version!));
      props.onDone(savedMessage(t, published, props.mayPublish, t.guideDraftSaved));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL'));
    }
  };
  const text = (name: keyof GuideFormFields, label: string, rows = 0) => (
    <label class="field">
      <span>{label}</span>
      {rows > 0 ? (
        <textarea name={name} rows={rows} value={String(fields[name])} onInput={set(name)} />
      ) : (
        <input name={name} value={String(fields[name])} onInput={set(name)} readOnly={name === 'id' && !props.isNew} />
      )}
    </label>
  );
  return (
    <form class="editor" onSubmit={save}>
      <ErrorBox error={error} t={t} />
      <div class="row">
        {text('id', t.id)}
        <label class="field">
          <span>{t.category}</span>
          <select name="category" value={fields.category} onChange={set('category')}>
            {GUIDE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {GUIDE_CATEGORY_NAMES[props.locale][c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {text('title', t.guideTitle)}
      {text('summary', t.summary, 3)}
      {text('audience', t.audience, 2)}
      {text('materials', t.materials, 6)}
      {text('steps', t.steps, 6)}
      <div class="row">
        {text('officeName', t.officeName)}
        {text('address', t.address)}
      </div>
      <div class="row">
        {text('hours', t.hours)}
        {text('phone', t.phone)}
      </div>
      <div class="row">
        {text('fees', t.fees)}
        {text('timeLimit', t.timeLimit)}
      </div>
      {text('legalBasis', t.legalBasis, 3)}
      {text('forms', t.forms, 2)}
      {text('keywords', t.keywords)}
      {text('aliases', t.aliases)}
      <TargetPicker
        t={t}
        tree={props.tree}
        targets={fields.targets}
        onChange={(targets) => setFields({ ...fields, targets })}
      />
      <ReviewSaveButtons t={t} mayPublish={props.mayPublish} onCancel={() => props.onDone()} />
    </form>
  );
}

/** A guide's fields for the editor, with the version they were read at (the save names it). */
export async function loadEditorFields(id: string): Promise<{ fields: GuideFormFields; version: number }> {
  const guide = await api.getGuide(id);
  return { fields: fieldsOf(guide), version: guide.version };
}
