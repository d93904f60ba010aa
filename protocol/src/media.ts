/**
 * The media library: images, videos and PDFs stored once by their SHA-256 and served at
 * `/media/<sha256>` with long-lived caching, so a plain HTTP cache or CDN can sit in front.
 */
import Type from 'typebox';

export const MEDIA_TYPES = {
  'image/png': { kind: 'image', extensions: ['png'], maxBytes: 20 * 1024 * 1024 },
  'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg'], maxBytes: 20 * 1024 * 1024 },
  'image/gif': { kind: 'image', extensions: ['gif'], maxBytes: 20 * 1024 * 1024 },
  'image/webp': { kind: 'image', extensions: ['webp'], maxBytes: 20 * 1024 * 1024 },
  'application/pdf': { kind: 'pdf', extensions: ['pdf'], maxBytes: 100 * 1024 * 1024 },
  'video/mp4': { kind: 'video', extensions: ['mp4', 'm4v'], maxBytes: 2 * 1024 * 1024 * 1024 },
  'video/webm': { kind: 'video', extensions: ['webm'], maxBytes: 2 * 1024 * 1024 * 1024 },
} as const;
export type MediaMime = keyof typeof MEDIA_TYPES;
export const MEDIA_KINDS = ['image', 'video', 'pdf'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
/** The largest upload of any type; each type has its own limit below it. */
export const MEDIA_MAX_BYTES = Math.max(...Object.values(MEDIA_TYPES).map((type) => type.maxBytes));

export const SHA256_PATTERN = '^[0-9a-f]{64}$';

/** A media item's category (分类), chosen by staff, e.g. 宣传海报 or 表格模板; empty for none. */
export const MediaCategory = Type.String({
  maxLength: 20,
  pattern: '^[^\\u0000-\\u001f]*$',
  description: 'e.g. 宣传海报; empty: none',
});

export const MediaItem = Type.Object({
  id: Type.Integer(),
  sha256: Type.String({ pattern: SHA256_PATTERN }),
  bytes: Type.Integer(),
  mime: Type.String(),
  kind: Type.Enum(MEDIA_KINDS),
  name: Type.String(),
  category: Type.String(),
  orgId: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  thumbnail: Type.Boolean({ description: 'A JPEG preview is served at /media/<sha256>/thumbnail' }),
  duplicate: Type.Optional(Type.Boolean({ description: 'On upload: the same bytes were already stored' })),
});
export type MediaItem = Type.Static<typeof MediaItem>;

export const MediaUploadQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  orgId: Type.Optional(Type.Integer({ minimum: 1, description: 'Defaults to your own node' })),
  category: Type.Optional(MediaCategory),
});
export type MediaUploadQuery = Type.Static<typeof MediaUploadQuery>;

/**
 * An upload sent again under the same key (a retry after a reply that never came: the server
 * restarted, the network broke) answers with the item the first one made, never a second item.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const UploadHeaders = Type.Object({
  [IDEMPOTENCY_KEY_HEADER]: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'One per upload, kept for its retries (a UUID)' }),
  ),
});

export const MediaListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 60 })),
  kind: Type.Optional(Type.Enum(MEDIA_KINDS)),
  category: Type.Optional(MediaCategory),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type MediaListQuery = Type.Static<typeof MediaListQuery>;

export const MediaList = Type.Object({
  items: Type.Array(MediaItem),
  total: Type.Integer(),
  categories: Type.Array(Type.String(), {
    description: 'Every category in use in what you may read, for filtering and choosing',
  }),
});
export const MediaUpdate = Type.Object({ category: MediaCategory }, { additionalProperties: false });
export type MediaUpdate = Type.Static<typeof MediaUpdate>;
export type MediaList = Type.Static<typeof MediaList>;

/** A file content refers to, as devices receive it: fetch `/media/<sha256>`, verify, then show. */
export const MediaRef = Type.Object({
  sha256: Type.String({ pattern: SHA256_PATTERN }),
  bytes: Type.Integer({ minimum: 0 }),
  mime: Type.String(),
  name: Type.String(),
});
export type MediaRef = Type.Static<typeof MediaRef>;
