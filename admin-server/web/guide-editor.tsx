/**
 * Create or edit one guide: materials and steps as rows, a new guide's id spelt from its title, a
 * warning when the title repeats another guide's, the server's problems under their fields, and
 * beside the form the guide as a kiosk shows it, as it is typed.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { GUIDE_CATEGORIES, GUIDE_CATEGORY_NAMES, LinliError, type Locale, type OrgTree } from '@linli/protocol';
import { api } from './api';
import { ErrorBox, fieldErrors } from './feedback';
import { emptyFields, fieldsOf, guideOf, isBlankMaterial, isBlankStep, type GuideFormFields } from './guide-form';
import { MaterialRows, StepRows } from './guide-rows';
import { KioskPreview } from './kiosk-preview';
import { similarTitles } from './similar-titles';
import type { AdminStrings } from './i18n';
import { ReviewSaveButtons, savedMessage, wantsPublish } from './review-actions';
import { TargetPicker } from './target-picker';

type TextField = Exclude<keyof GuideFormFields, 'category' | 'published' | 'targets' | 'materials' | 'steps'>;

/** Where the server's error details name each box (`office/phone` for the phone box). */
const FIELD_PATHS: Record<TextField, string> = {
  id: 'id',
  title: 'title',
  summary: 'summary',
  audience: 'audience',
  officeName: 'office/name',
  address: 'office/address',
  hours: 'office/hours',
  phone: 'office/phone',
  fees: 'fees',
  timeLimit: 'timeLimit',
  legalBasis: 'legalBasis',
  forms: 'forms',
  keywords: 'keywords',
  aliases: 'aliases',
};
const LIST_FIELDS = new Set<TextField>(['legalBasis', 'forms', 'keywords', 'aliases']);

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
  // A new guide's id follows its title until the user types one of their own.
  const [ownId, setOwnId] = useState(!props.isNew);
  const others = useGuideTitles();
  const set = (name: keyof GuideFormFields) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    if (name === 'id') setOwnId(target.value.trim() !== '');
    setFields((current) => ({ ...current, [name]: target.value }));
  };
  useEffect(() => {
    if (ownId) return;
    const title = fields.title.trim();
    // Asked once typing pauses; an answer for an older title is dropped.
    let current = true;
    const timer = setTimeout(
      () =>
        void (title ? api.suggestGuideId(title) : Promise.resolve({ id: '' })).then(
          ({ id }) => current && setFields((latest) => ({ ...latest, id })),
          () => undefined,
        ),
      SUGGEST_DELAY_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [fields.title, ownId]);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const published = wantsPublish(event);
    // Rows left empty are dropped now, so the rows on screen are the ones the server's errors count.
    const kept = {
      ...fields,
      materials: fields.materials.filter((row) => !isBlankMaterial(row)),
      steps: fields.steps.filter((row) => !isBlankStep(row)),
    };
    setFields(kept);
    try {
      const input = guideOf({ ...kept, published });
      await (props.isNew ? api.createGuide(input) : api.updateGuide(input, props.version!));
      props.onDone(savedMessage(t, published, props.mayPublish, t.guideDraftSaved));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL'));
    }
  };
  const problems = fieldErrors(t, error, 'guide', { ALREADY_EXISTS: 'id', ID_MISMATCH: 'id' });
  const text = (name: TextField, label: string, rows = 0, hint?: JSX.Element) => {
    const path = FIELD_PATHS[name];
    // A list typed into one box (keywords) takes the problems of its items too.
    const nested = LIST_FIELDS.has(name);
    const aria = problems.control(path, nested);
    return (
      <div class="field">
        <label class="field">
          <span>{label}</span>
          {rows > 0 ? (
            <textarea name={name} rows={rows} value={String(fields[name])} onInput={set(name)} {...aria} />
          ) : (
            <input
              name={name}
              value={String(fields[name])}
              onInput={set(name)}
              readOnly={name === 'id' && !props.isNew}
              {...aria}
            />
          )}
        </label>
        {problems.note(path, nested)}
        {hint}
      </div>
    );
  };
  const previewed = useMemo(() => guideOf({ ...fields, published: false }), [fields]);
  const similar =
    props.isNew || fields.title !== props.initial?.title ? similarTitles(fields.title, others, fields.id) : [];
  return (
    <div class="editor-with-preview">
      <form class="editor" onSubmit={save}>
        <ErrorBox error={error} t={t} />
        {text(
          'title',
          t.guideTitle,
          0,
          similar.length > 0 ? (
            <div class="similar" role="status">
              {similar.map((match) => (
                <p key={match.id}>
                  {match.same ? t.ui.sameTitle(match.title, match.id) : t.ui.similarTitle(match.title, match.id)}
                </p>
              ))}
              <p class="muted">{t.ui.duplicateHint}</p>
            </div>
          ) : undefined,
        )}
        <div class="row">
          {text('id', t.id, 0, props.isNew ? <span class="muted">{t.ui.idHint}</span> : undefined)}
          <div class="field">
            <label class="field">
              <span>{t.category}</span>
              <select
                name="category"
                value={fields.category}
                onChange={set('category')}
                {...problems.control('category')}
              >
                {GUIDE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {GUIDE_CATEGORY_NAMES[props.locale][c]}
                  </option>
                ))}
              </select>
            </label>
            {problems.note('category')}
          </div>
        </div>
        {text('summary', t.summary, 3)}
        {text('audience', t.audience, 2)}
        <MaterialRows
          t={t}
          rows={fields.materials}
          problems={problems}
          onChange={(materials) => setFields({ ...fields, materials })}
        />
        <StepRows t={t} rows={fields.steps} problems={problems} onChange={(steps) => setFields({ ...fields, steps })} />
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
          problems={problems}
        />
        <ReviewSaveButtons t={t} mayPublish={props.mayPublish} onCancel={() => props.onDone()} />
      </form>
      <KioskPreview t={t} guide={previewed} />
    </div>
  );
}

const SUGGEST_DELAY_MS = 300;

/** Every guide's id and title the user can see, for the same-title warning; empty until loaded or on failure. */
function useGuideTitles(): { id: string; title: string }[] {
  const [titles, setTitles] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    let current = true;
    const load = async () => {
      const found: { id: string; title: string }[] = [];
      for (let offset = 0; ; offset += TITLE_PAGE) {
        const page = await api.listGuides({ offset, limit: TITLE_PAGE });
        found.push(...page.guides.map(({ id, title }) => ({ id, title })));
        if (page.guides.length < TITLE_PAGE || found.length >= page.total) return found;
      }
    };
    load().then(
      (loaded) => current && setTitles(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return titles;
}
const TITLE_PAGE = 500;

/** A guide's fields for the editor, with the version they were read at (the save names it). */
export async function loadEditorFields(id: string): Promise<{ fields: GuideFormFields; version: number }> {
  const guide = await api.getGuide(id);
  return { fields: fieldsOf(guide), version: guide.version };
}
