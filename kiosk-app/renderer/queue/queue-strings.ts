/** 排队取号 in each interface language: the screens' words, why a business gives no ticket, and what each error means. */
import { LinliError, QUEUE_REFUSALS, type Locale, type QueueRefusal, type TimeWindow } from '@linli/protocol';

export interface QueueStrings {
  title: string;
  tileHint: string;
  chooseBusiness: string;
  waiting: (count: number) => string;
  wait: (minutes: number) => string;
  refusals: Record<Exclude<QueueRefusal, 'outside-hours'>, string>;
  /** Outside the hours that give tickets: today's hours, or none today. */
  outsideHours: (hoursToday: string) => string;
  noHoursToday: string;
  /** 08:30–12:00、13:30–17:30 */
  hours: (windows: readonly TimeWindow[]) => string;
  priorityTitle: string;
  priorityLead: (age: number) => string;
  byIdCard: string;
  cardNote: string;
  withoutCard: string;
  taking: string;
  yourNumber: string;
  priority: string;
  business: string;
  before: string;
  people: (count: number) => string;
  estimated: string;
  minutes: (minutes: number) => string;
  scanToFollow: string;
  notElder: (age: number) => string;
  printing: string;
  printed: string;
  noPrinter: string;
  reprint: string;
  another: string;
  done: string;
  retry: string;
  checkIn: string;
  checkInLead: string;
  codeLabel: string;
  codeHint: string;
  checkInSubmit: string;
  checkInByCard: string;
  checkInCardNote: string;
  clear: string;
  deleteDigit: string;
  /** Why a booking gives no ticket now; `slot`: 2026-03-11 08:30. */
  bookingErrors: { notFound: string; early: (slot: string) => string; late: (slot: string) => string };
  printErrors: { paperOut: string; coverOpen: string; printer: string; other: string };
  errors: { serverDown: string; noHall: string; cardAgain: string; other: string };
}

const zhHans: QueueStrings = {
  title: '排队取号',
  tileHint: '选业务、取号，看前面还有几人',
  chooseBusiness: '请选择要办理的业务',
  waiting: (count) => `等候 ${count} 人`,
  wait: (minutes) => (minutes === 0 ? '无需等待' : `约 ${minutes} 分钟`),
  refusals: { closed: '暂停取号', holiday: '节假日不办公', full: '今日号已取完' },
  outsideHours: (hoursToday) => `不在取号时间，今天 ${hoursToday}`,
  noHoursToday: '今天不取号',
  hours: (windows) => windows.map((window) => `${window.from}–${window.to}`).join('、'),
  priorityTitle: '老年人优先',
  priorityLead: (age) => `年满 ${age} 周岁的居民，读取身份证后优先办理`,
  byIdCard: '读取身份证（老年人优先）',
  cardNote: '身份证只用来核对年龄，不保存，也不发送',
  withoutCard: '不读卡，直接取号',
  taking: '正在取号…',
  yourNumber: '您的号码',
  priority: '优先',
  business: '办理业务',
  before: '您前面还有',
  people: (count) => `${count} 人`,
  estimated: '预计等候',
  minutes: (minutes) => (minutes === 0 ? '即将叫号' : `约 ${minutes} 分钟`),
  scanToFollow: '扫码查看排队进度',
  notElder: (age) => `身份证显示您未满 ${age} 周岁，已按普通顺序取号`,
  printing: '正在打印排队凭条…',
  printed: '凭条已打印，请在出纸口取走，留意叫号',
  noPrinter: '本机没有凭条打印机，请记住您的号码，或用手机扫码查看排队进度',
  reprint: '重新打印',
  another: '再取一个号',
  done: '完成',
  retry: '重试',
  checkIn: '预约签到',
  checkInLead: '已在网上预约的居民，请输入预约码或读取身份证签到取号，预约号优先叫号',
  codeLabel: '预约码（8 位数字）',
  codeHint: '预约成功后页面上显示的 8 位数字',
  checkInSubmit: '签到取号',
  checkInByCard: '读取身份证签到',
  checkInCardNote: '身份证号只用来查找您的预约，不保存',
  clear: '清空',
  deleteDigit: '删除',
  bookingErrors: {
    notFound: '没有找到这个预约：请核对预约码，或确认预约的是本服务大厅',
    early: (slot) => `还没到签到时间：您预约的是 ${slot}，可提前 30 分钟签到`,
    late: (slot) => `已过签到时间（预约 ${slot}，开始后 15 分钟内签到），请直接取号`,
  },
  printErrors: {
    paperOut: '打印机缺纸，凭条没有打出。号码已取到，请记住它或用手机扫码；工作人员加纸后可重新打印',
    coverOpen: '打印机盖没有关好，凭条没有打出。号码已取到，请记住它或用手机扫码；盖好后可重新打印',
    printer: '凭条打印机暂时不能用。号码已取到，请记住它或用手机扫码查看排队进度',
    other: '凭条没有打出。号码已取到，请重新打印，或记住您的号码',
  },
  errors: {
    serverDown: '暂时连不上服务器，没有取到号，请重试',
    noHall: '这里还没有开通排队取号，请到服务窗口咨询',
    cardAgain: '请重新读取身份证',
    other: '没有取到号，请重试或到服务窗口咨询',
  },
};

const zhHant: QueueStrings = {
  ...zhHans,
  title: '排隊取號',
  tileHint: '選業務、取號，看前面還有幾人',
  chooseBusiness: '請選擇要辦理的業務',
  waiting: (count) => `等候 ${count} 人`,
  wait: (minutes) => (minutes === 0 ? '無需等待' : `約 ${minutes} 分鐘`),
  refusals: { closed: '暫停取號', holiday: '節假日不辦公', full: '今日號已取完' },
  outsideHours: (hoursToday) => `不在取號時間，今天 ${hoursToday}`,
  noHoursToday: '今天不取號',
  priorityTitle: '老年人優先',
  priorityLead: (age) => `年滿 ${age} 週歲的居民，讀取身分證後優先辦理`,
  byIdCard: '讀取身分證（老年人優先）',
  cardNote: '身分證只用來核對年齡，不保存，也不傳送',
  withoutCard: '不讀卡，直接取號',
  taking: '正在取號…',
  yourNumber: '您的號碼',
  priority: '優先',
  business: '辦理業務',
  before: '您前面還有',
  estimated: '預計等候',
  minutes: (minutes) => (minutes === 0 ? '即將叫號' : `約 ${minutes} 分鐘`),
  scanToFollow: '掃碼查看排隊進度',
  notElder: (age) => `身分證顯示您未滿 ${age} 週歲，已按普通順序取號`,
  printing: '正在列印排隊憑條…',
  printed: '憑條已列印，請在出紙口取走，留意叫號',
  noPrinter: '本機沒有憑條印表機，請記住您的號碼，或用手機掃碼查看排隊進度',
  reprint: '重新列印',
  another: '再取一個號',
  retry: '重試',
  checkIn: '預約簽到',
  checkInLead: '已在網上預約的居民，請輸入預約碼或讀取身分證簽到取號，預約號優先叫號',
  codeLabel: '預約碼（8 位數字）',
  codeHint: '預約成功後頁面上顯示的 8 位數字',
  checkInSubmit: '簽到取號',
  checkInByCard: '讀取身分證簽到',
  checkInCardNote: '身分證號只用來查找您的預約，不保存',
  clear: '清空',
  deleteDigit: '刪除',
  bookingErrors: {
    notFound: '沒有找到這個預約：請核對預約碼，或確認預約的是本服務大廳',
    early: (slot) => `還沒到簽到時間：您預約的是 ${slot}，可提前 30 分鐘簽到`,
    late: (slot) => `已過簽到時間（預約 ${slot}，開始後 15 分鐘內簽到），請直接取號`,
  },
  printErrors: {
    paperOut: '印表機缺紙，憑條沒有印出。號碼已取到，請記住它或用手機掃碼；工作人員加紙後可重新列印',
    coverOpen: '印表機蓋沒有關好，憑條沒有印出。號碼已取到，請記住它或用手機掃碼；蓋好後可重新列印',
    printer: '憑條印表機暫時不能用。號碼已取到，請記住它或用手機掃碼查看排隊進度',
    other: '憑條沒有印出。號碼已取到，請重新列印，或記住您的號碼',
  },
  errors: {
    serverDown: '暫時連不上伺服器，沒有取到號，請重試',
    noHall: '這裡還沒有開通排隊取號，請到服務窗口諮詢',
    cardAgain: '請重新讀取身分證',
    other: '沒有取到號，請重試或到服務窗口諮詢',
  },
};

const en: QueueStrings = {
  title: 'Take a queue number',
  tileHint: 'Choose a service, see how many are waiting',
  chooseBusiness: 'Which service do you need?',
  waiting: (count) => `${count} waiting`,
  wait: (minutes) => (minutes === 0 ? 'no wait' : `about ${minutes} min`),
  refusals: {
    closed: 'Not taking numbers now',
    holiday: 'Closed for the public holiday',
    full: 'No numbers left today',
  },
  outsideHours: (hoursToday) => `Outside ticket hours; today ${hoursToday}`,
  noHoursToday: 'no numbers today',
  hours: (windows) => windows.map((window) => `${window.from}–${window.to}`).join(', '),
  priorityTitle: 'Priority for older residents',
  priorityLead: (age) => `Residents aged ${age} or over are served first once their ID card is read`,
  byIdCard: 'Read my ID card (priority for older residents)',
  cardNote: 'The card is only used to check your age; it is neither kept nor sent',
  withoutCard: 'Take a number without the card',
  taking: 'Taking a number…',
  yourNumber: 'Your number',
  priority: 'Priority',
  business: 'Service',
  before: 'Ahead of you',
  people: (count) => (count === 1 ? '1 person' : `${count} people`),
  estimated: 'Estimated wait',
  minutes: (minutes) => (minutes === 0 ? 'you will be called soon' : `about ${minutes} min`),
  scanToFollow: 'Scan to follow the queue on your phone',
  notElder: (age) => `Your ID card shows you are under ${age}, so your number is in the ordinary queue`,
  printing: 'Printing your ticket…',
  printed: 'Your ticket is printed; please take it from the slot and listen for your number',
  noPrinter: 'This kiosk has no ticket printer; please remember your number or scan the code to follow the queue',
  reprint: 'Print again',
  another: 'Take another number',
  done: 'Done',
  retry: 'Try again',
  checkIn: 'Booked? Check in',
  checkInLead:
    'If you booked online, enter your booking code or read your ID card to check in; booked numbers are called first',
  codeLabel: 'Booking code (8 digits)',
  codeHint: 'The 8 digits shown when you booked',
  checkInSubmit: 'Check in',
  checkInByCard: 'Check in with ID card',
  checkInCardNote: 'Your ID number is used only to find your booking and is not kept',
  clear: 'Clear',
  deleteDigit: 'Delete',
  bookingErrors: {
    notFound: 'No booking found: check the code, or whether you booked this hall',
    early: (slot) => `Too early: your slot is ${slot}; check-in opens 30 minutes before`,
    late: (slot) => `Too late to check in (slot ${slot}, up to 15 minutes after it begins); please take a number`,
  },
  printErrors: {
    paperOut:
      'The printer is out of paper and your ticket did not print. Your number is taken: remember it or scan the code; print it again once staff have added paper',
    coverOpen:
      'The printer cover is open and your ticket did not print. Your number is taken: remember it or scan the code; print it again once the cover is closed',
    printer:
      'The ticket printer cannot be used now. Your number is taken: remember it or scan the code to follow the queue',
    other: 'Your ticket did not print. Your number is taken: print it again, or remember it',
  },
  errors: {
    serverDown: 'The server cannot be reached, so no number was taken; please try again',
    noHall: 'Queue numbers are not offered here; please ask at the counter',
    cardAgain: 'Please read your ID card again',
    other: 'No number was taken; please try again or ask at the counter',
  },
};

export const QUEUE_STRINGS: Record<Locale, QueueStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** Why a business gives no ticket now, in words; outside the hours, with today's hours. */
export function refusalText(t: QueueStrings, refusal: QueueRefusal, hoursToday: readonly TimeWindow[]): string {
  if (refusal !== 'outside-hours') return t.refusals[refusal];
  return t.outsideHours(hoursToday.length > 0 ? t.hours(hoursToday) : t.noHoursToday);
}

/** The refusal a QUEUE_CLOSED names in its details (closed, outside-hours, holiday); closed when it names none. */
function refusalOf(error: LinliError): QueueRefusal {
  const named = error.details
    ?.map((detail) => detail.message)
    .find((message) => QUEUE_REFUSALS.includes(message as QueueRefusal));
  return (named as QueueRefusal | undefined) ?? 'closed';
}

/** What a resident is told when the offer or a ticket cannot be had: the code decides, never the raw message. */
export function queueErrorText(t: QueueStrings, error: unknown, hoursToday: readonly TimeWindow[] = []): string {
  if (!(error instanceof LinliError)) return t.errors.other;
  switch (error.code) {
    case 'QUEUE_CLOSED':
      return refusalText(t, refusalOf(error), hoursToday);
    case 'QUEUE_FULL':
      return t.refusals.full;
    case 'QUEUE_NO_HALL':
      return t.errors.noHall;
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return t.errors.serverDown;
    case 'VALIDATION_FAILED':
      return error.details?.some((detail) => detail.path === '/elderByIdCard' || detail.path === '/byIdCard')
        ? t.errors.cardAgain
        : t.errors.other;
    case 'APPOINTMENT_NOT_FOUND':
      return t.bookingErrors.notFound;
    case 'APPOINTMENT_TOO_EARLY':
      return t.bookingErrors.early(error.details?.[0]?.message ?? '');
    case 'APPOINTMENT_TOO_LATE':
      return t.bookingErrors.late(error.details?.[0]?.message ?? '');
    default:
      return t.errors.other;
  }
}

/** What a resident is told when the ticket does not print; the number stands whatever the printer does. */
export function queuePrintErrorText(t: QueueStrings, error: unknown): string {
  switch (error instanceof LinliError ? error.code : undefined) {
    case 'PRINTER_PAPER_OUT':
      return t.printErrors.paperOut;
    case 'PRINTER_COVER_OPEN':
      return t.printErrors.coverOpen;
    case 'PERIPHERAL_UNAVAILABLE':
    case 'PERIPHERAL_UNKNOWN':
      return t.printErrors.printer;
    default:
      return t.printErrors.other;
  }
}
