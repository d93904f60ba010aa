/**
 * Service guide (办事指南): the first catalog entity. One schema serves validation on the
 * server, the import/export file format, the sync payload and the kiosk's types.
 */
import Type from 'typebox';
import { Targets } from './targets';

/** Categories a resident picks from on the kiosk home screen; order is display order. */
export const GUIDE_CATEGORIES = [
  'social-security',
  'medical-insurance',
  'household',
  'residence-permit',
  'elderly',
  'disability',
  'minimum-living',
  'employment',
  'family-planning',
  'housing',
  'certificates',
] as const;

export const GuideCategory = Type.Enum(GUIDE_CATEGORIES);
export type GuideCategory = (typeof GUIDE_CATEGORIES)[number];

/** Display names of the categories in each interface language. */
export const GUIDE_CATEGORY_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<GuideCategory, string>> = {
  'zh-Hans': {
    'social-security': '社会保障',
    'medical-insurance': '医疗保险',
    household: '户籍户口',
    'residence-permit': '居住证',
    elderly: '养老助老',
    disability: '残疾人服务',
    'minimum-living': '社会救助',
    employment: '就业创业',
    'family-planning': '生育服务',
    housing: '住房保障',
    certificates: '证明开具',
  },
  'zh-Hant': {
    'social-security': '社會保障',
    'medical-insurance': '醫療保險',
    household: '戶籍戶口',
    'residence-permit': '居住證',
    elderly: '養老助老',
    disability: '殘疾人服務',
    'minimum-living': '社會救助',
    employment: '就業創業',
    'family-planning': '生育服務',
    housing: '住房保障',
    certificates: '證明開具',
  },
  en: {
    'social-security': 'Social security',
    'medical-insurance': 'Medical insurance',
    household: 'Household registration',
    'residence-permit': 'Residence permit',
    elderly: 'Elderly care',
    disability: 'Disability services',
    'minimum-living': 'Social assistance',
    employment: 'Employment',
    'family-planning': 'Childbirth',
    housing: 'Housing',
    certificates: 'Certificates',
  },
};

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const OptionalText = (maxLength: number) => Type.String({ maxLength });

export const GuideMaterial = Type.Object(
  {
    name: Text(200),
    copies: Type.Optional(OptionalText(40)),
    note: Type.Optional(OptionalText(300)),
    required: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const GuideStep = Type.Object({ title: Text(100), detail: OptionalText(1000) }, { additionalProperties: false });

export const GuideOffice = Type.Object(
  {
    name: Text(200),
    address: Text(300),
    hours: Text(200),
    phone: OptionalText(60),
  },
  { additionalProperties: false },
);

export const GuideForm = Type.Object(
  { name: Text(200), code: Type.Optional(OptionalText(60)) },
  { additionalProperties: false },
);

/** Stable, human-readable id such as `shebao-card-loss`; it is the sync key and the import key. */
/** How many aliases a guide may carry. */
export const GUIDE_ALIASES_MAX = 40;
const GUIDE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{1,63}$';
export const GuideId = Type.String({ pattern: GUIDE_ID_PATTERN });

/** What an editor writes: the guide without server-maintained fields. */
export const GuideInput = Type.Object(
  {
    id: GuideId,
    category: GuideCategory,
    title: Text(120),
    summary: OptionalText(1000),
    audience: OptionalText(500),
    materials: Type.Array(GuideMaterial, { maxItems: 60 }),
    steps: Type.Array(GuideStep, { maxItems: 40 }),
    office: GuideOffice,
    fees: OptionalText(300),
    timeLimit: OptionalText(200),
    legalBasis: Type.Array(Text(300), { maxItems: 20 }),
    forms: Type.Array(GuideForm, { maxItems: 20 }),
    keywords: Type.Array(Text(40), { maxItems: 40 }),
    aliases: Type.Array(Text(40), { maxItems: GUIDE_ALIASES_MAX }),
    published: Type.Boolean(),
    targets: Type.Optional(Targets),
  },
  { additionalProperties: false },
);
export type GuideInput = Type.Static<typeof GuideInput>;

/** A stored guide: the input plus the version and time the server assigned. */
export const Guide = Type.Object(
  {
    ...GuideInput.properties,
    version: Type.Integer({ minimum: 1 }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Guide = Type.Static<typeof Guide>;

/** The JSON file accepted by `import-guides` and written by `export-guides`. */
export const GUIDE_FILE_FORMAT = 'linli-guides';
export const GuideFile = Type.Object(
  {
    format: Type.Literal(GUIDE_FILE_FORMAT),
    formatVersion: Type.Literal(1),
    guides: Type.Array(GuideInput),
  },
  { additionalProperties: false },
);
export type GuideFile = Type.Static<typeof GuideFile>;

/**
 * What a printed QR code on a paper guide or notice carries to open that guide on a kiosk:
 * `LINLI:guide:<id>`. Scanners that add a URL prefix are fine: any text ending in
 * `/guides/<id>` also opens it.
 */
export const GUIDE_SCAN_PREFIX = 'LINLI:guide:';

export function guideScanCode(id: string): string {
  return `${GUIDE_SCAN_PREFIX}${id}`;
}

export function guideIdFromScanCode(code: string): string | undefined {
  const trimmed = code.trim();
  const id = trimmed.startsWith(GUIDE_SCAN_PREFIX)
    ? trimmed.slice(GUIDE_SCAN_PREFIX.length)
    : /\/guides\/([^/?#]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  return id && new RegExp(GUIDE_ID_PATTERN).test(id) ? id : undefined;
}

/**
 * What the admin UI's guide editor sends the kiosk preview it shows (a frame of its own origin) as
 * the editor changes: the guide as typed so far, which need not be valid yet.
 */
export interface GuidePreviewMessage {
  kind: 'linli-guide-preview';
  guide: GuideInput;
  elderMode: boolean;
}
export const GUIDE_PREVIEW_MESSAGE = 'linli-guide-preview';
