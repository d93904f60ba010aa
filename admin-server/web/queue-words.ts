/** What the 排队叫号 and 窗口叫号 pages say, in the three languages. */
import type { Locale, QueuePriority, QueueTicketState } from '@linli/protocol';

interface QueueWords {
  title: string;
  hint: string;
  noHalls: string;
  hall: string;
  newHall: string;
  live: string;
  settings: string;
  // the hall's settings
  name: string;
  org: string;
  resetTime: string;
  resetHint: string;
  elderAge: string;
  elderOff: string;
  elderHint: string;
  hours: string;
  weekdays: readonly string[];
  from: string;
  to: string;
  addHours: string;
  addWindowOfDay: string;
  followsCalendar: string;
  appointments: string;
  appointmentsOn: string;
  slotMinutes: string;
  daysAhead: string;
  perSlot: string;
  perSlotHint: string;
  bookingLink: string;
  businesses: string;
  businessId: string;
  businessName: string;
  prefix: string;
  maxPerDay: string;
  serviceMinutes: string;
  open: string;
  addBusiness: string;
  windows: string;
  windowNumber: string;
  windowName: string;
  serves: string;
  addWindow: string;
  remove: string;
  save: string;
  create: string;
  deleteHall: string;
  confirmDelete: (name: string) => string;
  saved: (name: string) => string;
  created: (name: string) => string;
  deleted: (name: string) => string;
  // the hall now
  window: (number: number) => string;
  waiting: string;
  waitingCount: (count: number) => string;
  about: (minutes: number) => string;
  paused: string;
  idle: string;
  closedBusiness: string;
  recentCalls: string;
  noCalls: string;
  nobodyWaiting: string;
  callText: (label: string, window: number) => string;
  reconnecting: string;
  states: Record<QueueTicketState, string>;
  priorities: Record<QueuePriority, string>;
  taken: (time: string) => string;
  calls: (count: number) => string;
  transferredFrom: (window: number) => string;
  // the counter
  counterTitle: string;
  counterHint: string;
  chooseWindow: string;
  startServing: string;
  changeWindow: string;
  serving: (window: number, hall: string) => string;
  current: string;
  noCurrent: string;
  actions: Record<'call-next' | 'recall' | 'no-show' | 'finish' | 'transfer' | 'pause' | 'resume', string>;
  shortcuts: string;
  transferTitle: (label: string) => string;
  toBusiness: string;
  toWindow: string;
  sameBusiness: string;
  anyWindow: string;
  note: string;
  confirmTransfer: string;
  cancel: string;
  called: (label: string, window: number) => string;
  done: (label: string) => string;
  missed: (label: string) => string;
  transferred: (label: string) => string;
  pausedNotice: string;
  resumedNotice: string;
  // the rating pad (好差评), opened from the counter
  openPad: string;
  openPadHint: string;
  pad: {
    askRating: string;
    ticket: (label: string, business: string) => string;
    reasonsHint: string;
    submit: string;
    back: string;
    thanks: string;
    followUp: string;
    fullScreen: string;
  };
  // the statistics tab
  stats: string;
  statsHint: string;
  statsFrom: string;
  statsTo: string;
  loading: string;
  noTickets: string;
  overall: string;
  byBusiness: string;
  byWindow: string;
  byHour: string;
  byStaff: string;
  business: string;
  staff: string;
  hour: string;
  hourRange: (hour: number) => string;
  counts: Record<'taken' | 'served' | 'noShow' | 'lapsed' | 'open', string>;
  waitAverage: string;
  waitP90: string;
  serviceAverage: string;
  serviceP90: string;
  ratings: string;
  ratingCount: string;
  satisfaction: string;
  percent: (rate: number) => string;
  nothing: string;
  problems: {
    usedTwice: string;
    unknownBusiness: (id: string) => string;
    notServed: string;
    endsBeforeBegins: string;
    overlaps: (range: string) => string;
  };
}

export const QUEUE_WORDS: Record<Locale, QueueWords> = {
  'zh-Hans': {
    title: '排队叫号',
    hint: '服务大厅的业务类型、窗口和取号规则；居民在自助终端取号，窗口叫号，大厅屏幕显示并播报。',
    noHalls: '还没有设置服务大厅。',
    hall: '服务大厅',
    newHall: '新建服务大厅',
    live: '大厅实况',
    settings: '设置',
    name: '大厅名称',
    org: '所属机构（其下的自助终端在此取号）',
    resetTime: '每日重新编号时间',
    resetHint: '到这个时间号码从 001 重新开始，之前未叫的号作废。',
    elderAge: '老年人优先（周岁）',
    elderOff: '不设老年人优先',
    elderHint: '居民在终端读取身份证后，达到此年龄的号优先叫；身份证信息不保存。',
    hours: '取号时间',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    from: '从',
    to: '到',
    addHours: '添加一组取号时间',
    addWindowOfDay: '添加时段',
    followsCalendar: '按工作日历：法定节假日不取号，调休上班日照常取号',
    appointments: '预约',
    appointmentsOn: '开放网上预约',
    slotMinutes: '每个时段（分钟）',
    daysAhead: '可预约天数（从明天起）',
    perSlot: '每时段预约名额',
    perSlotHint: '留空的业务不开放预约。居民在预约时段前 30 分钟至开始后 15 分钟内到自助终端签到取号，预约号优先叫号。',
    bookingLink: '居民预约页面',
    businesses: '业务类型',
    businessId: '编号',
    businessName: '名称',
    prefix: '号头',
    maxPerDay: '每日上限',
    serviceMinutes: '每号约用时（分钟）',
    open: '开放取号',
    addBusiness: '添加业务类型',
    windows: '窗口',
    windowNumber: '窗口号',
    windowName: '名称（可选）',
    serves: '办理业务（按顺序）',
    addWindow: '添加窗口',
    remove: '删除',
    save: '保存',
    create: '创建',
    deleteHall: '删除大厅',
    confirmDelete: (name) => `删除「${name}」？今天的号和叫号记录一并删除。`,
    saved: (name) => `已保存「${name}」`,
    created: (name) => `已创建「${name}」`,
    deleted: (name) => `已删除「${name}」`,
    window: (number) => `${number} 号窗口`,
    waiting: '等候',
    waitingCount: (count) => `等候 ${count} 人`,
    about: (minutes) => `约 ${minutes} 分钟`,
    paused: '暂停服务',
    idle: '空闲',
    closedBusiness: '暂停取号',
    recentCalls: '最近叫号',
    noCalls: '今天还没有叫号',
    nobodyWaiting: '暂无等候',
    callText: (label, window) => `请 ${label} 号到 ${window} 号窗口办理`,
    reconnecting: '实时连接中断，正在重新连接……',
    states: { waiting: '等候中', called: '已叫号', done: '已办结', 'no-show': '过号', lapsed: '已作废' },
    priorities: { none: '', elder: '老年人优先', appointment: '预约' },
    taken: (time) => `${time} 取号`,
    calls: (count) => `已叫 ${count} 次`,
    transferredFrom: (window) => `由 ${window} 号窗口转来`,
    counterTitle: '窗口叫号',
    counterHint: '选好本窗口后开始服务；页面记住这台电脑的窗口。',
    chooseWindow: '本窗口',
    startServing: '开始服务',
    changeWindow: '换窗口',
    serving: (window, hall) => `${hall} · ${window} 号窗口`,
    current: '当前号',
    noCurrent: '当前没有办理中的号',
    actions: {
      'call-next': '叫号',
      recall: '重呼',
      'no-show': '过号',
      finish: '办结',
      transfer: '转移',
      pause: '暂停服务',
      resume: '恢复服务',
    },
    shortcuts: '快捷键：N 叫号 · R 重呼 · X 过号 · F 办结 · T 转移 · P 暂停/恢复',
    transferTitle: (label) => `转移 ${label} 号`,
    toBusiness: '转到业务',
    toWindow: '转到窗口',
    sameBusiness: '业务不变',
    anyWindow: '任一窗口',
    note: '备注',
    confirmTransfer: '确认转移',
    cancel: '取消',
    called: (label, window) => `已叫 ${label} 号到 ${window} 号窗口`,
    done: (label) => `${label} 号已办结`,
    missed: (label) => `${label} 号已过号`,
    transferred: (label) => `${label} 号已转移`,
    pausedNotice: '本窗口已暂停服务',
    resumedNotice: '本窗口已恢复服务',
    openPad: '打开评价器',
    openPadHint: '在本窗口的平板或第二块屏幕上打开，请居民为办结的号评价。',
    pad: {
      askRating: '请为本次服务评价',
      ticket: (label, business) => `${label} 号 · ${business}`,
      reasonsHint: '请选择原因（可多选，也可不选）',
      submit: '提交评价',
      back: '重新选择',
      thanks: '谢谢您的评价！',
      followUp: '我们会核查本次服务并改进。',
      fullScreen: '全屏',
    },
    stats: '统计',
    statsHint:
      '按服务日（北京时间）统计取号、办结、过号、作废，等候时长（取号到首次叫号）、办理时长（首次叫号到办结）和居民评价。',
    statsFrom: '开始日期',
    statsTo: '结束日期',
    loading: '正在统计……',
    noTickets: '这段时间没有取号。',
    overall: '总体',
    byBusiness: '按业务',
    byWindow: '按窗口',
    byHour: '按时段（取号时间）',
    byStaff: '按工作人员',
    business: '业务',
    staff: '工作人员',
    hour: '时段',
    hourRange: (hour) => `${hour}:00–${hour + 1}:00`,
    counts: { taken: '取号', served: '办结', noShow: '过号', lapsed: '作废', open: '未办完' },
    waitAverage: '平均等候',
    waitP90: '90% 等候不超过',
    serviceAverage: '平均办理',
    serviceP90: '90% 办理不超过',
    ratings: '评价',
    ratingCount: '评价数',
    satisfaction: '满意率',
    percent: (rate) => `${(rate * 100).toFixed(1)}%`,
    nothing: '—',
    problems: {
      usedTwice: '重复了',
      unknownBusiness: (id) => `没有编号为「${id}」的业务类型`,
      notServed: '没有窗口办理这项业务',
      endsBeforeBegins: '结束时间不晚于开始时间',
      overlaps: (range) => `与 ${range} 重叠`,
    },
  },
  'zh-Hant': {
    title: '排隊叫號',
    hint: '服務大廳的業務類型、窗口和取號規則；居民在自助終端取號，窗口叫號，大廳螢幕顯示並播報。',
    noHalls: '還沒有設置服務大廳。',
    hall: '服務大廳',
    newHall: '新建服務大廳',
    live: '大廳實況',
    settings: '設置',
    name: '大廳名稱',
    org: '所屬機構（其下的自助終端在此取號）',
    resetTime: '每日重新編號時間',
    resetHint: '到這個時間號碼從 001 重新開始，之前未叫的號作廢。',
    elderAge: '老年人優先（周歲）',
    elderOff: '不設老年人優先',
    elderHint: '居民在終端讀取身份證後，達到此年齡的號優先叫；身份證資訊不保存。',
    hours: '取號時間',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    from: '從',
    to: '到',
    addHours: '添加一組取號時間',
    addWindowOfDay: '添加時段',
    followsCalendar: '按工作日曆：法定節假日不取號，調休上班日照常取號',
    appointments: '預約',
    appointmentsOn: '開放網上預約',
    slotMinutes: '每個時段（分鐘）',
    daysAhead: '可預約天數（從明天起）',
    perSlot: '每時段預約名額',
    perSlotHint: '留空的業務不開放預約。居民在預約時段前 30 分鐘至開始後 15 分鐘內到自助終端簽到取號，預約號優先叫號。',
    bookingLink: '居民預約頁面',
    businesses: '業務類型',
    businessId: '編號',
    businessName: '名稱',
    prefix: '號頭',
    maxPerDay: '每日上限',
    serviceMinutes: '每號約用時（分鐘）',
    open: '開放取號',
    addBusiness: '添加業務類型',
    windows: '窗口',
    windowNumber: '窗口號',
    windowName: '名稱（可選）',
    serves: '辦理業務（按順序）',
    addWindow: '添加窗口',
    remove: '刪除',
    save: '保存',
    create: '創建',
    deleteHall: '刪除大廳',
    confirmDelete: (name) => `刪除「${name}」？今天的號和叫號記錄一併刪除。`,
    saved: (name) => `已保存「${name}」`,
    created: (name) => `已創建「${name}」`,
    deleted: (name) => `已刪除「${name}」`,
    window: (number) => `${number} 號窗口`,
    waiting: '等候',
    waitingCount: (count) => `等候 ${count} 人`,
    about: (minutes) => `約 ${minutes} 分鐘`,
    paused: '暫停服務',
    idle: '空閒',
    closedBusiness: '暫停取號',
    recentCalls: '最近叫號',
    noCalls: '今天還沒有叫號',
    nobodyWaiting: '暫無等候',
    callText: (label, window) => `請 ${label} 號到 ${window} 號窗口辦理`,
    reconnecting: '即時連接中斷，正在重新連接……',
    states: { waiting: '等候中', called: '已叫號', done: '已辦結', 'no-show': '過號', lapsed: '已作廢' },
    priorities: { none: '', elder: '老年人優先', appointment: '預約' },
    taken: (time) => `${time} 取號`,
    calls: (count) => `已叫 ${count} 次`,
    transferredFrom: (window) => `由 ${window} 號窗口轉來`,
    counterTitle: '窗口叫號',
    counterHint: '選好本窗口後開始服務；頁面記住這台電腦的窗口。',
    chooseWindow: '本窗口',
    startServing: '開始服務',
    changeWindow: '換窗口',
    serving: (window, hall) => `${hall} · ${window} 號窗口`,
    current: '當前號',
    noCurrent: '當前沒有辦理中的號',
    actions: {
      'call-next': '叫號',
      recall: '重呼',
      'no-show': '過號',
      finish: '辦結',
      transfer: '轉移',
      pause: '暫停服務',
      resume: '恢復服務',
    },
    shortcuts: '快捷鍵：N 叫號 · R 重呼 · X 過號 · F 辦結 · T 轉移 · P 暫停/恢復',
    transferTitle: (label) => `轉移 ${label} 號`,
    toBusiness: '轉到業務',
    toWindow: '轉到窗口',
    sameBusiness: '業務不變',
    anyWindow: '任一窗口',
    note: '備註',
    confirmTransfer: '確認轉移',
    cancel: '取消',
    called: (label, window) => `已叫 ${label} 號到 ${window} 號窗口`,
    done: (label) => `${label} 號已辦結`,
    missed: (label) => `${label} 號已過號`,
    transferred: (label) => `${label} 號已轉移`,
    pausedNotice: '本窗口已暫停服務',
    resumedNotice: '本窗口已恢復服務',
    openPad: '打開評價器',
    openPadHint: '在本窗口的平板或第二塊螢幕上打開，請居民為辦結的號評價。',
    pad: {
      askRating: '請為本次服務評價',
      ticket: (label, business) => `${label} 號 · ${business}`,
      reasonsHint: '請選擇原因（可多選，也可不選）',
      submit: '提交評價',
      back: '重新選擇',
      thanks: '謝謝您的評價！',
      followUp: '我們會核查本次服務並改進。',
      fullScreen: '全螢幕',
    },
    stats: '統計',
    statsHint:
      '按服務日（北京時間）統計取號、辦結、過號、作廢，等候時長（取號到首次叫號）、辦理時長（首次叫號到辦結）和居民評價。',
    statsFrom: '開始日期',
    statsTo: '結束日期',
    loading: '正在統計……',
    noTickets: '這段時間沒有取號。',
    overall: '總體',
    byBusiness: '按業務',
    byWindow: '按窗口',
    byHour: '按時段（取號時間）',
    byStaff: '按工作人員',
    business: '業務',
    staff: '工作人員',
    hour: '時段',
    hourRange: (hour) => `${hour}:00–${hour + 1}:00`,
    counts: { taken: '取號', served: '辦結', noShow: '過號', lapsed: '作廢', open: '未辦完' },
    waitAverage: '平均等候',
    waitP90: '90% 等候不超過',
    serviceAverage: '平均辦理',
    serviceP90: '90% 辦理不超過',
    ratings: '評價',
    ratingCount: '評價數',
    satisfaction: '滿意率',
    percent: (rate) => `${(rate * 100).toFixed(1)}%`,
    nothing: '—',
    problems: {
      usedTwice: '重複了',
      unknownBusiness: (id) => `沒有編號為「${id}」的業務類型`,
      notServed: '沒有窗口辦理這項業務',
      endsBeforeBegins: '結束時間不晚於開始時間',
      overlaps: (range) => `與 ${range} 重疊`,
    },
  },
  en: {
    title: 'Queue',
    hint: "A service hall's businesses, windows and ticket rules: residents take numbers at kiosks, windows call them, the hall's screens show and announce the calls.",
    noHalls: 'No service hall is set up yet.',
    hall: 'Service hall',
    newHall: 'New service hall',
    live: 'Live',
    settings: 'Settings',
    name: 'Hall name',
    org: 'Belongs to (kiosks below it give its tickets)',
    resetTime: 'Numbers start again at',
    resetHint: 'At this time numbers start again from 001; tickets not called by then lapse.',
    elderAge: 'Elders first from age',
    elderOff: 'No priority for elders',
    elderHint:
      'A resident who reads their ID card at the kiosk and is this old or older is called first; the card is not kept.',
    hours: 'Ticket hours',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    from: 'From',
    to: 'To',
    addHours: 'Add hours for other days',
    addWindowOfDay: 'Add a time window',
    followsCalendar: 'Follow the working-day calendar: no tickets on public holidays, tickets on make-up workdays',
    appointments: 'Appointments',
    appointmentsOn: 'Take bookings online',
    slotMinutes: 'Slot length (minutes)',
    daysAhead: 'Days bookable ahead (from tomorrow)',
    perSlot: 'Bookings per slot',
    perSlotHint:
      'A business left empty takes no bookings. Residents check in at a kiosk from 30 minutes before their slot to 15 minutes after it began, and are called first.',
    bookingLink: 'Booking page for residents',
    businesses: 'Businesses',
    businessId: 'Id',
    businessName: 'Name',
    prefix: 'Prefix',
    maxPerDay: 'Per day at most',
    serviceMinutes: 'Minutes per ticket (about)',
    open: 'Taking tickets',
    addBusiness: 'Add a business',
    windows: 'Windows',
    windowNumber: 'Window',
    windowName: 'Name (optional)',
    serves: 'Serves (in order)',
    addWindow: 'Add a window',
    remove: 'Remove',
    save: 'Save',
    create: 'Create',
    deleteHall: 'Delete hall',
    confirmDelete: (name) => `Delete "${name}"? Today's tickets and calls go with it.`,
    saved: (name) => `Saved "${name}"`,
    created: (name) => `Created "${name}"`,
    deleted: (name) => `Deleted "${name}"`,
    window: (number) => `Window ${number}`,
    waiting: 'Waiting',
    waitingCount: (count) => `${count} waiting`,
    about: (minutes) => `about ${minutes} min`,
    paused: 'Paused',
    idle: 'Free',
    closedBusiness: 'Not taking tickets',
    recentCalls: 'Latest calls',
    noCalls: 'No calls yet today',
    nobodyWaiting: 'Nobody is waiting',
    callText: (label, window) => `${label}, please go to window ${window}`,
    reconnecting: 'The live connection dropped; reconnecting…',
    states: { waiting: 'Waiting', called: 'Called', done: 'Done', 'no-show': 'Missed', lapsed: 'Lapsed' },
    priorities: { none: '', elder: 'Elder first', appointment: 'Appointment' },
    taken: (time) => `taken ${time}`,
    calls: (count) => `called ${count}×`,
    transferredFrom: (window) => `from window ${window}`,
    counterTitle: 'Counter',
    counterHint: 'Choose this window, then start serving; the page remembers the window on this computer.',
    chooseWindow: 'This window',
    startServing: 'Start serving',
    changeWindow: 'Change window',
    serving: (window, hall) => `${hall} · window ${window}`,
    current: 'Now serving',
    noCurrent: 'No ticket at this window',
    actions: {
      'call-next': 'Call next',
      recall: 'Call again',
      'no-show': 'Missed',
      finish: 'Done',
      transfer: 'Transfer',
      pause: 'Pause',
      resume: 'Resume',
    },
    shortcuts: 'Keys: N call next · R call again · X missed · F done · T transfer · P pause/resume',
    transferTitle: (label) => `Transfer ${label}`,
    toBusiness: 'To business',
    toWindow: 'To window',
    sameBusiness: 'Same business',
    anyWindow: 'Any window',
    note: 'Note',
    confirmTransfer: 'Transfer',
    cancel: 'Cancel',
    called: (label, window) => `Called ${label} to window ${window}`,
    done: (label) => `${label} done`,
    missed: (label) => `${label} missed`,
    transferred: (label) => `${label} transferred`,
    pausedNotice: 'This window is paused',
    resumedNotice: 'This window serves again',
    openPad: 'Open rating pad',
    openPadHint: "Open it on this window's tablet or second screen, for residents to rate the tickets finished here.",
    pad: {
      askRating: 'Please rate this service',
      ticket: (label, business) => `${label} · ${business}`,
      reasonsHint: 'Why? Tap any that apply, or none',
      submit: 'Send rating',
      back: 'Choose again',
      thanks: 'Thank you for your rating!',
      followUp: 'We will look into this service and improve it.',
      fullScreen: 'Full screen',
    },
    stats: 'Statistics',
    statsHint:
      'By service day (Beijing time): tickets taken, served, missed and lapsed; the wait (taken to first call), the service (first call to done) and residents’ ratings.',
    statsFrom: 'From',
    statsTo: 'To',
    loading: 'Counting…',
    noTickets: 'No tickets were taken in this period.',
    overall: 'Overall',
    byBusiness: 'By business',
    byWindow: 'By window',
    byHour: 'By hour taken',
    byStaff: 'By staff member',
    business: 'Business',
    staff: 'Staff member',
    hour: 'Hour',
    hourRange: (hour) => `${hour}:00–${hour + 1}:00`,
    counts: { taken: 'Taken', served: 'Served', noShow: 'Missed', lapsed: 'Lapsed', open: 'Still open' },
    waitAverage: 'Average wait',
    waitP90: '90% waited at most',
    serviceAverage: 'Average service',
    serviceP90: '90% served within',
    ratings: 'Ratings',
    ratingCount: 'Ratings',
    satisfaction: 'Satisfied',
    percent: (rate) => `${(rate * 100).toFixed(1)}%`,
    nothing: '—',
    problems: {
      usedTwice: 'is used twice',
      unknownBusiness: (id) => `there is no business "${id}"`,
      notServed: 'no window serves it',
      endsBeforeBegins: 'does not end after it begins',
      overlaps: (range) => `overlaps ${range}`,
    },
  },
};
