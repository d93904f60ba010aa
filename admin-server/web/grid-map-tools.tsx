/**
 * Below the grid map: a community's grids imported from a GeoJSON file (org.manage; the result, or
 * each problem named by feature and field, next to the control), and the basemap the map lies on
 * (its opacity for everyone; uploaded, replaced or removed at the user's own node with org.manage).
 */
import { useEffect, useState } from 'preact/hooks';
import { BASEMAP_MAX_BYTES, LinliError, type BasemapBounds, type BasemapView, type ErrorCode } from '@linli/protocol';
import { api } from './api';
import { localMinute } from './datetime-input';
import { ErrorBox } from './feedback';
import { fieldProblems, type AdminStrings } from './i18n';
import { gridPlace, gridProblem, type GridMapWords } from './grid-map-words';

type Words = GridMapWords;

const asError = (caught: unknown) =>
  caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));

/** A refused file: the code's message, then each problem by feature and field. */
function GridFileErrors(props: { t: AdminStrings; words: Words; error: LinliError }) {
  const { t, words, error } = props;
  const problems = fieldProblems(t, error);
  if (problems.length === 0) return <ErrorBox error={error} t={t} />;
  return (
    <div class="error grid-import-problems" role="alert">
      <p>{t.errors.codes[error.code]}</p>
      <ul>
        {problems.map((problem, index) => (
          <li key={index} data-path={problem.path}>
            {t.errors.detail(gridPlace(words, problem.path), gridProblem(words, problem.problem) ?? problem.problem)}
          </li>
        ))}
      </ul>
      <span class="muted">{t.errors.note(error.code)}</span>
    </div>
  );
}

export function GridImport(props: { t: AdminStrings; words: Words; onImported: () => void }) {
  const { t, words } = props;
  type Result = { grids: number } | { notJson: string } | { error: LinliError };
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setResult(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setResult({ notJson: file.name });
      return;
    }
    setBusy(true);
    try {
      setResult(await api.importGrids(json));
      props.onImported();
    } catch (caught) {
      setResult({ error: asError(caught) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="grid-tool" aria-labelledby="grid-import-title">
      <h3 id="grid-import-title">{words.importTitle}</h3>
      <p class="muted">{words.importHint}</p>
      <label class="field">
        <span>{words.chooseGeojson}</span>
        <input
          type="file"
          name="grid-geojson"
          accept=".geojson,.json,application/geo+json,application/json"
          disabled={busy}
          onChange={(event) => void choose(event)}
        />
      </label>
      <div class="grid-import-result" aria-live="polite">
        {result && 'grids' in result && (
          <p class="notice" role="status">
            {words.imported(result.grids)}
          </p>
        )}
        {result && 'notJson' in result && (
          <p class="error" role="alert">
            {words.notJson(result.notJson)}
          </p>
        )}
        {result && 'error' in result && <GridFileErrors t={t} words={words} error={result.error} />}
      </div>
    </section>
  );
}

const SIDES = ['south', 'west', 'north', 'east'] as const;
type Side = (typeof SIDES)[number];
type BoundsText = Record<Side, string>;

const boundsText = (bounds: BasemapBounds | undefined): BoundsText =>
  Object.fromEntries(SIDES.map((side) => [side, bounds ? String(bounds[side]) : ''])) as BoundsText;

/** What a refused image is told by: its code (the file's own problems carry no field of the form). */
const FILE_CODES: Partial<Record<ErrorCode, (words: Words) => string>> = {
  MEDIA_TYPE_UNSUPPORTED: (words) => words.basemap.wrongType,
  CONTENT_TYPE_UNSUPPORTED: (words) => words.basemap.wrongType,
  MEDIA_TOO_LARGE: (words) => words.basemap.tooBig(BASEMAP_MAX_BYTES / 1024 / 1024),
  BODY_REQUIRED: (words) => words.basemap.chooseFile,
};

export function BasemapPanel(props: {
  t: AdminStrings;
  words: Words;
  /** undefined: not read yet. */
  basemap: BasemapView | null | undefined;
  opacity: number;
  onOpacity: (opacity: number) => void;
  canManage: boolean;
  /** The user's own node: where they lay a basemap. */
  ownOrgId: number;
  /** The bounds the map shows now. */
  mapBounds: () => BasemapBounds | undefined;
  onChanged: (notice: string) => void;
}) {
  const { t, words, basemap } = props;
  const [file, setFile] = useState<File | null>(null);
  const [bounds, setBounds] = useState<BoundsText>(boundsText(basemap?.bounds));
  const [error, setError] = useState<LinliError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [fileInput, setFileInput] = useState(0);
  useEffect(() => setBounds(boundsText(basemap?.bounds)), [basemap?.sha256, basemap?.orgId]);

  const own = basemap?.orgId === props.ownOrgId;
  const problems = fieldProblems(t, error);
  const fileProblem = error && FILE_CODES[error.code]?.(words);
  const sideProblem = (side: Side) =>
    problems
      .filter((problem) => problem.path === side)
      .map((problem) => gridProblem(words, problem.problem) ?? problem.problem)
      .join(t.errors.separator);
  const unplaced = error && !fileProblem && !problems.some((problem) => SIDES.includes(problem.path as Side));

  const upload = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!file) return setError(new LinliError('BODY_REQUIRED'));
    if (file.size > BASEMAP_MAX_BYTES) return setError(new LinliError('MEDIA_TOO_LARGE'));
    const given = Object.fromEntries(
      SIDES.filter((side) => bounds[side].trim() !== '').map((side) => [side, Number(bounds[side])]),
    );
    setProgress(0);
    try {
      await api.uploadBasemap(props.ownOrgId, file, given, setProgress);
      setFile(null);
      setFileInput((n) => n + 1);
      props.onChanged(words.basemap.uploaded);
    } catch (caught) {
      setError(asError(caught));
    } finally {
      setProgress(null);
    }
  };
  const remove = async () => {
    if (!confirm(words.basemap.confirmRemove)) return;
    setError(null);
    try {
      await api.removeBasemap(props.ownOrgId);
      props.onChanged(words.basemap.removed);
    } catch (caught) {
      setError(asError(caught));
    }
  };
  const fromMap = () => {
    const shown = props.mapBounds();
    if (shown) setBounds(boundsText(shown));
  };

  return (
    <section class="grid-tool basemap-panel" aria-labelledby="basemap-title">
      <h3 id="basemap-title">{words.basemap.title}</h3>
      {basemap === null && <p class="muted">{words.basemap.none}</p>}
      {basemap && (
        <>
          <p class="basemap-current">
            {words.basemap.current(basemap.orgName, basemap.uploadedBy, localMinute(basemap.uploadedAt))}
          </p>
          <label class="field">
            <span>
              {words.basemap.opacity} <output>{Math.round(props.opacity * 100)}%</output>
            </span>
            <input
              type="range"
              name="basemap-opacity"
              min={0}
              max={100}
              step={5}
              value={Math.round(props.opacity * 100)}
              onInput={(event) => props.onOpacity(Number((event.target as HTMLInputElement).value) / 100)}
            />
          </label>
        </>
      )}
      {props.canManage && (
        <form class="stack" onSubmit={(event) => void upload(event)} aria-labelledby="basemap-title">
          <p class="muted">{words.basemap.forSubtree}</p>
          {unplaced && <ErrorBox error={error} t={t} />}
          <label class="field" key={fileInput}>
            <span>{words.basemap.file}</span>
            <input
              type="file"
              name="basemap-image"
              accept="image/png,image/jpeg,image/webp"
              onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)}
              {...(fileProblem && { 'aria-invalid': 'true', 'aria-describedby': 'basemap-file-problem' })}
            />
            {fileProblem && (
              <span class="field-error" id="basemap-file-problem">
                {fileProblem}
              </span>
            )}
          </label>
          <fieldset>
            <legend>{words.basemap.bounds}</legend>
            <div class="basemap-bounds">
              {SIDES.map((side) => {
                const problem = sideProblem(side);
                return (
                  <label class="field" key={side}>
                    <span>{words.basemap[side]}</span>
                    <input
                      type="number"
                      step="any"
                      name={`basemap-${side}`}
                      value={bounds[side]}
                      onInput={(event) => setBounds({ ...bounds, [side]: (event.target as HTMLInputElement).value })}
                      {...(problem && { 'aria-invalid': 'true', 'aria-describedby': `basemap-${side}-problem` })}
                    />
                    {problem && (
                      <span class="field-error" id={`basemap-${side}-problem`}>
                        {problem}
                      </span>
                    )}
                  </label>
                );
              })}
            </div>
            <button type="button" onClick={fromMap}>
              {words.basemap.fromMap}
            </button>
          </fieldset>
          {progress !== null && <progress aria-label={words.basemap.upload} max={1} value={progress} />}
          <div class="buttons">
            <button type="submit" class="primary" disabled={progress !== null}>
              {own ? words.basemap.replace : words.basemap.upload}
            </button>
            {own && (
              <button type="button" class="danger" onClick={() => void remove()}>
                {words.basemap.remove}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
