/**
 * Sync API v1: a cursor-based change feed of the catalog, a push hint and device heartbeats.
 * The cursor is the server's change sequence number; a device applies each page in one
 * transaction together with `nextCursor`, so an interrupted sync leaves it on a complete state.
 */
import Type from 'typebox';
import { Guide } from './guide';
import { DeviceCommand, DeviceSettingsPayload } from './device-settings';
import { DeviceAlert } from './alerts';
import { DeviceForm } from './form-content';
import { DeviceNotice } from './notices';
import { PeripheralHealth } from './peripherals';
import { UpdateReport } from './releases';
import { SignedKeySet, SignedSignage } from './signage-bundle';
import { SignedTvChannel } from './tv-channels';

export const SYNC_PAGE_LIMIT_DEFAULT = 500;
export const SYNC_PAGE_LIMIT_MAX = 1000;

export const ChangesQuery = Type.Object({
  cursor: Type.Integer({ minimum: 0, description: 'Last sequence number the device has applied (0 = nothing yet)' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SYNC_PAGE_LIMIT_MAX, default: SYNC_PAGE_LIMIT_DEFAULT })),
});
export type ChangesQuery = Type.Static<typeof ChangesQuery>;

export const GuideUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('guide'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: Guide,
});
export const GuideDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('guide'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
export const NoticeUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('notice'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: DeviceNotice,
});
export const NoticeDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('notice'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
/** The settings this device runs with (its groups' overlaid by its own); only ever replaced. */
export const SettingsUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('settings'),
  op: Type.Literal('upsert'),
  id: Type.String({ description: 'The device id' }),
  data: DeviceSettingsPayload,
});
/**
 * A remote command for this device. Run it once, after the page is stored; a device that
 * downloads everything again (resync) skips commands, which are only meant for the moment.
 */
export const CommandUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('command'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: DeviceCommand,
});
export const FormUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('form'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: DeviceForm,
});
export const FormDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('form'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
/** An emergency alert for this device's node, shown over everything; a tombstone when cancelled, replaced or expired. */
export const AlertUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('alert'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: DeviceAlert,
});
export const AlertDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('alert'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
/** A signage publication for this player, signed; a tombstone when withdrawn or no longer targeted. */
export const SignageUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('signage'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: SignedSignage,
});
export const SignageDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('signage'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
/** The keys signage is signed with (id `current`), signed by a key of the set before; only ever replaced. */
export const SignageKeysUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('signage-keys'),
  op: Type.Literal('upsert'),
  id: Type.Literal('current'),
  data: SignedKeySet,
});
/** A TV channel for this box (tv-channels.ts), signed like signage; a tombstone when withdrawn or no longer targeted. */
export const TvChannelUpsert = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('tv-channel'),
  op: Type.Literal('upsert'),
  id: Type.String(),
  data: SignedTvChannel,
});
export const TvChannelDelete = Type.Object({
  seq: Type.Integer(),
  entity: Type.Literal('tv-channel'),
  op: Type.Literal('delete'),
  id: Type.String(),
});
export const SYNC_ENTITIES = [
  'guide',
  'notice',
  'settings',
  'command',
  'form',
  'alert',
  'signage',
  'signage-keys',
  'tv-channel',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
/** The protocol version that brought each entity: a device of an older protocol is not sent it. */
export const ENTITY_SINCE_PROTOCOL: Record<SyncEntity, number> = {
  guide: 1,
  notice: 2,
  settings: 2,
  command: 2,
  form: 2,
  alert: 3,
  signage: 4,
  'signage-keys': 4,
  'tv-channel': 5,
};
export const Change = Type.Union([
  GuideUpsert,
  GuideDelete,
  NoticeUpsert,
  NoticeDelete,
  SettingsUpsert,
  CommandUpsert,
  FormUpsert,
  FormDelete,
  AlertUpsert,
  AlertDelete,
  SignageUpsert,
  SignageDelete,
  SignageKeysUpsert,
  TvChannelUpsert,
  TvChannelDelete,
]);
export type Change = Type.Static<typeof Change>;

export const ChangesPage = Type.Object({
  changes: Type.Array(Change),
  nextCursor: Type.Integer({ description: 'Cursor to send next; store it with the applied page' }),
  hasMore: Type.Boolean(),
});
export type ChangesPage = Type.Static<typeof ChangesPage>;

/** A signage player's screen as its heartbeat reports it (shown in the fleet view). */
export const ScreenReport = Type.Object(
  {
    playing: Type.Union([
      Type.Object(
        {
          id: Type.String({ maxLength: 64 }),
          version: Type.Integer({ minimum: 1 }),
          title: Type.String({ maxLength: 80 }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    refused: Type.Array(
      Type.Object(
        {
          id: Type.String({ maxLength: 64 }),
          version: Type.Integer({ minimum: 1 }),
          code: Type.String({ maxLength: 40 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20, description: 'Publications held but refused (bad signature or content), so not played' },
    ),
    frozenReloads: Type.Integer({ minimum: 0, description: 'Reloads by the frozen-screen watchdog since the start' }),
    videosNotStarted: Type.Integer({ minimum: 0, description: 'Videos skipped for not starting since the start' }),
    playsPending: Type.Integer({ minimum: 0, description: 'Proof-of-play records not yet uploaded' }),
  },
  { additionalProperties: false },
);
export type ScreenReport = Type.Static<typeof ScreenReport>;

export const Heartbeat = Type.Object(
  {
    appVersion: Type.String({ minLength: 1, maxLength: 40 }),
    cursor: Type.Integer({ minimum: 0 }),
    uptimeSec: Type.Integer({ minimum: 0 }),
    peripherals: Type.Optional(
      Type.Array(PeripheralHealth, { maxItems: 32, description: 'Health of the devices attached to the kiosk' }),
    ),
    screen: Type.Optional(ScreenReport),
    update: Type.Optional(UpdateReport),
    storageFull: Type.Optional(
      Type.Boolean({ description: 'The disk had no room for the last content or file that came' }),
    ),
  },
  { additionalProperties: false },
);
export type Heartbeat = Type.Static<typeof Heartbeat>;

/** Server-sent event on the push channel: the feed has moved past `latestSeq`'s predecessor. */
export const PUSH_EVENT_CHANGES = 'changes';
export const PushChanges = Type.Object({ latestSeq: Type.Integer() });
export type PushChanges = Type.Static<typeof PushChanges>;
