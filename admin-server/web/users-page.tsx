/** Users of the chosen node and below: search, create with a role the signed-in user may give, disable, unlock, reset. */
import { useEffect, useState } from 'preact/hooks';
import {
  ASSIGNABLE_ROLES,
  LinliError,
  ROLE_LEVELS,
  passwordProblem,
  type OrgNode,
  type OrgTree,
  type Role,
  type SessionView,
  type UserList,
} from '@linli/protocol';
import { api } from './api';
import { Field, fieldErrors, useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';
import { SheetImport } from './sheet-import';

function NewUserForm(props: {
  t: AdminStrings;
  node: OrgNode;
  session: SessionView;
  onCreate: (input: { username: string; displayName: string; role: Role; password: string }) => Promise<boolean>;
  /** Why the last creation failed, said under the fields it names. */
  error: LinliError | null;
}) {
  const { t, node } = props;
  const problems = fieldErrors(t, props.error, 'new-user', { ALREADY_EXISTS: 'username' });
  const roles = ASSIGNABLE_ROLES[props.session.role].filter((role) => ROLE_LEVELS[role].includes(node.level));
  const [fields, setFields] = useState({ username: '', displayName: '', role: roles[0] ?? '', password: '' });
  if (roles.length === 0) return null;
  const set = (name: keyof typeof fields) => (event: Event) =>
    setFields({ ...fields, [name]: (event.target as HTMLInputElement).value });
  const problem = fields.password ? passwordProblem(fields.password, fields.username) : undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (problem) return;
    if (await props.onCreate({ ...fields, username: fields.username.trim(), role: fields.role as Role }))
      setFields({ username: '', displayName: '', role: roles[0]!, password: '' });
  };
  return (
    <form class="editor" onSubmit={submit}>
      <h3>
        {t.newUser} · {node.name}
      </h3>
      <div class="row">
        <Field label={t.username} note={problems.note('username')}>
          <input
            name="username"
            required
            pattern="[a-z][a-z0-9._\-]{2,31}"
            autoComplete="off"
            value={fields.username}
            onInput={set('username')}
            {...problems.control('username')}
          />
        </Field>
        <Field label={t.displayName} note={problems.note('displayName')}>
          <input
            name="displayName"
            required
            value={fields.displayName}
            onInput={set('displayName')}
            {...problems.control('displayName')}
          />
        </Field>
        <Field label={t.role} note={problems.note('role') ?? problems.note('orgId')}>
          <select
            name="role"
            value={fields.role}
            onChange={set('role')}
            {...(problems.has('role') ? problems.control('role') : problems.control('orgId'))}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </Field>
        <div class="field">
          <label class="field">
            <span>{t.initialPassword}</span>
            <input
              name="password"
              type="password"
              required
              autoComplete="new-password"
              value={fields.password}
              onInput={set('password')}
              {...(problem
                ? { 'aria-invalid': 'true', 'aria-describedby': 'new-user-password-rule' }
                : problems.control('password'))}
            />
          </label>
          {!problem && problems.has('password') ? (
            problems.note('password')
          ) : (
            <span
              id="new-user-password-rule"
              class={problem ? 'field-error' : 'muted'}
              role={problem ? 'alert' : undefined}
            >
              {problem ? t.passwordRules[problem] : t.passwordRule}
            </span>
          )}
        </div>
      </div>
      <p class="muted">{t.ui.firstSignInNote}</p>
      <div class="buttons">
        <button type="submit" class="primary" disabled={Boolean(problem)}>
          {t.createUser}
        </button>
      </div>
    </form>
  );
}

export function UsersPage(props: { t: AdminStrings; tree: OrgTree; selected: number; session: SessionView }) {
  const { t, tree } = props;
  const node = tree.nodes.find((candidate) => candidate.id === props.selected);
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<UserList | null>(null);
  const { act, feedback, revision, setError, reload } = useActions(t);
  const [createError, setCreateError] = useState<LinliError | null>(null);
  useEffect(() => setOffset(0), [props.selected, query]);
  useEffect(() => setCreateError(null), [props.selected]);
  useEffect(
    () =>
      void api.listUsers({ orgId: props.selected, q: query.trim(), offset, limit: PAGE_SIZE }).then(setList, setError),
    [props.selected, query, offset, revision],
  );
  if (!node) return <p>{t.selectNode}</p>;
  const orgName = (id: number) => tree.nodes.find((candidate) => candidate.id === id)?.name ?? String(id);
  const manageable = (role: Role) => ASSIGNABLE_ROLES[props.session.role].includes(role);
  return (
    <section class="stack">
      <h2>{t.usersBelow(node.name)}</h2>
      {feedback}
      <NewUserForm
        key={node.id}
        t={t}
        node={node}
        session={props.session}
        error={createError}
        onCreate={(input) =>
          act(async () => {
            setCreateError(null);
            await api.createUser({ ...input, orgId: node.id }).catch((caught: unknown) => {
              if (caught instanceof LinliError) setCreateError(caught);
              throw caught;
            });
            return t.userCreated(input.username);
          })
        }
      />
      <SheetImport t={t} kind="users" columns="用户名, 姓名, 角色, 所属机构代码, 初始密码" onImported={reload} />
      <div class="toolbar">
        <input
          type="search"
          aria-label={t.users}
          placeholder={`${t.username} / ${t.displayName}`}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </div>
      {list && (
        <>
          <table class="users">
            <thead>
              <tr>
                <th>{t.username}</th>
                <th>{t.displayName}</th>
                <th>{t.role}</th>
                <th>{t.org}</th>
                <th>{t.state}</th>
                <th>{t.lastSignIn}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.users.map((user) => {
                const locked = user.lockedUntil !== null && user.lockedUntil > new Date().toISOString();
                const mine = user.username === props.session.username;
                return (
                  <tr key={user.username} data-username={user.username}>
                    <td>
                      {user.username}
                      {user.totpEnabled && <span class="muted"> · 2FA</span>}
                      {user.mustChangePassword && <span class="muted"> · {t.ui.awaitingOwnPassword}</span>}
                    </td>
                    <td>{user.displayName}</td>
                    <td>{t.roles[user.role]}</td>
                    <td>{orgName(user.orgId)}</td>
                    <td class={user.disabled || locked ? 'warn' : ''}>
                      {user.disabled ? t.disabled : locked ? t.locked : t.active}
                    </td>
                    <td>{user.lastSignInAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                    <td class="actions">
                      {!mine && manageable(user.role) && (
                        <>
                          <button
                            onClick={() =>
                              act(() =>
                                api.updateUser(user.username, { disabled: !user.disabled }).then(() => t.userSaved),
                              )
                            }
                          >
                            {user.disabled ? t.enable : t.disable}
                          </button>
                          {locked && (
                            <button
                              onClick={() =>
                                act(() => api.updateUser(user.username, { unlock: true }).then(() => t.userSaved))
                              }
                            >
                              {t.unlock}
                            </button>
                          )}
                          <button
                            onClick={() => {
                              const password = prompt(t.newPasswordPrompt(user.username));
                              if (password)
                                void act(() => api.updateUser(user.username, { password }).then(() => t.userSaved));
                            }}
                          >
                            {t.resetPassword}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
