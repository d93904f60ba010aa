/**
 * 好差评: the resident rates the service of a ticket finished at a window, on a rating pad at that
 * counter (a tablet or second screen signed in as the window's clerk). Five levels, each with a
 * fixed list of reasons to tap; 不满意 and 非常不满意 (差评) open a follow-up case in the complaints
 * workflow. One rating a ticket, within QUEUE_RATING_MINUTES of its finish.
 */
import Type from 'typebox';
import type { Locale } from './bridge';

/** 非常满意 · 满意 · 基本满意 · 不满意 · 非常不满意, best first (the order the pad shows them). */
export const QUEUE_RATING_LEVELS = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
  'dissatisfied',
  'very-dissatisfied',
] as const;
export type QueueRatingLevel = (typeof QUEUE_RATING_LEVELS)[number];

/** The levels the satisfaction rate counts as satisfied; the others are 差评. */
export const QUEUE_SATISFIED_LEVELS: readonly QueueRatingLevel[] = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
];

/** 差评 (不满意, 非常不满意): not satisfied, and each opens a follow-up case. */
export function isComplaint(level: QueueRatingLevel): boolean {
  return !QUEUE_SATISFIED_LEVELS.includes(level);
}

export const QUEUE_RATING_REASONS = [
  'efficient',
  'friendly',
  'told-once',
  'skilled',
  'short-wait',
  'tidy',
  'long-wait',
  'rude',
  'told-unclearly',
  'slow',
  'sent-back',
  'unskilled',
] as const;
export type QueueRatingReason = (typeof QUEUE_RATING_REASONS)[number];

const PRAISE: readonly QueueRatingReason[] = ['efficient', 'friendly', 'told-once', 'skilled', 'short-wait', 'tidy'];
const FAULTS: readonly QueueRatingReason[] = ['long-wait', 'rude', 'told-unclearly', 'slow', 'sent-back', 'unskilled'];

/** The reasons a level offers: what went well for the satisfied levels, what went wrong for 差评. */
export const QUEUE_REASONS_BY_LEVEL: Record<QueueRatingLevel, readonly QueueRatingReason[]> = {
  'very-satisfied': PRAISE,
  satisfied: PRAISE,
  'basically-satisfied': PRAISE,
  dissatisfied: FAULTS,
  'very-dissatisfied': FAULTS,
};

/** A finished ticket may be rated for this long; the pad offers it meanwhile. */
export const QUEUE_RATING_MINUTES = 10;

/**
 * The levels and reasons in words: the pad shows them, and the server writes a 差评's follow-up
 * case in the zh-Hans ones.
 */
export const QUEUE_RATING_NAMES: Record<
  Locale,
  { levels: Record<QueueRatingLevel, string>; reasons: Record<QueueRatingReason, string> }
> = {
  'zh-Hans': {
    levels: {
      'very-satisfied': '非常满意',
      satisfied: '满意',
      'basically-satisfied': '基本满意',
      dissatisfied: '不满意',
      'very-dissatisfied': '非常不满意',
    },
    reasons: {
      efficient: '办事效率高',
      friendly: '态度好',
      'told-once': '一次告知清楚',
      skilled: '业务熟练',
      'short-wait': '等候时间短',
      tidy: '环境整洁',
      'long-wait': '等候时间长',
      rude: '态度差',
      'told-unclearly': '一次告知不清',
      slow: '办事效率低',
      'sent-back': '让我多跑了一趟',
      unskilled: '业务不熟练',
    },
  },
  'zh-Hant': {
    levels: {
      'very-satisfied': '非常滿意',
      satisfied: '滿意',
      'basically-satisfied': '基本滿意',
      dissatisfied: '不滿意',
      'very-dissatisfied': '非常不滿意',
    },
    reasons: {
      efficient: '辦事效率高',
      friendly: '態度好',
      'told-once': '一次告知清楚',
      skilled: '業務熟練',
      'short-wait': '等候時間短',
      tidy: '環境整潔',
      'long-wait': '等候時間長',
      rude: '態度差',
      'told-unclearly': '一次告知不清',
      slow: '辦事效率低',
      'sent-back': '讓我多跑了一趟',
      unskilled: '業務不熟練',
    },
  },
  en: {
    levels: {
      'very-satisfied': 'Very satisfied',
      satisfied: 'Satisfied',
      'basically-satisfied': 'Mostly satisfied',
      dissatisfied: 'Dissatisfied',
      'very-dissatisfied': 'Very dissatisfied',
    },
    reasons: {
      efficient: 'Quick and efficient',
      friendly: 'Friendly',
      'told-once': 'Told everything at once',
      skilled: 'Knew the matter well',
      'short-wait': 'Short wait',
      tidy: 'Clean and tidy',
      'long-wait': 'Long wait',
      rude: 'Unfriendly',
      'told-unclearly': 'Not told clearly',
      slow: 'Slow',
      'sent-back': 'Had to come back',
      unskilled: 'Did not know the matter',
    },
  },
};

/** The resident's rating of one ticket (POST …/queue/halls/:id/windows/:number/rating). */
export const QueueRatingInput = Type.Object(
  {
    ticketId: Type.Integer({ minimum: 1 }),
    level: Type.Enum(QUEUE_RATING_LEVELS),
    /** Of the level's reasons (QUEUE_REASONS_BY_LEVEL), each once; none is fine. */
    reasons: Type.Array(Type.Enum(QUEUE_RATING_REASONS), { maxItems: 6, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type QueueRatingInput = Type.Static<typeof QueueRatingInput>;

/** A rating as stored: nothing of the resident, the ticket only by its number. */
export const QueueRating = Type.Object({
  ticketId: Type.Integer(),
  label: Type.String(),
  window: Type.Integer(),
  level: Type.Enum(QUEUE_RATING_LEVELS),
  reasons: Type.Array(Type.Enum(QUEUE_RATING_REASONS)),
  at: Type.String({ format: 'date-time' }),
  /** A 差评's follow-up case (its tracking number), opened with the rating. */
  caseTracking: Type.Optional(Type.String()),
});
export type QueueRating = Type.Static<typeof QueueRating>;
