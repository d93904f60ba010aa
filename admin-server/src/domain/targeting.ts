/**
 * Which devices a feed entry is for. First by what the entry is: a device is sent only the
 * entities its kind uses and its protocol knows. Then by where it goes: an entry carries the
 * target keys of its item (`org:<path>` for a subtree, `group:<id>` for a device group) and its
 * reach: every key it was ever sent to, plus `device:<id>` for devices that left a targeted
 * group. A device gets the item while a target covers it, a tombstone while only the reach does
 * (it may hold an older copy), and nothing otherwise — so a device receives exactly what targets it.
 */
import { ENTITY_SINCE_PROTOCOL, type DeviceKind, type SyncEntity } from '@linli/protocol';

export type TargetKey = string;

export interface Audience {
  deviceId: string;
  kind: DeviceKind;
  orgPath: string;
  groupIds: number[];
}

/**
 * The entities each kind of device is sent. A player shows notices (as playlist items) but no
 * guides or forms; a kiosk plays no signage, so it needs neither publications, TV channels nor their keys.
 */
const ENTITIES_OF_KIND: Record<DeviceKind, readonly SyncEntity[]> = {
  kiosk: ['guide', 'notice', 'settings', 'command', 'form', 'alert'],
  player: ['notice', 'settings', 'command', 'alert', 'signage', 'signage-keys', 'tv-channel'],
};

/** Whether a device of `kind` speaking `protocol` is sent entries of `entity` at all (targets aside). */
export function sendsEntity(kind: DeviceKind, protocol: number, entity: SyncEntity): boolean {
  // A device of an older protocol resyncs once it is updated, and gets the newer entities then.
  return ENTITY_SINCE_PROTOCOL[entity] <= protocol && ENTITIES_OF_KIND[kind].includes(entity);
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
