/**
 * Manual alerts (人工发布预警): an emergency alert an office writes in the admin UI, from a template
 * per kind (暴雨/台风/停水/停电/疫情/消防…), for nodes of its own subtree. Someone other than the
 * author approves it; only then does the server issue it, as a CAP 1.2 message of its own, through
 * the same path as alerts from a 预警信息发布中心 — so it shows on every kiosk and screen of its
 * area exactly as they do. Cancelling an issued one sends the CAP Cancel.
 */
import Type from 'typebox';
import type { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_RESPONSE_TYPES, CAP_URGENCIES } from './alerts';
import { ALERT_STATES } from './alerts';

export const MANUAL_ALERT_KINDS = [
  'rainstorm',
  'typhoon',
  'water-outage',
  'power-outage',
  'epidemic',
  'fire',
  'other',
] as const;
export type ManualAlertKind = (typeof MANUAL_ALERT_KINDS)[number];

/** The four warning colours: a manual alert always has one (CAP's Unknown is for alerts received). */
export const MANUAL_ALERT_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;
export type ManualAlertSeverity = (typeof MANUAL_ALERT_SEVERITIES)[number];

/** The longest a manual alert may stay on screens before it must be issued again. */
export const MANUAL_ALERT_MAX_HOURS = 7 * 24;

/**
 * What a template fills in. The texts are Chinese: they are what residents read on the screens,
 * whatever language the office's admin UI is in.
 */
export interface AlertTemplate {
  category: (typeof CAP_CATEGORIES)[number];
  /** The CAP event, e.g. 暴雨 (the headline adds the colour for graded warnings). */
  event: string;
  /** Weather warnings carry their colour in the headline (暴雨橙色预警); notices of outages do not. */
  graded: boolean;
  severity: ManualAlertSeverity;
  urgency: (typeof CAP_URGENCIES)[number];
  certainty: (typeof CAP_CERTAINTIES)[number];
  responseType: (typeof CAP_RESPONSE_TYPES)[number];
  /** How long it stays on screens unless changed. */
  hours: number;
  headline: string;
  description: string;
  instruction: string;
}

export const ALERT_TEMPLATES: Record<ManualAlertKind, AlertTemplate> = {
  rainstorm: {
    category: 'Met',
    event: '暴雨',
    graded: true,
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    responseType: 'Prepare',
    hours: 12,
    headline: '暴雨预警',
    description: '预计未来数小时本辖区将出现强降雨，局部可能出现积水和内涝。',
    instruction: '请减少外出，远离低洼地带、地下通道和河道，注意防范积水和山洪，听从社区工作人员安排。',
  },
  typhoon: {
    category: 'Met',
    event: '台风',
    graded: true,
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    responseType: 'Prepare',
    hours: 24,
    headline: '台风预警',
    description: '受台风影响，本辖区将出现大风和强降雨天气。',
    instruction: '请加固门窗，收好阳台和户外物品，停止户外作业，非必要不外出。',
  },
  'water-outage': {
    category: 'Infra',
    event: '停水',
    graded: false,
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    responseType: 'Prepare',
    hours: 12,
    headline: '停水通知',
    description: '因供水管网维修，本辖区将暂停供水，恢复时间另行通知。',
    instruction: '请提前储水并关好水龙头；恢复供水后先放水片刻再使用。',
  },
  'power-outage': {
    category: 'Infra',
    event: '停电',
    graded: false,
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    responseType: 'Prepare',
    hours: 12,
    headline: '停电通知',
    description: '因电力线路检修，本辖区将暂停供电。',
    instruction: '请提前做好准备，停电期间关闭大功率电器，注意用火安全；电梯停运，请走楼梯。',
  },
  epidemic: {
    category: 'Health',
    event: '疫情',
    graded: false,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    responseType: 'Monitor',
    hours: 72,
    headline: '疫情防控提示',
    description: '本辖区发现传染病疫情，请注意个人防护。',
    instruction: '请佩戴口罩、勤洗手；出现发热等症状请及时就医并主动报告社区。',
  },
  fire: {
    category: 'Fire',
    event: '火灾',
    graded: false,
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    responseType: 'Evacuate',
    hours: 2,
    headline: '火灾紧急疏散',
    description: '本辖区发生火情，消防人员正在处置。',
    instruction: '请立即按疏散指示有序撤离，不要乘坐电梯，用湿毛巾捂住口鼻；被困请拨打119。',
  },
  other: {
    category: 'Other',
    event: '紧急通知',
    graded: false,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    responseType: 'Monitor',
    hours: 12,
    headline: '紧急通知',
    description: '',
    instruction: '',
  },
};

const COLOUR_WORDS: Record<ManualAlertSeverity, string> = {
  Extreme: '红色',
  Severe: '橙色',
  Moderate: '黄色',
  Minor: '蓝色',
};

/** The headline a template suggests at a severity: 暴雨橙色预警 for graded warnings, its own headline otherwise. */
export function templateHeadline(kind: ManualAlertKind, severity: ManualAlertSeverity): string {
  const template = ALERT_TEMPLATES[kind];
  return template.graded ? `${template.event}${COLOUR_WORDS[severity]}预警` : template.headline;
}

export const ManualAlertInput = Type.Object(
  {
    kind: Type.Enum(MANUAL_ALERT_KINDS),
    severity: Type.Enum(MANUAL_ALERT_SEVERITIES),
    headline: Type.String({ minLength: 1, maxLength: 80 }),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    instruction: Type.String({ maxLength: 1000 }),
    orgIds: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: 'The nodes it covers, each with its subtree: within your own',
    }),
    expiresAt: Type.String({ format: 'date-time', description: 'When screens stop showing it (at most 7 days on)' }),
    exercise: Type.Boolean({ description: 'An exercise (演练): shown only on screens marked for tests, as a test' }),
  },
  { additionalProperties: false },
);
export type ManualAlertInput = Type.Static<typeof ManualAlertInput>;

/**
 * in-review → issued (approved by someone else; sent out) or rejected; in-review → withdrawn
 * (cancelled before issue); issued → cancelled (the CAP Cancel sent). Whether an issued alert is
 * still on screens is `alertState`.
 */
export const MANUAL_ALERT_STATES = ['in-review', 'rejected', 'withdrawn', 'issued', 'cancelled'] as const;
export type ManualAlertState = (typeof MANUAL_ALERT_STATES)[number];

export const ManualAlertView = Type.Object({
  id: Type.String(),
  ...ManualAlertInput.properties,
  orgId: Type.Integer({ description: 'The node of the office that wrote it' }),
  state: Type.Enum(MANUAL_ALERT_STATES),
  author: Type.String(),
  createdAt: Type.String(),
  reviewer: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()]),
  cancelledBy: Type.Union([Type.String(), Type.Null()]),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  alertId: Type.Union([Type.String(), Type.Null()], { description: 'The alert issued, once approved' }),
  alertState: Type.Union([Type.Enum(ALERT_STATES), Type.Null()]),
});
export type ManualAlertView = Type.Static<typeof ManualAlertView>;

export const ManualAlertList = Type.Object({
  alerts: Type.Array(ManualAlertView, { description: 'Waiting for review first, then the newest' }),
});
export type ManualAlertList = Type.Static<typeof ManualAlertList>;
