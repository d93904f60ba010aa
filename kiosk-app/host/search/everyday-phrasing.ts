/**
 * How residents ask, turned into what guides say. Question words and particles carry no topic
 * (居住证怎么续签 → 居住证 续签), and everyday words stand for the guides' wording (续签 → 签注,
 * 丢了 → 挂失 / 补领, 上户口 → 落户 / 出生登记). Each everyday word becomes a part of its own whose
 * alternatives are the guides' words; what the resident typed stays one of them, since aliases
 * often carry it (居住证续签). Pure.
 */

/** Phrases that only ask (how, where, what to bring…), longest first so 怎么办理 goes before 怎么. */
const QUESTION_PHRASES = [
  '需要哪些材料',
  '需要什么材料',
  '要带什么材料',
  '要什么材料',
  '要哪些材料',
  '带什么材料',
  '要带什么',
  '要准备什么',
  '在哪里办理',
  '在什么地方',
  '的地方',
  '怎么办理',
  '如何办理',
  '怎样办理',
  '在哪里办',
  '去哪里办',
  '到哪里办',
  '有什么用',
  '怎么申请',
  '如何申请',
  '怎么办',
  '怎么弄',
  '怎么搞',
  '怎么样',
  '咋办',
  '在哪里',
  '去哪里',
  '到哪里',
  '在哪儿',
  '在哪办',
  '去哪办',
  '在哪',
  '去哪',
  '哪里',
  '多少钱',
  '能不能',
  '可不可以',
  '可以吗',
  '能办吗',
  '请问',
  '我想',
  '我要',
  '想要',
  '需要',
  '怎么',
  '如何',
  '怎样',
  '什么',
  '哪些',
  '一下',
];
/** Particles dropped only at the end of a phrase (了 stays inside 了解). */
const TRAILING_PARTICLES = /[吗呢啊呀吧嘛的了么]+$/u;

/** Everyday word → the words guides use for it. Longest first where one contains another. */
const EVERYDAY_WORDS: ReadonlyArray<readonly [said: string, guideWords: readonly string[]]> = [
  ['不见了', ['挂失', '补领', '补办']],
  ['被偷了', ['挂失', '补领', '补办']],
  ['丢了', ['挂失', '补领', '补办']],
  ['掉了', ['挂失', '补领', '补办']],
  ['丢失', ['挂失', '补领', '补办']],
  ['弄丢', ['挂失', '补领', '补办']],
  ['坏了', ['换领', '补换', '换卡']],
  ['过期了', ['换领', '到期', '签注']],
  ['过期', ['换领', '到期', '签注']],
  ['续签', ['签注']],
  ['上户口', ['落户', '出生登记', '户口登记']],
  ['报户口', ['落户', '出生登记', '户口登记']],
  ['迁户口', ['户口迁移', '迁入', '迁出']],
  ['领证', ['结婚登记']],
  ['扯证', ['结婚登记']],
  ['退休金', ['养老金']],
  ['看病', ['就医', '医疗']],
  ['生孩子', ['生育', '出生']],
  ['宝宝', ['新生儿', '婴儿', '儿童']],
  ['小孩', ['儿童', '未成年人', '子女']],
  ['孩子', ['儿童', '未成年人', '子女']],
  ['老人', ['老年人', '高龄', '老年']],
  ['去世', ['死亡', '丧葬']],
  ['没工作', ['失业', '灵活就业']],
  ['失业了', ['失业']],
  ['辞退', ['劳动争议', '仲裁', '失业']],
  ['不给工资', ['欠薪', '劳动争议', '仲裁']],
  ['漏水', ['维修']],
  ['打针', ['接种', '疫苗']],
  ['本子', ['证', '手册']],
  ['吃饭', ['助餐', '食堂', '用餐']],
];

export interface PhrasePart {
  /** What to look for: the resident's word first, then the guides' words for it. */
  readonly alternatives: readonly string[];
}

/**
 * Splits a normalised query (lower case, single spaces, Simplified) into parts: question phrases
 * and trailing particles removed, each everyday word a part of its own with its guide words.
 */
export function understandPhrasing(normalized: string): PhrasePart[] {
  const parts: PhrasePart[] = [];
  for (const word of normalized.split(' ')) {
    for (const piece of withoutQuestions(word)) parts.push(...everydayParts(piece));
  }
  return parts;
}

function withoutQuestions(word: string): string[] {
  let pieces = [word];
  for (const phrase of QUESTION_PHRASES) pieces = pieces.flatMap((piece) => piece.split(phrase));
  return pieces.map((piece) => piece.replace(TRAILING_PARTICLES, '')).filter((piece) => piece.length > 0);
}

function everydayParts(piece: string): PhrasePart[] {
  for (const [said, guideWords] of EVERYDAY_WORDS) {
    const at = piece.indexOf(said);
    if (at < 0) continue;
    const before = piece.slice(0, at).replace(TRAILING_PARTICLES, '');
    const after = piece.slice(at + said.length);
    return [
      ...(before ? everydayParts(before) : []),
      { alternatives: [said, ...guideWords] },
      ...(after ? everydayParts(after) : []),
    ];
  }
  return [{ alternatives: [piece] }];
}
