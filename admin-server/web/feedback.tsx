/** What every page shows after an action: a notice, or the coded error with the fields it names. */
import { useState } from 'preact/hooks';
import { LinliError } from '@linli/protocol';
import { describeError, type AdminStrings } from './i18n';

/** The error in the user's language, field problems in words, and the code small at the end for support. */
export function ErrorBox(props: { error: LinliError | null; t: AdminStrings }) {
  const { error, t } = props;
  if (!error) return null;
  const { message, details, note } = describeError(t, error);
  return (
    <div class="error" role="alert">
      {error.code === 'EDIT_CONFLICT' && <p>{t.editConflict}</p>}
      {message}
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => (
            <li key={i}>{detail}</li>
          ))}
        </ul>
      )}
      <span class="muted">{note}</span>
    </div>
  );
}

/**
 * Runs page actions: a string an action resolves to becomes the notice, a failure the error,
 * and `revision` moves on after each success so lists reload.
 */
export function useActions(t: AdminStrings) {
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
      <ErrorBox error={error} t={t} />
    </>
  );
  return { act, feedback, revision, setNotice, setError, reload: () => setRevision((r) => r + 1) };
}
