/**
 * Proof of play: what played on which screen and for how long. The web player reports each play
 * to its host with an id it made (PlayRecord.playId); the host keeps them durably and uploads
 * them in batches; the admin server keeps each (device, playId) once, so a batch sent again after
 * a crash or a lost reply changes nothing. Reports sum them per screen and item over a period.
 */
import Type from 'typebox';
import { PlayRecord } from './player-view';
import { TABLE_FORMATS } from './table-export';

export const PLAY_UPLOAD_MAX = 500;

export const PlayUpload = Type.Object(
  { plays: Type.Array(PlayRecord, { minItems: 1, maxItems: PLAY_UPLOAD_MAX }) },
  { additionalProperties: false },
);
export type PlayUpload = Type.Static<typeof PlayUpload>;

export const PlayUploadReply = Type.Object({
  stored: Type.Integer({ description: 'Plays new to the server' }),
  alreadyStored: Type.Integer({ description: 'Plays the server had from an earlier upload' }),
});
export type PlayUploadReply = Type.Static<typeof PlayUploadReply>;

export const ProofOfPlayQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day, in the server time zone (Asia/Shanghai)' }),
    to: Type.String({ format: 'date', description: 'Last day, included' }),
    orgId: Type.Optional(Type.Integer({ minimum: 1, description: 'Screens under this node (default: yours)' })),
    publicationId: Type.Optional(Type.String({ maxLength: 64 })),
    deviceId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ProofOfPlayQuery = Type.Static<typeof ProofOfPlayQuery>;

export const PROOF_OF_PLAY_FORMATS = TABLE_FORMATS;
export const ProofOfPlayExportQuery = Type.Object(
  { ...ProofOfPlayQuery.properties, format: Type.Enum(PROOF_OF_PLAY_FORMATS) },
  { additionalProperties: false },
);
export type ProofOfPlayExportQuery = Type.Static<typeof ProofOfPlayExportQuery>;

/** One item on one screen over the period. */
export const ProofOfPlayRow = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  publicationId: Type.String(),
  publicationTitle: Type.Union([Type.String(), Type.Null()], { description: 'Null once the publication is deleted' }),
  layoutId: Type.String(),
  zoneId: Type.String(),
  itemId: Type.String(),
  plays: Type.Integer(),
  seconds: Type.Integer({ description: 'Time on screen in all, rounded to the second' }),
  firstStartedAt: Type.String(),
  lastEndedAt: Type.String(),
});
export type ProofOfPlayRow = Type.Static<typeof ProofOfPlayRow>;

export const ProofOfPlayReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(ProofOfPlayRow),
  plays: Type.Integer(),
  seconds: Type.Integer(),
});
export type ProofOfPlayReport = Type.Static<typeof ProofOfPlayReport>;
