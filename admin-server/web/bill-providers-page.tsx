/**
 * 计费机构 (system administrators): the water, electricity and gas utilities connected by a
 * configuration file, each serving the subtree of one node. The list says each one's state in words
 * (paused after repeated failures, or not connected and why); its file can be viewed with secrets
 * hidden, replaced or disconnected. The form connects a file pasted or opened from disk: text that is
 * not JSON is said before anything is sent, and the server's mistakes are listed under the file by
 * where they are in it, a problem with the node under the node.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LinliError, SECRET_SHOWN, type BillProviderView, type OrgTree } from '@linli/protocol';
import { api } from './api';
import { localMinute } from './datetime-input';
import { ErrorBox, Field, fieldErrors, useActions } from './feedback';
import { fieldProblems, type AdminStrings } from './i18n';
import { ownSubtree } from './org-tree';

/** What the form starts from: an empty file for the user's own node, or a connected utility's to replace. */
interface Draft {
  orgId: number;
  text: string;
  /** The name of the utility whose file is being replaced. */
  replacing?: string;
}

/** The file's JSON, wrapped so that a file holding `null` is told apart from one that is not JSON (null). */
function readJson(text: string): { config: unknown } | null {
  try {
    return { config: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** The file as the server showed it, for reading and for sending back (its secrets stay ******). */
const fileText = (provider: BillProviderView) => JSON.stringify(provider.config, null, 2);

function ConnectForm(props: {
  t: AdminStrings;
  tree: OrgTree;
  draft: Draft;
  onConnected: (provider: BillProviderView) => void;
  onCancel: () => void;
}) {
  const { t, tree, draft } = props;
  const words = t.ui.billProviders;
  const [orgId, setOrgId] = useState(draft.orgId);
  const [text, setText] = useState(draft.text);
  const [notJson, setNotJson] = useState('');
  const [error, setError] = useState<LinliError | null>(null);
  const fileBox = useRef<HTMLTextAreaElement>(null);
  // A file to replace opens the form below the list, filled in: the file takes the focus, so
  // keyboard and screen-reader users land where they work.
  useEffect(() => {
    if (draft.replacing) fileBox.current?.focus();
  }, []);

  const problems = fieldErrors(t, error, 'bill-provider');
  // Every problem but the node's lies in the file, named by its JSON pointer there.
  const fileProblems = fieldProblems(t, error).filter((problem) => problem.path !== 'orgId');
  const fileInvalid = Boolean(notJson) || fileProblems.length > 0;

  const openFile = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const content = await file.text();
    setText(content);
    setError(null);
    setNotJson(readJson(content) ? '' : words.fileNotJson(file.name));
  };
  const connect = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const file = readJson(text);
    if (!file) return setNotJson(words.notJson);
    setNotJson('');
    try {
      props.onConnected(await api.saveBillProvider({ orgId, config: file.config }));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };

  return (
    <form class="editor" onSubmit={connect} aria-labelledby="bill-provider-form-title">
      <h2 id="bill-provider-form-title">
        {draft.replacing ? words.replaceTitle(draft.replacing) : words.connectTitle}
      </h2>
      {/* An error that names no field (offline, not allowed) has no place of its own. */}
      {error && !error.details?.length && <ErrorBox error={error} t={t} />}
      <Field label={words.orgField} note={problems.note('orgId')}>
        <select
          name="orgId"
          value={String(orgId)}
          onChange={(e) => setOrgId(Number((e.target as HTMLSelectElement).value))}
          {...problems.control('orgId')}
        >
          {ownSubtree(tree).map(({ node, depth }) => (
            <option key={node.id} value={node.id}>
              {'\u3000'.repeat(depth)}
              {node.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={words.file}
        note={
          <>
            <span class="muted" id="bill-provider-file-hint">
              {words.fileHint(SECRET_SHOWN)}
            </span>
            {notJson && (
              <span class="field-error" id="bill-provider-file-problems" role="alert">
                {notJson}
              </span>
            )}
            {fileProblems.length > 0 && (
              <div class="field-error file-problems" id="bill-provider-file-problems" role="alert">
                {t.errors.codes[error!.code]} <span class="muted">{t.errors.note(error!.code)}</span>
                <ul>
                  {fileProblems.map((problem, i) => (
                    <li key={i}>{t.errors.detail(`/${problem.path}`, problem.problem)}</li>
                  ))}
                </ul>
              </div>
            )}
          </>
        }
      >
        <textarea
          ref={fileBox}
          name="config"
          class="config-file"
          rows={18}
          required
          spellcheck={false}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          aria-invalid={fileInvalid ? 'true' : undefined}
          aria-describedby={`bill-provider-file-hint${fileInvalid ? ' bill-provider-file-problems' : ''}`}
        />
      </Field>
      <label class="field">
        <span>{words.openFile}</span>
        <input type="file" name="configFile" accept="application/json,.json" onChange={openFile} />
      </label>
      <div class="buttons">
        <button type="submit" class="primary">
          {words.connect}
        </button>
        {draft.replacing && (
          <button type="button" onClick={props.onCancel}>
            {t.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

export function BillProvidersPage(props: { t: AdminStrings; tree: OrgTree }) {
  const { t, tree } = props;
  const words = t.ui.billProviders;
  const [providers, setProviders] = useState<BillProviderView[] | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const empty: Draft = { orgId: tree.rootId, text: '' };
  // `key` gives each draft a fresh form, so replacing another file never keeps the last one's text or errors.
  const [draft, setDraft] = useState({ ...empty, key: 0 });
  const startDraft = (next: Draft) => setDraft((current) => ({ ...next, key: current.key + 1 }));
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(() => void api.billProviders().then((list) => setProviders(list.providers), setError), [revision]);

  return (
    <div class="stack">
      <section class="stack" aria-labelledby="bill-providers-title">
        <h2 id="bill-providers-title">{t.billProviders}</h2>
        <p class="muted">{words.hint}</p>
        {feedback}
        {providers && providers.length === 0 && <p class="muted">{words.noProviders}</p>}
        {providers && providers.length > 0 && (
          <table class="bill-providers">
            <thead>
              <tr>
                <th>{words.name}</th>
                <th>{words.utility}</th>
                <th>{words.org}</th>
                <th>{words.baseUrl}</th>
                <th>{words.authKind}</th>
                <th>{t.state}</th>
                <th>{t.updatedAt}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((provider) => [
                <tr key={provider.id} data-provider-id={provider.id}>
                  <td>
                    {provider.name}
                    <div class="muted">{provider.id}</div>
                  </td>
                  <td>{words.utilities[provider.utility]}</td>
                  <td>{provider.orgName}</td>
                  <td>
                    <code class="base-url">{provider.baseUrl}</code>
                  </td>
                  <td>{words.authKinds[provider.authKind]}</td>
                  <td>
                    {provider.problem ? (
                      <span class="field-error">{words.notConnected(provider.problem)}</span>
                    ) : (
                      <span class={provider.circuit === 'closed' ? undefined : 'warn'}>
                        {words.circuits[provider.circuit]}
                      </span>
                    )}
                  </td>
                  <td>{t.updatedBy(provider.updatedBy, localMinute(provider.updatedAt))}</td>
                  <td class="actions">
                    <button
                      aria-expanded={viewing === provider.id}
                      onClick={() => setViewing(viewing === provider.id ? null : provider.id)}
                    >
                      {words.showConfig}
                    </button>
                    <button
                      onClick={() =>
                        startDraft({ orgId: provider.orgId, text: fileText(provider), replacing: provider.name })
                      }
                    >
                      {words.replace}
                    </button>
                    <button
                      class="danger"
                      onClick={() =>
                        confirm(words.confirmRemove(provider.name, provider.orgName)) &&
                        act(() => api.removeBillProvider(provider.id).then(() => words.removed(provider.name)))
                      }
                    >
                      {words.remove}
                    </button>
                  </td>
                </tr>,
                viewing === provider.id && (
                  <tr key={`${provider.id}-config`}>
                    <td colSpan={8}>
                      <Field label={words.configOf(provider.name, SECRET_SHOWN)}>
                        <textarea
                          class="config-file"
                          readOnly
                          rows={18}
                          spellcheck={false}
                          value={fileText(provider)}
                        />
                      </Field>
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        )}
      </section>
      <ConnectForm
        key={draft.key}
        t={t}
        tree={tree}
        draft={draft}
        onCancel={() => startDraft(empty)}
        onConnected={(provider) => {
          setNotice(words.connected(provider.name, provider.orgName));
          startDraft(empty);
          reload();
        }}
      />
    </div>
  );
}
