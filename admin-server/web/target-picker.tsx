/** Where content goes: nodes of the user's own subtree and device groups; nothing ticked means the whole subtree. */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceGroup, OrgTree, Targets } from '@linli/protocol';
import { api } from './api';
import type { FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { inOwnSubtree } from './org-tree';

export const NO_TARGETS: Targets = { orgIds: [], groupIds: [] };

export function TargetPicker(props: {
  t: AdminStrings;
  tree: OrgTree;
  targets: Targets;
  onChange: (targets: Targets) => void;
  /** The problem the server found with the targets, said under them. */
  problems?: FieldErrors;
}) {
  const { t, tree, targets } = props;
  const [groups, setGroups] = useState<DeviceGroup[]>([]);
  useEffect(
    () =>
      void api.deviceGroups().then(
        (list) => setGroups(list.groups),
        () => setGroups([]),
      ),
    [],
  );
  const own = tree.nodes.filter((node) => inOwnSubtree(tree, node.id));
  const toggle = (list: keyof Targets, id: number) => {
    const current = targets[list];
    props.onChange({ ...targets, [list]: current.includes(id) ? current.filter((x) => x !== id) : [...current, id] });
  };
  return (
    <fieldset class="targets" {...props.problems?.control('targets', true)}>
      <legend>{t.targets}</legend>
      <p class="muted">{t.targetsHint}</p>
      {own.map((node) => (
        <label key={node.id} class="inline">
          <input
            type="checkbox"
            name="targetOrg"
            value={node.id}
            checked={targets.orgIds.includes(node.id)}
            onChange={() => toggle('orgIds', node.id)}
          />
          {node.name}
        </label>
      ))}
      {groups.map((group) => (
        <label key={`g${group.id}`} class="inline">
          <input
            type="checkbox"
            name="targetGroup"
            value={group.id}
            checked={targets.groupIds.includes(group.id)}
            onChange={() => toggle('groupIds', group.id)}
          />
          {t.deviceGroup}: {group.name}
        </label>
      ))}
      {props.problems?.note('targets', true)}
    </fieldset>
  );
}
