/** One node of the organisation tree: correct its name and code, add a node below, remove it when empty. */
import { useState } from 'preact/hooks';
import { childLevel, orgCodeProblem, type OrgNode, type OrgTree } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { SheetImport } from './sheet-import';

function NodeForm(props: {
  t: AdminStrings;
  title: string;
  level: OrgNode['level'];
  parentCode: string | undefined;
  initial?: { name: string; code: string };
  onSubmit: (fields: { name: string; code: string }) => Promise<boolean>;
}) {
  const { t } = props;
  const [name, setName] = useState(props.initial?.name ?? '');
  const [code, setCode] = useState(props.initial?.code ?? '');
  // Checked as the clerk types, with the same rule the server applies.
  const problem = code ? orgCodeProblem(props.level, code.trim(), props.parentCode) : undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (problem) return;
    if ((await props.onSubmit({ name: name.trim(), code: code.trim() })) && !props.initial) {
      setName('');
      setCode('');
    }
  };
  return (
    <form class="editor" onSubmit={submit}>
      <h3>{props.title}</h3>
      <div class="row">
        <label class="field">
          <span>{t.orgName}</span>
          <input name="name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>
            {t.orgCode}（{t.levels[props.level]}）
          </span>
          <input
            name="code"
            required
            inputMode="numeric"
            value={code}
            aria-invalid={problem ? 'true' : undefined}
            onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          />
          {problem && (
            <span class="field-error" role="alert">
              {t.codeProblem(problem)}
            </span>
          )}
        </label>
      </div>
      <div class="buttons">
        <button type="submit" class="primary" disabled={Boolean(problem)}>
          {t.save}
        </button>
      </div>
    </form>
  );
}

export function OrgsPage(props: {
  t: AdminStrings;
  tree: OrgTree;
  selected: number;
  onChanged: (selectId?: number) => void;
}) {
  const { t, tree } = props;
  const { act, feedback } = useActions(t);
  const node = tree.nodes.find((candidate) => candidate.id === props.selected);
  if (!node) return <p>{t.selectNode}</p>;
  const parent = tree.nodes.find((candidate) => candidate.id === node.parentId);
  const below = childLevel(node.level);
  const hasChildren = tree.nodes.some((candidate) => candidate.parentId === node.id);
  return (
    <section class="stack">
      <h2>
        {node.name}{' '}
        <span class="muted">
          {t.levels[node.level]} · {node.code}
        </span>
      </h2>
      {feedback}
      <NodeForm
        key={`edit-${node.id}`}
        t={t}
        title={t.editNode}
        level={node.level}
        parentCode={parent?.code}
        initial={node}
        onSubmit={(fields) =>
          act(async () => {
            await api.updateOrg(node.id, fields);
            props.onChanged();
            return t.saved;
          })
        }
      />
      {below && (
        <NodeForm
          key={`add-${node.id}`}
          t={t}
          title={t.addChild(t.levels[below])}
          level={below}
          parentCode={node.code}
          onSubmit={(fields) =>
            act(async () => {
              const created = await api.createOrg({ parentId: node.id, ...fields });
              props.onChanged(created.id);
              return t.saved;
            })
          }
        />
      )}
      <SheetImport t={t} kind="orgs" columns="上级代码, 名称, 代码" onImported={() => props.onChanged()} />
      {node.id !== tree.rootId && !hasChildren && (
        <div class="buttons">
          <button
            class="danger"
            onClick={() =>
              confirm(t.confirmDeleteOrg(node.name)) &&
              act(async () => {
                await api.deleteOrg(node.id);
                props.onChanged(node.parentId ?? undefined);
              })
            }
          >
            {t.remove}
          </button>
        </div>
      )}
    </section>
  );
}
