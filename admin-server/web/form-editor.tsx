/**
 * Create or edit a printable form: its category, the field definition (a `.form.json` file, checked
 * here for JSON and by the server for everything else) and its PDF template, chosen from the media
 * library or uploaded here with a progress bar.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  GUIDE_CATEGORIES,
  GUIDE_CATEGORY_NAMES,
  LinliError,
  type FormDefinition,
  type FormInput,
  type FormView,
  type GuideCategory,
  type Locale,
  type MediaItem,
  type OrgTree,
  type Targets,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { ReviewSaveButtons, savedMessage, wantsPublish } from './review-actions';
import { NO_TARGETS, TargetPicker } from './target-picker';

export function FormEditor(props: {
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  form?: FormView;
  mayPublish: boolean;
  onDone: (message?: string) => void;
}) {
  const { t } = props;
  const [category, setCategory] = useState<GuideCategory>(props.form?.category ?? 'household');
  const [definition, setDefinition] = useState<FormDefinition | null>(props.form?.definition ?? null);
  const [definitionProblem, setDefinitionProblem] = useState('');
  const [templateSha256, setTemplateSha256] = useState(props.form?.templateSha256 ?? '');
  const [targets, setTargets] = useState<Targets>(props.form?.targets ?? NO_TARGETS);
  const [pdfs, setPdfs] = useState<MediaItem[]>([]);
  const [uploading, setUploading] = useState<number | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  const loadPdfs = () =>
    api.listMedia({ kind: 'pdf', limit: 200 }).then(
      (list) => setPdfs(list.items),
      () => setPdfs([]),
    );
  useEffect(() => void loadPdfs(), []);

  const readDefinition = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      setDefinition(JSON.parse(await file.text()) as FormDefinition);
      setDefinitionProblem('');
    } catch {
      setDefinition(null);
      setDefinitionProblem(t.definitionNotJson(file.name));
    }
  };
  const uploadPdf = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setUploading(0);
    try {
      const item = await api.uploadMedia(file, setUploading);
      await loadPdfs();
      setTemplateSha256(item.sha256);
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    } finally {
      setUploading(null);
    }
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!definition) return setDefinitionProblem(t.definitionRequired);
    const published = wantsPublish(event);
    const chosen = targets.orgIds.length + targets.groupIds.length > 0;
    const input: FormInput = {
      id: props.form?.id ?? String(definition.id ?? ''),
      category,
      definition,
      templateSha256,
      published,
      ...(chosen && { targets }),
    };
    try {
      await (props.form ? api.updateForm(input, props.form.version) : api.createForm(input));
      props.onDone(savedMessage(t, published, props.mayPublish, t.formDraftSaved));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  const problems = fieldErrors(t, error, 'form', { ALREADY_EXISTS: 'id', FORM_INVALID: 'definition' });
  // The form's id is the definition's: a problem with either is a problem with the definition file.
  const definitionProblems = [...(problems.has('id') ? ['id'] : []), 'definition'];
  const definitionInvalid = Boolean(definitionProblem) || definitionProblems.some((path) => problems.has(path, true));
  return (
    <form class="editor" onSubmit={save}>
      <ErrorBox error={error} t={t} />
      <label class="field">
        <span>{t.category}</span>
        <select
          name="category"
          value={category}
          onChange={(e) => setCategory((e.target as HTMLSelectElement).value as GuideCategory)}
        >
          {GUIDE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {GUIDE_CATEGORY_NAMES[props.locale][c]}
            </option>
          ))}
        </select>
      </label>
      <div class="field">
        <label class="field">
          <span>{t.formDefinition}</span>
          <input
            type="file"
            name="definition"
            accept="application/json,.json"
            onChange={readDefinition}
            aria-invalid={definitionInvalid ? 'true' : undefined}
            aria-describedby={definitionInvalid ? 'form-definition-problem' : undefined}
          />
        </label>
        {definitionInvalid && (
          <span class="field-error" id="form-definition-problem" role={definitionProblem ? 'alert' : undefined}>
            {definitionProblem || definitionProblems.map((path) => problems.note(path, true))}
          </span>
        )}
        {definition && (
          <span class="muted">
            {t.formSummary(
              String(definition.title ?? ''),
              String(definition.id ?? ''),
              Array.isArray(definition.fields) ? definition.fields.length : 0,
            )}
          </span>
        )}
      </div>
      <div class="field">
        <label class="field">
          <span>{t.formTemplate}</span>
          <select
            name="template"
            required
            value={templateSha256}
            onChange={(e) => setTemplateSha256((e.target as HTMLSelectElement).value)}
            {...problems.control('templateSha256')}
          >
            <option value="">{t.chooseTemplate}</option>
            {pdfs.map((item) => (
              <option key={item.id} value={item.sha256}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        {problems.note('templateSha256')}
      </div>
      <label class="button">
        {t.uploadPdf}
        <input type="file" accept="application/pdf,.pdf" hidden onChange={uploadPdf} />
      </label>
      {uploading !== null && <progress aria-label={t.uploadPdf} max={1} value={uploading} />}
      <TargetPicker t={t} tree={props.tree} targets={targets} onChange={setTargets} problems={problems} />
      <ReviewSaveButtons t={t} mayPublish={props.mayPublish} onCancel={() => props.onDone()} />
    </form>
  );
}
