/** 我要咨询/投诉/建议/求助/举报 and 查询办理进度 in each interface language, and what each error means. */
import {
  LinliError,
  type CaseNature,
  type CasePublicState,
  type CaseSubmissionState,
  type Locale,
} from '@linli/protocol';

export interface CaseStrings {
  title: string;
  tileHint: string;
  /** The five ways in, as the resident says them (我要投诉). */
  iWant: Record<CaseNature, string>;
  wantHints: Record<CaseNature, string>;
  chooseNature: string;
  chooseCategory: string;
  otherIn: (parent: string) => string;
  lookUp: string;
  lookUpHint: string;
  describe: string;
  describeHint: string;
  location: string;
  locationHint: string;
  pickAddress: string;
  phone: string;
  phoneHint: string;
  /** 现场照片: the optional photo through the kiosk's camera. */
  photo: string;
  photoHint: string;
  takePhoto: string;
  retake: string;
  noPhoto: string;
  photoAlt: string;
  cameraTitle: string;
  cameraLead: string;
  cameraLabel: string;
  cameraStarting: string;
  photoSaving: string;
  cameraNone: string;
  cameraDenied: string;
  cameraBusy: string;
  tryAgain: string;
  continueWithout: string;
  optional: string;
  anonymous: string;
  anonymousNote: string;
  useCardName: (masked: string) => string;
  cardNameConsent: string;
  submit: string;
  sending: string;
  states: Record<CaseSubmissionState, string>;
  queuedNote: string;
  waitingFromEarlier: (count: number) => string;
  tracking: string;
  replyBy: string;
  keepTracking: string;
  printTicket: string;
  printingTicket: string;
  ticketPrinted: string;
  ticketFailed: string;
  another: string;
  done: string;
  edit: string;
  enterTracking: string;
  trackingHint: string;
  next: string;
  enterPhone4: string;
  phone4Hint: string;
  query: string;
  publicStates: Record<CasePublicState, string>;
  receivedAt: string;
  reply: string;
  clear: string;
  deleteDigit: string;
  errors: {
    emptyDescription: string;
    phone: string;
    notFound: string;
    tooMany: string;
    serverDown: string;
    category: string;
    photoTooLarge: string;
    photoType: string;
    other: string;
  };
}

const zhHans: CaseStrings = {
  title: '诉求服务',
  tileHint: '咨询 · 求助 · 投诉 · 举报 · 建议',
  iWant: {
    consultation: '我要咨询',
    help: '我要求助',
    complaint: '我要投诉',
    report: '我要举报',
    suggestion: '我要建议',
  },
  wantHints: {
    consultation: '政策、办事问题',
    help: '生活上遇到困难',
    complaint: '对服务或问题不满意',
    report: '违法违规、安全隐患',
    suggestion: '让社区更好的想法',
  },
  chooseNature: '请选择要办理的事项',
  chooseCategory: '请选择问题类别',
  otherIn: (parent) => `其他${parent}问题`,
  lookUp: '查询办理进度',
  lookUpHint: '凭受理编号和手机号后 4 位',
  describe: '请说明情况',
  describeHint: '发生了什么、从什么时候开始、希望怎样解决',
  location: '发生地点',
  locationHint: '例如：3号楼2单元、小区南门',
  pickAddress: '或直接选择楼栋单元：',
  phone: '联系电话',
  phoneHint: '用于回访和查询进度；屏幕上只显示部分号码',
  photo: '现场照片',
  photoHint: '可以拍一张现场照片，帮助工作人员了解情况；照片随诉求发送后，本机不保留',
  takePhoto: '拍照',
  retake: '重拍',
  noPhoto: '不要照片',
  photoAlt: '您拍的现场照片',
  cameraTitle: '拍摄现场照片',
  cameraLead: '请把要拍的东西对准摄像头，画面清楚后点“拍照”',
  cameraLabel: '摄像头画面',
  cameraStarting: '正在打开摄像头…',
  photoSaving: '正在保存照片…',
  cameraNone: '本机没有可用的摄像头。您可以不拍照，直接提交诉求。',
  cameraDenied: '摄像头没有开启使用权限。您可以不拍照，直接提交诉求。',
  cameraBusy: '摄像头暂时无法使用。您可以再试一次，或不拍照直接提交。',
  tryAgain: '再试一次',
  continueWithout: '不拍照，继续填写',
  optional: '选填',
  anonymous: '匿名提交（不留姓名和电话）',
  anonymousNote: '匿名提交后只能凭受理单上的二维码查询进度',
  useCardName: (masked) => `使用身份证上的姓名（${masked}）`,
  cardNameConsent: '姓名仅用于办理和回访，不会显示在屏幕上',
  submit: '提交',
  sending: '正在提交…',
  states: { queued: '已保存，等待提交', sent: '已受理', rejected: '未能受理' },
  queuedNote: '网络暂时不通。您的诉求已保存在本机，网络恢复后会自动提交，不会丢失。',
  waitingFromEarlier: (count) => `本机还有 ${count} 条诉求等待提交`,
  tracking: '受理编号',
  replyBy: '答复期限',
  keepTracking: '请记下受理编号，或打印受理单',
  printTicket: '打印受理单',
  printingTicket: '正在打印受理单…',
  ticketPrinted: '受理单已打印，请取走',
  ticketFailed: '受理单未能打印，请记下受理编号',
  another: '再提一件',
  done: '完成',
  edit: '返回修改',
  enterTracking: '请输入受理编号',
  trackingHint: '受理单上的 12 位数字',
  next: '下一步',
  enterPhone4: '请输入登记手机号的后 4 位',
  phone4Hint: '没有留手机号的，请用手机扫描受理单上的二维码',
  query: '查询',
  publicStates: {
    received: '已登记，等待受理',
    'not-accepted': '不予受理',
    'in-progress': '办理中',
    replied: '已答复',
    closed: '已办结',
  },
  receivedAt: '登记时间',
  reply: '答复内容',
  clear: '清空',
  deleteDigit: '删除一位',
  errors: {
    emptyDescription: '请写下要反映的情况',
    phone: '电话号码不正确：手机 11 位，固话带区号',
    notFound: '没有找到这条诉求，请核对受理编号和手机号后 4 位',
    tooMany: '查询次数过多，请 15 分钟后再试',
    serverDown: '暂时连不上服务器，请稍后再试',
    category: '这个类别已停用，请重新选择',
    photoTooLarge: '照片太大，请重拍一张或不要照片',
    photoType: '照片格式不对，请重拍一张或不要照片',
    other: '出了点问题，请稍后再试或咨询工作人员',
  },
};

const zhHant: CaseStrings = {
  title: '訴求服務',
  tileHint: '諮詢 · 求助 · 投訴 · 舉報 · 建議',
  iWant: {
    consultation: '我要諮詢',
    help: '我要求助',
    complaint: '我要投訴',
    report: '我要舉報',
    suggestion: '我要建議',
  },
  wantHints: {
    consultation: '政策、辦事問題',
    help: '生活上遇到困難',
    complaint: '對服務或問題不滿意',
    report: '違法違規、安全隱患',
    suggestion: '讓社區更好的想法',
  },
  chooseNature: '請選擇要辦理的事項',
  chooseCategory: '請選擇問題類別',
  otherIn: (parent) => `其他${parent}問題`,
  lookUp: '查詢辦理進度',
  lookUpHint: '憑受理編號和手機號後 4 位',
  describe: '請說明情況',
  describeHint: '發生了什麼、從什麼時候開始、希望怎樣解決',
  location: '發生地點',
  locationHint: '例如：3號樓2單元、小區南門',
  pickAddress: '或直接選擇樓棟單元：',
  phone: '聯絡電話',
  phoneHint: '用於回訪和查詢進度；螢幕上只顯示部分號碼',
  photo: '現場照片',
  photoHint: '可以拍一張現場照片，幫助工作人員了解情況；照片隨訴求發送後，本機不保留',
  takePhoto: '拍照',
  retake: '重拍',
  noPhoto: '不要照片',
  photoAlt: '您拍的現場照片',
  cameraTitle: '拍攝現場照片',
  cameraLead: '請把要拍的東西對準攝影機，畫面清楚後點「拍照」',
  cameraLabel: '攝影機畫面',
  cameraStarting: '正在開啟攝影機…',
  photoSaving: '正在儲存照片…',
  cameraNone: '本機沒有可用的攝影機。您可以不拍照，直接提交訴求。',
  cameraDenied: '攝影機沒有開啟使用權限。您可以不拍照，直接提交訴求。',
  cameraBusy: '攝影機暫時無法使用。您可以再試一次，或不拍照直接提交。',
  tryAgain: '再試一次',
  continueWithout: '不拍照，繼續填寫',
  optional: '選填',
  anonymous: '匿名提交（不留姓名和電話）',
  anonymousNote: '匿名提交後只能憑受理單上的二維碼查詢進度',
  useCardName: (masked) => `使用身分證上的姓名（${masked}）`,
  cardNameConsent: '姓名僅用於辦理和回訪，不會顯示在螢幕上',
  submit: '提交',
  sending: '正在提交…',
  states: { queued: '已保存，等待提交', sent: '已受理', rejected: '未能受理' },
  queuedNote: '網路暫時不通。您的訴求已保存在本機，網路恢復後會自動提交，不會遺失。',
  waitingFromEarlier: (count) => `本機還有 ${count} 條訴求等待提交`,
  tracking: '受理編號',
  replyBy: '答覆期限',
  keepTracking: '請記下受理編號，或列印受理單',
  printTicket: '列印受理單',
  printingTicket: '正在列印受理單…',
  ticketPrinted: '受理單已列印，請取走',
  ticketFailed: '受理單未能列印，請記下受理編號',
  another: '再提一件',
  done: '完成',
  edit: '返回修改',
  enterTracking: '請輸入受理編號',
  trackingHint: '受理單上的 12 位數字',
  next: '下一步',
  enterPhone4: '請輸入登記手機號的後 4 位',
  phone4Hint: '沒有留手機號的，請用手機掃描受理單上的二維碼',
  query: '查詢',
  publicStates: {
    received: '已登記，等待受理',
    'not-accepted': '不予受理',
    'in-progress': '辦理中',
    replied: '已答覆',
    closed: '已辦結',
  },
  receivedAt: '登記時間',
  reply: '答覆內容',
  clear: '清空',
  deleteDigit: '刪除一位',
  errors: {
    emptyDescription: '請寫下要反映的情況',
    phone: '電話號碼不正確：手機 11 位，市話帶區號',
    notFound: '沒有找到這條訴求，請核對受理編號和手機號後 4 位',
    tooMany: '查詢次數過多，請 15 分鐘後再試',
    serverDown: '暫時連不上伺服器，請稍後再試',
    category: '這個類別已停用，請重新選擇',
    photoTooLarge: '照片太大，請重拍一張或不要照片',
    photoType: '照片格式不對，請重拍一張或不要照片',
    other: '出了點問題，請稍後再試或諮詢工作人員',
  },
};

const en: CaseStrings = {
  title: 'Questions and complaints',
  tileHint: 'Ask · get help · complain · report · suggest',
  iWant: {
    consultation: 'Ask a question',
    help: 'Ask for help',
    complaint: 'Make a complaint',
    report: 'Report a problem',
    suggestion: 'Make a suggestion',
  },
  wantHints: {
    consultation: 'Policies and services',
    help: 'A difficulty in daily life',
    complaint: 'Something is not right',
    report: 'Violations and hazards',
    suggestion: 'Ideas for the community',
  },
  chooseNature: 'What would you like to do?',
  chooseCategory: 'What is it about?',
  otherIn: (parent) => `Other: ${parent}`,
  lookUp: 'Follow a case',
  lookUpHint: 'With the tracking number and your phone',
  describe: 'Tell us what happened',
  describeHint: 'What, since when, and what you would like done',
  location: 'Where',
  locationHint: 'e.g. Building 3, Unit 2; the south gate',
  pickAddress: 'Or pick the building and unit:',
  phone: 'Phone',
  phoneHint: 'For the follow-up call and to follow the case; shown in part only',
  photo: 'Photo',
  photoHint: 'A photo of the place helps the staff understand; once sent with your case, it is not kept on this kiosk',
  takePhoto: 'Take a photo',
  retake: 'Take it again',
  noPhoto: 'No photo',
  photoAlt: 'The photo you took',
  cameraTitle: 'Take a photo',
  cameraLead: 'Hold what you want to show in front of the camera; tap “Take a photo” when it is clear',
  cameraLabel: 'What the camera sees',
  cameraStarting: 'Starting the camera…',
  photoSaving: 'Saving the photo…',
  cameraNone: 'This kiosk has no camera that works. You can send your case without a photo.',
  cameraDenied: 'The camera may not be used here. You can send your case without a photo.',
  cameraBusy: 'The camera cannot be used just now. Try again, or send your case without a photo.',
  tryAgain: 'Try again',
  continueWithout: 'Go on without a photo',
  optional: 'optional',
  anonymous: 'Anonymous (no name, no phone)',
  anonymousNote: 'An anonymous case can only be followed with the QR code on its receipt',
  useCardName: (masked) => `Use the name on my ID card (${masked})`,
  cardNameConsent: 'Your name is used for the case and the follow-up only, never shown on screen',
  submit: 'Send',
  sending: 'Sending…',
  states: { queued: 'Saved, waiting to be sent', sent: 'Received', rejected: 'Not accepted' },
  queuedNote: 'No network just now. Your case is saved on this kiosk and will be sent when the network is back.',
  waitingFromEarlier: (count) => `${count} more cases on this kiosk are waiting to be sent`,
  tracking: 'Tracking no.',
  replyBy: 'Reply by',
  keepTracking: 'Note the tracking number, or print the receipt',
  printTicket: 'Print the receipt',
  printingTicket: 'Printing the receipt…',
  ticketPrinted: 'Receipt printed: please take it',
  ticketFailed: 'The receipt did not print: please note the tracking number',
  another: 'Another case',
  done: 'Done',
  edit: 'Change it',
  enterTracking: 'Enter the tracking number',
  trackingHint: 'The 12 digits on your receipt',
  next: 'Next',
  enterPhone4: 'Enter the last 4 digits of the phone you gave',
  phone4Hint: 'No phone given? Scan the QR code on the receipt with a phone',
  query: 'Look up',
  publicStates: {
    received: 'Received, waiting to be taken up',
    'not-accepted': 'Not accepted',
    'in-progress': 'Being handled',
    replied: 'Answered',
    closed: 'Closed',
  },
  receivedAt: 'Received',
  reply: 'Answer',
  clear: 'Clear',
  deleteDigit: 'Delete a digit',
  errors: {
    emptyDescription: 'Please write what you want to tell us',
    phone: 'That is not a phone number: 11 digits for a mobile, the area code for a landline',
    notFound: 'No case with that tracking number and phone digits',
    tooMany: 'Too many tries: please wait 15 minutes',
    serverDown: 'The server cannot be reached just now; please try again later',
    category: 'That category is no longer offered; please choose again',
    photoTooLarge: 'The photo is too large: take it again, or send no photo',
    photoType: 'The photo is not in a format we take: take it again, or send no photo',
    other: 'Something went wrong; please try later or ask the staff',
  },
};

export const CASE_STRINGS: Record<Locale, CaseStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** The field an error concerns (`/contact/phone` or `body/contact/phone`), if any. */
export function fieldOf(error: unknown): string | undefined {
  if (!(error instanceof LinliError)) return undefined;
  const path = error.details?.[0]?.path.replace(/^body/, '');
  return path?.split('/')[1] === 'contact' ? 'phone' : path?.split('/')[1];
}

/** What the resident is told about a failure. */
export function caseErrorText(t: CaseStrings, error: unknown): string {
  switch (error instanceof LinliError ? error.code : undefined) {
    case 'NOT_FOUND':
      return t.errors.notFound;
    case 'TOO_MANY_ATTEMPTS':
      return t.errors.tooMany;
    case 'CASE_CATEGORY_UNKNOWN':
      return t.errors.category;
    case 'MEDIA_TOO_LARGE':
    case 'BODY_TOO_LARGE':
      return t.errors.photoTooLarge;
    case 'MEDIA_TYPE_UNSUPPORTED':
      return t.errors.photoType;
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return t.errors.serverDown;
    case 'VALIDATION_FAILED':
      return fieldOf(error) === 'phone' ? t.errors.phone : t.errors.other;
    default:
      return t.errors.other;
  }
}
