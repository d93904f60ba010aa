/** Import from Excel or CSV: the file is checked first (a dry run listing every problem), then imported on confirmation. */
import { useState } from 'preact/hooks';
import type { IndicatorImportReport, SheetImportReport } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';

export function SheetImport(props: {
  t: AdminStrings;
  kind: 'orgs' | 'users' | 'indicator-reports';
  columns: string;
  onImported: () => void;
  /** What a check or an import did, in words (the org and user imports' counts by default). */
  describe?: (report: IndicatorImportReport) => string;
}) {
  const { t } = props;
  const { act, feedback } = useActions(t);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<SheetImportReport | IndicatorImportReport | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const run = (chosen: File, dryRun: boolean) =>
    act(async () => {
      setProgress(0);
      try {
        const report = await api.importSheet(props.kind, chosen, dryRun, setProgress);
        setChecked(dryRun ? report : null);
        if (!dryRun) {
          setFile(null);
          props.onImported();
        }
        return 'created' in report ? t.importReport(report) : props.describe!(report);
      } finally {
        setProgress(null);
      }
    });
  const choose = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    setFile(chosen);
    setChecked(null);
    void run(chosen, true);
  };
  return (
    <div class="editor">
      <h3>{t.importSheet}</h3>
      <p class="muted">{t.importColumns(props.columns)}</p>
      <div class="buttons">
        <label class="button">
          {t.chooseFile}
          <input type="file" accept=".xlsx,.csv,.txt" hidden onChange={choose} />
        </label>
        {file && checked && (
          <button class="primary" onClick={() => void run(file, false)}>
            {t.confirmImport(file.name)}
          </button>
        )}
      </div>
      {progress !== null && <progress aria-label={t.uploading} max={1} value={progress} />}
      {feedback}
    </div>
  );
}
