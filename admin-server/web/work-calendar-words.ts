/** What the 工作日历 page says, and how a year's days lie in its months (pure). */
import { workCalendar, type Locale, type WorkCalendarYear } from '@linli/protocol';

/** off: a public holiday; makeUp: a weekend day worked (调休); weekend and work: as usual. */
export type DayKind = 'off' | 'makeUp' | 'weekend' | 'work';

export interface MonthDays {
  month: number;
  /** Blank cells before the 1st, the week starting on Monday. */
  lead: number;
  days: { date: string; day: number; kind: DayKind; holiday?: string }[];
}

/** The twelve months of a year as the draft counts them, and how many working days it has. */
export function yearDays(draft: WorkCalendarYear): { months: MonthDays[]; workingDays: number } {
  const calendar = workCalendar([draft]);
  const holidayOf = new Map<string, string>();
  for (const holiday of draft.holidays)
    for (
      let time = Date.parse(`${holiday.from}T00:00:00Z`);
      time <= Date.parse(`${holiday.to}T00:00:00Z`);
      time += 86_400_000
    )
      holidayOf.set(new Date(time).toISOString().slice(0, 10), holiday.name);
  const makeUp = new Set(draft.makeUpWorkdays);
  let workingDays = 0;
  const months = Array.from({ length: 12 }, (_, index): MonthDays => {
    const first = new Date(Date.UTC(draft.year, index, 1));
    const length = new Date(Date.UTC(draft.year, index + 1, 0)).getUTCDate();
    const days = Array.from({ length }, (_, at) => {
      const date = new Date(Date.UTC(draft.year, index, at + 1)).toISOString().slice(0, 10);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const working = calendar.isWorkingDay(date);
      if (working) workingDays++;
      const kind: DayKind = makeUp.has(date)
        ? 'makeUp'
        : holidayOf.has(date)
          ? 'off'
          : weekday === 0 || weekday === 6
            ? 'weekend'
            : 'work';
      const holiday = holidayOf.get(date);
      return { date, day: at + 1, kind, ...(holiday && { holiday }) };
    });
    return { month: index + 1, lead: (first.getUTCDay() + 6) % 7, days };
  });
  return { months, workingDays };
}

interface WorkCalendarWords {
  title: string;
  hint: string;
  appliesToNew: string;
  origins: Record<'shipped' | 'edited', string>;
  editedBy: (who: string, when: string) => string;
  addYear: string;
  unsaved: string;
  source: string;
  sourceHint: string;
  holidays: string;
  holidayName: string;
  from: string;
  to: string;
  addHoliday: string;
  makeUpDays: string;
  makeUpHint: string;
  addMakeUpDay: string;
  remove: string;
  save: string;
  saved: (year: number) => string;
  revert: string;
  confirmRevert: (year: number) => string;
  reverted: (year: number) => string;
  dropYear: string;
  confirmDrop: (year: number) => string;
  dropped: (year: number) => string;
  workingDays: (n: number) => string;
  kinds: Record<DayKind, string>;
  months: readonly string[];
  weekdays: readonly string[];
  /** The server's own checks of a calendar, by what they say. */
  problems: {
    notADate: string;
    notInYear: (year: string) => string;
    endsBeforeBegins: string;
    inTwoHolidays: (date: string) => string;
    weekdayMadeUp: string;
    withinHoliday: string;
    yearMustBe: (year: string) => string;
  };
}

export const WORK_CALENDAR_WORDS: Record<Locale, WorkCalendarWords> = {
  'zh-Hans': {
    title: '工作日历',
    hint: '诉求的签收、答复、办结期限按工作日计算：周一至周五，除去法定节假日，加上调休上班日。国务院每年公布次年安排后，请在此录入。',
    appliesToNew: '修改只影响此后受理的诉求；已受理诉求的期限不变。',
    origins: { shipped: '随系统提供', edited: '已修改' },
    editedBy: (who, when) => `${who} 于 ${when} 修改`,
    addYear: '添加年份',
    unsaved: '未保存',
    source: '依据',
    sourceHint: '例如：国务院办公厅关于 2027 年部分节假日安排的通知',
    holidays: '法定节假日（放假日期）',
    holidayName: '名称',
    from: '开始',
    to: '结束',
    addHoliday: '添加节假日',
    makeUpDays: '调休上班日',
    makeUpHint: '周末上班的日子',
    addMakeUpDay: '添加调休上班日',
    remove: '删除',
    save: '保存',
    saved: (year) => `${year} 年工作日历已保存，此后受理的诉求按新日历计算期限`,
    revert: '恢复为系统提供的安排',
    confirmRevert: (year) => `放弃对 ${year} 年的修改，恢复为系统提供的安排？`,
    reverted: (year) => `${year} 年已恢复为系统提供的安排`,
    dropYear: '删除此年份',
    confirmDrop: (year) => `删除 ${year} 年的日历？删除后该年按周一至周五计算工作日。`,
    dropped: (year) => `${year} 年的日历已删除`,
    workingDays: (n) => `全年 ${n} 个工作日`,
    kinds: { off: '放假', makeUp: '调休上班', weekend: '周末', work: '工作日' },
    months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    problems: {
      notADate: '不是有效日期',
      notInYear: (year) => `不在 ${year} 年内`,
      endsBeforeBegins: '结束日期早于开始日期',
      inTwoHolidays: (date) => `${date} 同时属于两个节假日`,
      weekdayMadeUp: '只有周末才能设为调休上班日',
      withinHoliday: '这一天在节假日之内',
      yearMustBe: (year) => `年份应为 ${year}`,
    },
  },
  'zh-Hant': {
    title: '工作日曆',
    hint: '訴求的簽收、答覆、辦結期限按工作日計算：週一至週五，除去法定節假日，加上調休上班日。國務院每年公佈次年安排後，請在此錄入。',
    appliesToNew: '修改只影響此後受理的訴求；已受理訴求的期限不變。',
    origins: { shipped: '隨系統提供', edited: '已修改' },
    editedBy: (who, when) => `${who} 於 ${when} 修改`,
    addYear: '新增年份',
    unsaved: '未儲存',
    source: '依據',
    sourceHint: '例如：國務院辦公廳關於 2027 年部分節假日安排的通知',
    holidays: '法定節假日（放假日期）',
    holidayName: '名稱',
    from: '開始',
    to: '結束',
    addHoliday: '新增節假日',
    makeUpDays: '調休上班日',
    makeUpHint: '週末上班的日子',
    addMakeUpDay: '新增調休上班日',
    remove: '刪除',
    save: '儲存',
    saved: (year) => `${year} 年工作日曆已儲存，此後受理的訴求按新日曆計算期限`,
    revert: '恢復為系統提供的安排',
    confirmRevert: (year) => `放棄對 ${year} 年的修改，恢復為系統提供的安排？`,
    reverted: (year) => `${year} 年已恢復為系統提供的安排`,
    dropYear: '刪除此年份',
    confirmDrop: (year) => `刪除 ${year} 年的日曆？刪除後該年按週一至週五計算工作日。`,
    dropped: (year) => `${year} 年的日曆已刪除`,
    workingDays: (n) => `全年 ${n} 個工作日`,
    kinds: { off: '放假', makeUp: '調休上班', weekend: '週末', work: '工作日' },
    months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    problems: {
      notADate: '不是有效日期',
      notInYear: (year) => `不在 ${year} 年內`,
      endsBeforeBegins: '結束日期早於開始日期',
      inTwoHolidays: (date) => `${date} 同時屬於兩個節假日`,
      weekdayMadeUp: '只有週末才能設為調休上班日',
      withinHoliday: '這一天在節假日之內',
      yearMustBe: (year) => `年份應為 ${year}`,
    },
  },
  en: {
    title: 'Working-day calendar',
    hint: 'Case limits to sign for, reply and close count working days: Monday to Friday, less the public holidays, plus the weekend days worked instead (调休). Enter each year when the State Council announces it.',
    appliesToNew: 'A change applies to cases received after it; the limits of cases already received stay.',
    origins: { shipped: 'shipped', edited: 'edited' },
    editedBy: (who, when) => `edited by ${who} on ${when}`,
    addYear: 'Add a year',
    unsaved: 'not saved',
    source: 'Source',
    sourceHint: "e.g. the State Council General Office's notice on the 2027 holidays",
    holidays: 'Public holidays (days off)',
    holidayName: 'Name',
    from: 'From',
    to: 'To',
    addHoliday: 'Add a holiday',
    makeUpDays: 'Make-up workdays',
    makeUpHint: 'weekend days worked',
    addMakeUpDay: 'Add a make-up workday',
    remove: 'Remove',
    save: 'Save',
    saved: (year) => `The ${year} calendar is saved; cases received from now on count in it`,
    revert: 'Go back to the shipped calendar',
    confirmRevert: (year) => `Drop your changes to ${year} and go back to the shipped calendar?`,
    reverted: (year) => `${year} is back to the shipped calendar`,
    dropYear: 'Remove this year',
    confirmDrop: (year) => `Remove the ${year} calendar? That year then counts Monday to Friday.`,
    dropped: (year) => `The ${year} calendar is removed`,
    workingDays: (n) => `${n} working days in the year`,
    kinds: { off: 'Day off', makeUp: 'Make-up workday', weekend: 'Weekend', work: 'Working day' },
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    weekdays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
    problems: {
      notADate: 'is not a date',
      notInYear: (year) => `is not in ${year}`,
      endsBeforeBegins: 'ends before it begins',
      inTwoHolidays: (date) => `${date} is in two holidays`,
      weekdayMadeUp: 'only a weekend day can be a make-up workday',
      withinHoliday: 'this day is within a holiday',
      yearMustBe: (year) => `must be ${year}`,
    },
  },
};

/** The server's message about a calendar in the user's words (the server writes them in protocol's working-days). */
export function calendarProblem(words: WorkCalendarWords, message: string): string {
  const { problems } = words;
  let m: RegExpExecArray | null;
  if (/ is not a date$/.test(message)) return problems.notADate;
  if ((m = / is not in (\d{4})$/.exec(message))) return problems.notInYear(m[1]!);
  if (/^ends before it begins/.test(message)) return problems.endsBeforeBegins;
  if ((m = /^(\S+) is in two holidays$/.exec(message))) return problems.inTwoHolidays(m[1]!);
  if (/ is a weekday: only a weekend day is made up$/.test(message)) return problems.weekdayMadeUp;
  if (/ is within a holiday$/.test(message)) return problems.withinHoliday;
  if ((m = /^must be (\d{4})$/.exec(message))) return problems.yearMustBe(m[1]!);
  return message;
}
