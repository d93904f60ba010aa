/** Questions about the org tree the signed-in user was sent: which nodes are theirs to act on. */
import type { OrgNode, OrgTree } from '@linli/protocol';

/** True when `id` lies below `ancestorId`. */
export function isBelow(tree: OrgTree, id: number, ancestorId: number): boolean {
  let node = tree.nodes.find((candidate) => candidate.id === id);
  while (node?.parentId) {
    if (node.parentId === ancestorId) return true;
    node = tree.nodes.find((candidate) => candidate.id === node!.parentId);
  }
  return false;
}

/** The user's own node or one below it (the nodes above are sent for orientation only). */
export function inOwnSubtree(tree: OrgTree, id: number): boolean {
  return id === tree.rootId || isBelow(tree, id, tree.rootId);
}

/** `top` and the nodes below it, depth first in the tree's order, each with its depth under `top` (for an indented picker). */
function walkFrom(tree: OrgTree, top: OrgNode | undefined): { node: OrgNode; depth: number }[] {
  const walk = (node: OrgNode, depth: number): { node: OrgNode; depth: number }[] => [
    { node, depth },
    ...tree.nodes.filter((child) => child.parentId === node.id).flatMap((child) => walk(child, depth + 1)),
  ];
  return top ? walk(top, 0) : [];
}

/** The user's own node and those below it, each with its depth under the user's node. */
export function ownSubtree(tree: OrgTree): { node: OrgNode; depth: number }[] {
  return walkFrom(
    tree,
    tree.nodes.find((node) => node.id === tree.rootId),
  );
}

/**
 * Every node the user was sent: the line above their own node and their subtree, each with its
 * depth from the top (a case may be sent up its own line as well as down: 派单 to the street).
 */
export function wholeTree(tree: OrgTree): { node: OrgNode; depth: number }[] {
  return walkFrom(
    tree,
    tree.nodes.find((node) => !tree.nodes.some((parent) => parent.id === node.parentId)),
  );
}
