/** What every page shows after an action: a notice, or the coded error with the fields it names. */
import { useState } from 'preact/hooks';
import { LinliError } from '@linli/protocol';
import type { AdminStrings } from './i18n';

/** `t`, when given, adds what the user can do about errors that need more than the server's words. */
export function ErrorBox(props: { error: LinliError | null; t?: AdminStrings }) {
  const { error, t } = props;
  if (!error) return null;
  return (
    <div class="error" role="alert">
      {t && error.code === 'EDIT_CONFLICT' && <p>{t.editConflict}</p>}
      <strong>{error.code}</strong> {error.message}
      {error.details && (
        <ul>
          {error.details.slice(0, 20).map((d, i) => (
            <li key={i}>
              {d.path}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Runs page actions: a string an action resolves to becomes the notice, a failure the error,
 * and `revision` moves on after each success so lists reload.
 */
export function useActions() {
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<LinliError | null>(null);
  const [revision, setRevision] = useState(0);
  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      setError(null);
      const message = await work();
      setNotice(typeof message === 'string' ? message : '');
      setRevision((r) => r + 1);
      return true;
    } catch (caught) {
      setNotice('');
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
      return false;
    }
  };
  const feedback = (
    <>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={error} />
    </>
  );
  return { act, feedback, revision, setNotice, setError, reload: () => setRevision((r) => r + 1) };
}
