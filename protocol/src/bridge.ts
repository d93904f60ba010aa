/**
 * The kiosk bridge: the only API the renderer may use. The host implements it; the Electron
 * shell carries it over IPC and the browser shell over HTTP + server-sent events on 127.0.0.1.
 * Each method is described once here; both transports validate params with these schemas.
 */
import Type from 'typebox';
import { Guide, GuideCategory } from './guide';

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export const Locale = Type.Enum(LOCALES);
export type Locale = (typeof LOCALES)[number];

export const KioskStatus = Type.Object({
  online: Type.Boolean({ description: 'The last contact with the admin server succeeded' }),
  lastSyncAt: Type.Union([Type.String(), Type.Null()]),
  guideCount: Type.Integer(),
  deviceName: Type.String(),
});
export type KioskStatus = Type.Static<typeof KioskStatus>;

export const CategoryCount = Type.Object({ category: GuideCategory, count: Type.Integer() });
export type CategoryCount = Type.Static<typeof CategoryCount>;

export const GuideSummary = Type.Object({
  id: Type.String(),
  category: GuideCategory,
  title: Type.String(),
  summary: Type.String(),
  titleHighlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
});
export type GuideSummary = Type.Static<typeof GuideSummary>;

/** How the kiosk behaves, from the host's configuration. */
export const KioskSettings = Type.Object({
  idleSec: Type.Integer({ description: 'Seconds without a touch before the end-of-visit warning' }),
  warningSec: Type.Integer({ description: 'Seconds the warning counts down before the visit ends' }),
  speechAvailable: Type.Boolean({ description: 'An offline read-aloud engine is installed' }),
});
export type KioskSettings = Type.Static<typeof KioskSettings>;

const LocaleParam = { locale: Type.Optional(Locale) };
const Done = Type.Object({});

export const bridgeMethods = {
  getStatus: { params: Type.Object({}), result: KioskStatus },
  listCategories: { params: Type.Object({}), result: Type.Array(CategoryCount) },
  listGuides: {
    params: Type.Object({ category: GuideCategory, ...LocaleParam }),
    result: Type.Array(GuideSummary),
  },
  searchGuides: {
    params: Type.Object({
      query: Type.String({ maxLength: 200 }),
      category: Type.Optional(GuideCategory),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      ...LocaleParam,
    }),
    result: Type.Array(GuideSummary),
  },
  getGuide: { params: Type.Object({ id: Type.String({ maxLength: 64 }), ...LocaleParam }), result: Guide },
  getKioskSettings: { params: Type.Object({}), result: KioskSettings },
  /** Reads text aloud in Mandarin (offline); a new call interrupts the previous one. */
  speak: { params: Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }), result: Done },
  stopSpeaking: { params: Type.Object({}), result: Done },
  /** The resident's visit ended: the host drops everything it held for that visit. */
  endVisit: { params: Type.Object({}), result: Done },
} as const;

export type BridgeMethod = keyof typeof bridgeMethods;
export type BridgeParams<M extends BridgeMethod> = Type.Static<(typeof bridgeMethods)[M]['params']>;
export type BridgeResult<M extends BridgeMethod> = Type.Static<(typeof bridgeMethods)[M]['result']>;

/** What the host implements and what the renderer calls, whichever transport joins them. */
export type KioskBridge = { [M in BridgeMethod]: (params: BridgeParams<M>) => Promise<BridgeResult<M>> };

/** Events the host pushes to the renderer. */
export const BRIDGE_EVENTS = ['catalog-changed', 'status-changed'] as const;
export type BridgeEvent = (typeof BRIDGE_EVENTS)[number];

export function isBridgeMethod(name: string): name is BridgeMethod {
  return Object.hasOwn(bridgeMethods, name);
}

/** Browser shell transport: routes and the header carrying the per-boot token. */
export const BRIDGE_HTTP = {
  callPath: (method: BridgeMethod) => `/bridge/${method}`,
  eventsPath: '/bridge/events',
  tokenHeader: 'x-linli-boot-token',
  tokenQuery: 'token',
} as const;
