/**
 * 预警信息源 (system administrators): the offices that may push CAP alerts. Adding one shows its
 * key this once, with how to push; revoking stops the key at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { LinliError, type AlertSourceCreated, type AlertSourceView } from '@linli/protocol';
import { api } from './api';
import { localMinute } from './datetime-input';
import { ErrorBox, fieldErrors, useActions } from './feedback';
import type { AdminStrings } from './i18n';

export function AlertSourcesPanel(props: { t: AdminStrings }) {
  const { t } = props;
  const words = t.ui.alerts;
  const [sources, setSources] = useState<AlertSourceView[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<AlertSourceCreated | null>(null);
  const [addError, setAddError] = useState<LinliError | null>(null);
  const { act, feedback, revision, setError } = useActions(t);
  useEffect(() => void api.alertSources().then((list) => setSources(list.sources), setError), [revision]);
  const problems = fieldErrors(t, addError, 'alert-source');
  const add = async (event: Event) => {
    event.preventDefault();
    try {
      setCreated(await api.createAlertSource(name));
      setAddError(null);
      setName('');
      await api.alertSources().then((list) => setSources(list.sources));
    } catch (caught) {
      setAddError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  return (
    <section class="stack" aria-labelledby="alert-sources-title">
      <h2 id="alert-sources-title">{words.sources}</h2>
      <p class="muted">{words.sourcesHint}</p>
      {feedback}
      <form class="row" onSubmit={add}>
        <div class="field">
          <label class="field">
            <span>{words.sourceName}</span>
            <input
              name="sourceName"
              required
              maxLength={60}
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
              {...problems.control('name')}
            />
          </label>
          {problems.note('name')}
        </div>
        <button type="submit">{words.addSource}</button>
      </form>
      <ErrorBox error={addError} t={t} />
      {created && (
        <div class="notice key-once" role="status">
          <p>{words.keyOnce(created.name)}</p>
          <code class="secret">{created.key}</code>
          <p class="muted">{words.keyUsage}</p>
        </div>
      )}
      {sources && sources.length === 0 && <p class="muted">{words.noSources}</p>}
      {sources && sources.length > 0 && (
        <table class="alert-sources">
          <thead>
            <tr>
              <th>{words.sourceName}</th>
              <th>{words.createdAt}</th>
              <th>{t.state}</th>
              <th>{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <tr key={source.id}>
                <td>{source.name}</td>
                <td>
                  {localMinute(source.createdAt)} <span class="muted">{source.createdBy}</span>
                </td>
                <td>{source.revokedAt ? words.revokedAt(localMinute(source.revokedAt)) : ''}</td>
                <td class="actions">
                  {!source.revokedAt && (
                    <button
                      onClick={() =>
                        confirm(words.confirmRevoke(source.name)) &&
                        act(() => api.revokeAlertSource(source.id).then(() => words.revoked))
                      }
                    >
                      {words.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
