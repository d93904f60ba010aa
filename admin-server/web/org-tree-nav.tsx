/** The organisation tree at the side: pick a node, and the page shows that node and what is below it. */
import type { OrgNode, OrgTree } from '@linli/protocol';
import type { AdminStrings } from './i18n';
import { inOwnSubtree } from './org-tree';

export function OrgTreeNav(props: {
  t: AdminStrings;
  tree: OrgTree;
  selected: number;
  onSelect: (id: number) => void;
}) {
  const { t, tree } = props;
  const children = (parentId: number | null) => tree.nodes.filter((node) => node.parentId === parentId);
  const item = (node: OrgNode) => (
    <li key={node.id}>
      {inOwnSubtree(tree, node.id) ? (
        <button
          class="tree-node"
          aria-current={node.id === props.selected ? 'true' : undefined}
          onClick={() => props.onSelect(node.id)}
        >
          {node.name} <span class="muted">{t.levels[node.level]}</span>
        </button>
      ) : (
        <span class="tree-node muted">{node.name}</span>
      )}
      {children(node.id).length > 0 && <ul>{children(node.id).map(item)}</ul>}
    </li>
  );
  return (
    <nav class="org-tree" aria-label={t.orgs}>
      <ul>{children(null).map(item)}</ul>
    </nav>
  );
}
