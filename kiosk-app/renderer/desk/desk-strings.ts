/** The clerk desk's words in each interface language, and what each error means to a clerk. */
import {
  GUIDE_CATEGORY_NAMES,
  LinliError,
  type ConsultationCategory,
  type ConsultationOutcome,
  type Locale,
} from '@linli/protocol';

export interface DeskStrings {
  deskTitle: string;
  signInTitle: string;
  signInLead: string;
  username: string;
  password: string;
  totp: string;
  signIn: string;
  signingIn: string;
  pinTitle: string;
  pinLead: string;
  pin: string;
  pinAgain: string;
  pinMismatch: string;
  pinShape: string;
  savePin: string;
  lockedTitle: (name: string) => string;
  lockedLead: string;
  unlock: string;
  switchClerk: string;
  serving: (name: string, place: string) => string;
  lock: string;
  signOut: string;
  tabServices: string;
  tabLedger: string;
  todayMine: (consultations: number, answered: number, forwarded: number, prints: number) => string;
  todayHere: (consultations: number, prints: number) => string;
  ledgerTitle: string;
  topic: string;
  topicHint: string;
  category: string;
  categories: Record<ConsultationCategory, string>;
  outcome: string;
  outcomes: Record<ConsultationOutcome, string>;
  forwardedTo: string;
  forwardedToHint: string;
  residentName: string;
  residentPhone: string;
  residentHint: string;
  record: string;
  recorded: string;
  recentTitle: string;
  noneYet: string;
  errors: {
    badCredentials: string;
    locked: string;
    disabled: string;
    totpRequired: string;
    totpWrong: string;
    notHere: string;
    pinWrong: (left: string) => string;
    signedOut: string;
    serverDown: string;
    topicBlank: string;
    forwardedTo: string;
    phone: string;
    other: string;
  };
}

const zhHans: DeskStrings = {
  deskTitle: '社区查询服务台',
  signInTitle: '查询员登录',
  signInLead: '请用您在管理平台的账号登录，登录后为居民查询、打印表格、查缴水电气并记录咨询台账。',
  username: '用户名',
  password: '密码',
  totp: '动态验证码',
  signIn: '登录',
  signingIn: '正在登录…',
  pinTitle: '设置暂离密码',
  pinLead: '离开座位后本机会自动锁定，回来时输入这个 4 至 6 位数字密码即可继续，不必重新登录。',
  pin: '暂离密码',
  pinAgain: '再输入一次',
  pinMismatch: '两次输入的密码不一样',
  pinShape: '请输入 4 至 6 位数字',
  savePin: '保存并开始服务',
  lockedTitle: (name) => `${name} 已暂离，本机已锁定`,
  lockedLead: '请输入暂离密码继续服务。',
  unlock: '解锁',
  switchClerk: '换人登录',
  serving: (name, place) => `${name} · ${place}`,
  lock: '暂离锁定',
  signOut: '退出登录',
  tabServices: '为居民办理',
  tabLedger: '咨询台账',
  todayMine: (c, a, f, p) => `我今天：咨询 ${c}（当场解答 ${a}，转办 ${f}），打印 ${p}`,
  todayHere: (c, p) => `本社区今天：咨询 ${c}，打印 ${p}`,
  ledgerTitle: '记录一次咨询',
  topic: '咨询事项',
  topicHint: '居民问了什么，一句话写清楚',
  category: '类别',
  categories: {
    ...GUIDE_CATEGORY_NAMES['zh-Hans'],
    bills: '水电气缴费',
    complaint: '投诉建议',
    other: '其他',
  },
  outcome: '处理结果',
  outcomes: { answered: '当场解答', forwarded: '已转办' },
  forwardedTo: '转办至',
  forwardedToHint: '如：12345 市民热线、街道社会事务办',
  residentName: '居民姓名（选填）',
  residentPhone: '联系电话（选填）',
  residentHint: '保存时只留打码后的姓名和电话（如 张*三、138****5678）',
  record: '记入台账',
  recorded: '已记入台账',
  recentTitle: '我今天记录的咨询',
  noneYet: '今天还没有记录',
  errors: {
    badCredentials: '用户名或密码不正确',
    locked: '连续输错次数过多，账号已暂时锁定，请 15 分钟后再试或联系管理员',
    disabled: '此账号已停用，请联系管理员',
    totpRequired: '请输入手机上的动态验证码',
    totpWrong: '动态验证码不正确',
    notHere: '您的账号不能在这台查询电脑上服务（只能在本人所在的社区或网格）',
    pinWrong: (left) => `暂离密码不正确，还可以再试 ${left} 次`,
    signedOut: '已退出登录，请重新登录',
    serverDown: '暂时连不上服务器，请稍后再试',
    topicBlank: '请填写咨询事项',
    forwardedTo: '请填写转办到哪里',
    phone: '请填写 11 位手机号或带区号的固定电话',
    other: '没有成功，请稍后再试',
  },
};

const zhHant: DeskStrings = {
  ...zhHans,
  deskTitle: '社區查詢服務台',
  signInTitle: '查詢員登入',
  signInLead: '請用您在管理平台的帳號登入，登入後為居民查詢、列印表格、查繳水電氣並記錄諮詢台帳。',
  username: '使用者名稱',
  password: '密碼',
  totp: '動態驗證碼',
  signIn: '登入',
  signingIn: '正在登入…',
  pinTitle: '設定暫離密碼',
  pinLead: '離開座位後本機會自動鎖定，回來時輸入這個 4 至 6 位數字密碼即可繼續，不必重新登入。',
  pin: '暫離密碼',
  pinAgain: '再輸入一次',
  pinMismatch: '兩次輸入的密碼不一樣',
  pinShape: '請輸入 4 至 6 位數字',
  savePin: '儲存並開始服務',
  lockedTitle: (name) => `${name} 已暫離，本機已鎖定`,
  lockedLead: '請輸入暫離密碼繼續服務。',
  unlock: '解鎖',
  switchClerk: '換人登入',
  lock: '暫離鎖定',
  signOut: '登出',
  tabServices: '為居民辦理',
  tabLedger: '諮詢台帳',
  todayMine: (c, a, f, p) => `我今天：諮詢 ${c}（當場解答 ${a}，轉辦 ${f}），列印 ${p}`,
  todayHere: (c, p) => `本社區今天：諮詢 ${c}，列印 ${p}`,
  ledgerTitle: '記錄一次諮詢',
  topic: '諮詢事項',
  topicHint: '居民問了什麼，一句話寫清楚',
  category: '類別',
  categories: {
    ...GUIDE_CATEGORY_NAMES['zh-Hant'],
    bills: '水電氣繳費',
    complaint: '投訴建議',
    other: '其他',
  },
  outcome: '處理結果',
  outcomes: { answered: '當場解答', forwarded: '已轉辦' },
  forwardedTo: '轉辦至',
  forwardedToHint: '如：12345 市民熱線、街道社會事務辦',
  residentName: '居民姓名（選填）',
  residentPhone: '聯絡電話（選填）',
  residentHint: '儲存時只留遮蔽後的姓名和電話（如 張*三、138****5678）',
  record: '記入台帳',
  recorded: '已記入台帳',
  recentTitle: '我今天記錄的諮詢',
  noneYet: '今天還沒有記錄',
  errors: {
    badCredentials: '使用者名稱或密碼不正確',
    locked: '連續輸錯次數過多，帳號已暫時鎖定，請 15 分鐘後再試或聯絡管理員',
    disabled: '此帳號已停用，請聯絡管理員',
    totpRequired: '請輸入手機上的動態驗證碼',
    totpWrong: '動態驗證碼不正確',
    notHere: '您的帳號不能在這台查詢電腦上服務（只能在本人所在的社區或網格）',
    pinWrong: (left) => `暫離密碼不正確，還可以再試 ${left} 次`,
    signedOut: '已登出，請重新登入',
    serverDown: '暫時連不上伺服器，請稍後再試',
    topicBlank: '請填寫諮詢事項',
    forwardedTo: '請填寫轉辦到哪裡',
    phone: '請填寫 11 位手機號碼或帶區號的市內電話',
    other: '沒有成功，請稍後再試',
  },
};

const en: DeskStrings = {
  deskTitle: 'Community service desk',
  signInTitle: 'Clerk sign-in',
  signInLead:
    'Sign in with your admin account to look things up, print forms and check bills for residents, and keep the consultation ledger.',
  username: 'User name',
  password: 'Password',
  totp: 'Authenticator code',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  pinTitle: 'Choose a PIN for breaks',
  pinLead: 'The desk locks when you step away; this 4 to 6 digit PIN opens it again without signing in anew.',
  pin: 'PIN',
  pinAgain: 'PIN again',
  pinMismatch: 'The two PINs differ',
  pinShape: 'Enter 4 to 6 digits',
  savePin: 'Save and start',
  lockedTitle: (name) => `${name} stepped away; the desk is locked`,
  lockedLead: 'Enter your PIN to go on.',
  unlock: 'Unlock',
  switchClerk: 'Another clerk',
  serving: (name, place) => `${name} · ${place}`,
  lock: 'Lock for a break',
  signOut: 'Sign out',
  tabServices: 'Serve a resident',
  tabLedger: 'Consultation ledger',
  todayMine: (c, a, f, p) => `Me today: ${c} consultations (${a} answered, ${f} forwarded), ${p} printed`,
  todayHere: (c, p) => `Here today: ${c} consultations, ${p} printed`,
  ledgerTitle: 'Record a consultation',
  topic: 'Question',
  topicHint: 'What the resident asked, in a sentence',
  category: 'Category',
  categories: {
    ...GUIDE_CATEGORY_NAMES.en,
    bills: 'Bills and payments',
    complaint: 'Complaint or suggestion',
    other: 'Other',
  },
  outcome: 'Outcome',
  outcomes: { answered: 'Answered on the spot', forwarded: 'Forwarded' },
  forwardedTo: 'Forwarded to',
  forwardedToHint: 'e.g. the 12345 hotline, the street office',
  residentName: "Resident's name (optional)",
  residentPhone: 'Phone (optional)',
  residentHint: 'Only masked forms are kept (e.g. 张*三, 138****5678)',
  record: 'Record',
  recorded: 'Recorded in the ledger',
  recentTitle: 'My consultations today',
  noneYet: 'None recorded today',
  errors: {
    badCredentials: 'Wrong user name or password',
    locked: 'Too many failed sign-ins: the account is locked for 15 minutes; or ask an administrator',
    disabled: 'This account is disabled; ask an administrator',
    totpRequired: 'Enter the code from your authenticator app',
    totpWrong: 'Wrong authenticator code',
    notHere: 'Your account cannot serve at this desk (only in your own community or grid)',
    pinWrong: (left) => `Wrong PIN; ${left} tries left`,
    signedOut: 'You were signed out; sign in again',
    serverDown: 'The server cannot be reached now; try again later',
    topicBlank: 'Say what was asked',
    forwardedTo: 'Say where it was forwarded',
    phone: 'An 11-digit mobile number or a landline with its area code',
    other: 'That did not work; try again later',
  },
};

export const DESK_STRINGS: Record<Locale, DeskStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** The field an error concerns, and the sentence for it: the code decides. */
export function deskErrorOf(t: DeskStrings, error: unknown): { field: string; text: string } {
  const coded = error instanceof LinliError ? error : undefined;
  switch (coded?.code) {
    case 'BAD_CREDENTIALS':
      return { field: 'password', text: t.errors.badCredentials };
    case 'ACCOUNT_LOCKED':
      return { field: 'password', text: t.errors.locked };
    case 'ACCOUNT_DISABLED':
      return { field: 'username', text: t.errors.disabled };
    case 'TOTP_REQUIRED':
      return { field: 'totp', text: t.errors.totpRequired };
    case 'TOTP_WRONG':
      return { field: 'totp', text: t.errors.totpWrong };
    case 'FORBIDDEN':
      return { field: 'username', text: t.errors.notHere };
    case 'DESK_PIN_WRONG':
      return { field: 'pin', text: t.errors.pinWrong(coded.details?.[0]?.message ?? '') };
    case 'UNAUTHENTICATED':
      return { field: 'form', text: t.errors.signedOut };
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return { field: 'form', text: t.errors.serverDown };
    case 'VALIDATION_FAILED': {
      const path = coded.details?.[0]?.path ?? '';
      if (path === '/topic') return { field: 'topic', text: t.errors.topicBlank };
      if (path === '/forwardedTo') return { field: 'forwardedTo', text: t.errors.forwardedTo };
      if (path === '/residentPhone') return { field: 'residentPhone', text: t.errors.phone };
      return { field: 'form', text: t.errors.other };
    }
    default:
      return { field: 'form', text: t.errors.other };
  }
}
