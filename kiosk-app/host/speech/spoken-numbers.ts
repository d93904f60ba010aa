/**
 * Numbers in guide text written out as people say them, before the text is read aloud: 30日内 →
 * 三十日内, 8:30-11:30 → 八点三十到十一点三十, 20元 → 二十元, 2024年 → 二零二四年, 50% → 百分之五十,
 * and telephone numbers digit by digit with 1 said 幺 (0710-86231201 → 零七幺零，八六二三幺二零幺),
 * as hotlines are announced. Pure.
 */

const DIGIT = '零一二三四五六七八九';
const PHONE_DIGIT = '零幺二三四五六七八九';
/** Within a group of four: 千, 百, 十 and units. */
const SMALL_UNITS = ['千', '百', '十', ''];
/** Groups of four digits: units, 万, 亿. */
const GROUP_UNITS = ['', '万', '亿'];

/** A number in figures with more digits than this is read digit by digit (a code, not an amount). */
const MAX_CARDINAL_DIGITS = 12;

/** 012 → 零一二: a code said figure by figure (a queue number, a year). */
export const digitByDigit = (digits: string, table = DIGIT) =>
  digits.replace(/[0-9]/g, (digit) => table[Number(digit)]!);

/** 0 → 零, 30 → 三十, 105 → 一百零五, 2000 → 两千, 12345 → 一万两千三百四十五. */
export function cardinal(figures: string): string {
  const digits = figures.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_CARDINAL_DIGITS) return digitByDigit(digits);
  if (/^0+$/.test(digits)) return '零';
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  let spoken = '';
  let zeroPending = false;
  groups.forEach((group, index) => {
    const unit = GROUP_UNITS[groups.length - 1 - index] ?? '';
    if (/^0+$/.test(group)) {
      zeroPending = spoken !== '';
      return;
    }
    if (spoken !== '' && (zeroPending || group.length < 4 || group.startsWith('0'))) spoken += '零';
    spoken += smallGroup(group.padStart(index === 0 ? group.length : 4, '0'), spoken === '') + unit;
    zeroPending = false;
  });
  return spoken;
}

/** One group of up to four digits; `leading` when nothing is said before it (10 → 十, not 一十). */
function smallGroup(group: string, leading: boolean): string {
  const padded = group.padStart(4, '0');
  let spoken = '';
  let zero = false;
  for (let at = 0; at < 4; at++) {
    const digit = Number(padded[at]);
    const unit = SMALL_UNITS[at]!;
    if (digit === 0) {
      zero = spoken !== '';
      continue;
    }
    if (zero) spoken += '零';
    zero = false;
    const isTen = unit === '十';
    if (isTen && digit === 1 && leading && spoken === '') spoken += '十';
    else if (digit === 2 && (unit === '千' || unit === '百') && spoken === '' && leading) spoken += `两${unit}`;
    else spoken += DIGIT[digit] + unit;
  }
  return spoken;
}

/** 3.5 → 三点五; 1,200 → 一千二百. */
function amount(figures: string): string {
  const [whole = '0', fraction = ''] = figures.replace(/,/g, '').split('.');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${cardinal(whole)}点${digitByDigit(decimals)}` : cardinal(whole);
}

/** 8:30 → 八点三十, 9:00 → 九点, 8:05 → 八点零五. */
function clockTime(hours: string, minutes: string): string {
  const minute = Number(minutes);
  const spokenMinutes = minute === 0 ? '' : minute < 10 ? `零${DIGIT[minute]}` : cardinal(minutes);
  return `${cardinal(hours)}点${spokenMinutes}`;
}

const TIME = String.raw`([01]?\d|2[0-3])[:：]([0-5]\d)`;
const RANGE_MARK = String.raw`\s*[-－—–~～至]\s*`;
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** Rules, first match wins at each place in the text. */
const RULES: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  // Telephone numbers: an area code and a number, a mobile number, or a short hotline after 电话/热线/拨打.
  [
    /0\d{2,3}[-－]\d{7,8}(?:[-－]\d{1,5})?/y,
    (match) =>
      match
        .split(/[-－]/)
        .map((part) => digitByDigit(part, PHONE_DIGIT))
        .join('，'),
  ],
  [/1[3-9]\d{9}(?!\d)/y, (match) => digitByDigit(match, PHONE_DIGIT)],
  [/(?<=电话|热线|拨打|致电|服务号码)[：:\s]*\d{3,8}(?![\d－-])/y, (match) => digitByDigit(match, PHONE_DIGIT)],
  // Clock times and their ranges: 8:30-11:30.
  [
    new RegExp(`${TIME}${RANGE_MARK}${TIME}`, 'y'),
    (_m, h1, m1, h2, m2) => `${clockTime(h1!, m1!)}到${clockTime(h2!, m2!)}`,
  ],
  [new RegExp(TIME, 'y'), (_m, hours, minutes) => clockTime(hours!, minutes!)],
  // Dates: 2024-06-01, 2024年6月1日 (years digit by digit).
  [
    /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/y,
    (_m, y, mo, d) => `${digitByDigit(y!)}年${cardinal(mo!)}月${cardinal(d!)}日`,
  ],
  [/(\d{4})(?=年)/y, (_m, year) => digitByDigit(year!)],
  // Percentages: 50% → 百分之五十.
  [new RegExp(`(${NUMBER})[%％]`, 'y'), (_m, figures) => `百分之${amount(figures!)}`],
  // Ranges of amounts: 3-5个工作日 → 三到五个工作日.
  [new RegExp(`(${NUMBER})${RANGE_MARK}(${NUMBER})`, 'y'), (_m, from, to) => `${amount(from!)}到${amount(to!)}`],
  // Money with a sign: ¥20 → 二十元.
  [new RegExp(`[¥￥](${NUMBER})`, 'y'), (_m, figures) => `${amount(figures!)}元`],
  [new RegExp(NUMBER, 'y'), (figures) => amount(figures)],
];

export function spokenNumbers(text: string): string {
  let spoken = '';
  let at = 0;
  outer: while (at < text.length) {
    if (/[\d¥￥]/.test(text[at]!) || (at > 0 && /[：:\s]/.test(text[at]!))) {
      for (const [pattern, say] of RULES) {
        pattern.lastIndex = at;
        const match = pattern.exec(text);
        if (match && match.index === at && match[0].length > 0) {
          spoken += say(...match);
          at += match[0].length;
          continue outer;
        }
      }
    }
    spoken += text[at];
    at++;
  }
  return spoken;
}
