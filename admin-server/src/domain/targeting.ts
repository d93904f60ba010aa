/**
 * Which devices a feed entry is for. An entry carries the target keys of its item (`org:<path>`
 * for a subtree, `group:<id>` for a device group) and its reach: every key it was ever sent to,
 * plus `device:<id>` for devices that left a targeted group. A device gets the item while a
 * target covers it, a tombstone while only the reach does (it may hold an older copy), and
 * nothing otherwise — so a device receives exactly what targets it.
 */
export type TargetKey = string;

export interface Audience {
  deviceId: string;
  orgPath: string;
  groupIds: number[];
}

export function orgKey(path: string): TargetKey {
  return `org:${path}`;
}

export function groupKey(id: number): TargetKey {
  return `group:${id}`;
}

export function deviceKey(id: string): TargetKey {
  return `device:${id}`;
}

/** Null keys mean everyone (guides placed at the top of the tree). */
export function covers(keys: TargetKey[] | null, audience: Audience): boolean {
  if (keys === null) return true;
  return keys.some(
    (key) =>
      (key.startsWith('org:') && audience.orgPath.startsWith(key.slice(4))) ||
      (key.startsWith('group:') && audience.groupIds.includes(Number(key.slice(6)))) ||
      key === deviceKey(audience.deviceId),
  );
}

export type Delivery = 'as-is' | 'tombstone' | 'skip';

export function deliveryFor(
  entry: { targets: TargetKey[] | null; reach: TargetKey[] | null },
  audience: Audience,
): Delivery {
  if (covers(entry.targets, audience)) return 'as-is';
  return entry.reach !== null && covers(entry.reach, audience) ? 'tombstone' : 'skip';
}

/** The key that covers every device. */
export const EVERYONE: TargetKey = 'org:/';

/** The reach after sending to `targets` (null = everyone): what it was, plus the new keys. */
export function widenReach(reach: TargetKey[] | null, targets: TargetKey[] | null): TargetKey[] {
  return [...new Set([...(reach ?? []), ...(targets ?? [EVERYONE])])].sort();
}
