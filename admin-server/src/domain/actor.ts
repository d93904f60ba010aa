/** Who is acting: the signed-in user, the node their rights cover, and where the request came from. */
import type { Role } from '@linli/protocol';
import { pathIds } from '../db/org-store';
import type { OrgScope } from '../db/scope';

export interface Actor {
  username: string;
  role: Role;
  orgId: number;
  /** Materialised path of the user's node: everything whose path starts with it is in scope. */
  orgPath: string;
  from: string;
}

export function inScope(actor: Actor, targetPath: string): boolean {
  return targetPath.startsWith(actor.orgPath);
}

/** Readable by the actor: in their subtree, or placed at a node above them (visible, not theirs). */
export function mayRead(actor: Actor, targetPath: string): boolean {
  return inScope(actor, targetPath) || actor.orgPath.startsWith(targetPath);
}

/** The server itself (demo content at start, and the demo's second approver; the command line), acting with full rights. */
export function systemActor(root: { id: number; path: string }, name: 'system' | 'cli' | 'demo'): Actor {
  return { username: name, role: 'system-admin', orgId: root.id, orgPath: root.path, from: 'local' };
}

/** What can be read from a node: its subtree, and the nodes above it. */
export function scopeOfNode(node: { id: number; path: string }): OrgScope {
  return {
    subtreePath: node.path,
    ancestorIds: pathIds(node.path).filter((id) => id !== node.id),
  };
}

/** What the actor may read. */
export function scopeOf(actor: Actor): OrgScope {
  return scopeOfNode({ id: actor.orgId, path: actor.orgPath });
}
