/** 查缴水电气 in each interface language: the screens' words, amounts, units and what each error means. */
import { LinliError, type BillAccountStatus, type Locale, type UsageUnit, type Utility } from '@linli/protocol';

export interface BillStrings {
  title: string;
  tileHint: string;
  utilities: Record<Utility, string>;
  chooseUtility: string;
  providedBy: (name: string) => string;
  enterAccount: (utility: string) => string;
  accountHint: string;
  scanUnreadable: string;
  clear: string;
  deleteDigit: string;
  query: string;
  byIdCard: string;
  boundAccounts: string;
  noBoundAccounts: string;
  asking: (provider: string) => string;
  makingCode: string;
  amountDue: string;
  nothingDue: string;
  credit: (amount: string) => string;
  statuses: Record<BillAccountStatus, string>;
  account: string;
  holder: string;
  address: string;
  period: string;
  usage: string;
  dueDate: string;
  tiers: string;
  tierLine: (tier: number, range: string, price: string) => string;
  tierUsed: (usage: string, amount: string) => string;
  upTo: (to: string) => string;
  above: (from: string) => string;
  history: string;
  fetchedAt: (time: string) => string;
  anotherAccount: string;
  done: string;
  retry: string;
  yuan: (fen: number) => string;
  pricePer: (price: string, unit: string) => string;
  units: Record<UsageUnit, string>;
  month: (period: string) => string;
  pay: string;
  scanToPay: string;
  expiresIn: (time: string) => string;
  cancelPay: string;
  paid: string;
  transaction: string;
  paidAt: string;
  writeOff: string;
  confirming: string;
  expired: string;
  failed: string;
  newCode: string;
  printBill: string;
  printingBill: string;
  billPrinted: string;
  billPrintFailed: string;
  paperOut: string;
  printingReceipt: string;
  receiptPrinted: string;
  reprint: string;
  reprintTitle: string;
  reprintAnother: string;
  enterTransaction: string;
  transactionHint: string;
  printReceipt: string;
  noReceiptPrinter: string;
  receiptErrors: {
    paperOut: string;
    printer: string;
    unknown: string;
    other: string;
  };
  errors: {
    unknown: string;
    timeout: string;
    utilityDown: string;
    invalidReply: string;
    serverDown: string;
    other: string;
  };
}

const yuanOf = (fen: number) => (fen / 100).toFixed(2);

const zhHans: BillStrings = {
  title: '查缴水电气',
  tileHint: '查账单、扫码缴费',
  utilities: { water: '水费', electricity: '电费', gas: '燃气费' },
  chooseUtility: '请选择要查询的项目',
  providedBy: (name) => name,
  enterAccount: (utility) => `请输入${utility}户号`,
  accountHint: '户号印在缴费通知单或缴费卡上，6 至 20 位；也可扫描通知单上的条码',
  scanUnreadable: '扫描到的不是户号，请输入户号或扫描缴费通知单上的条码',
  clear: '清空',
  deleteDigit: '删除',
  query: '查询',
  byIdCard: '用身份证查户号',
  boundAccounts: '您身份证名下的户号',
  noBoundAccounts: '您的身份证在这家单位名下没有户号，请输入户号查询',
  asking: (provider) => `正在向${provider}查询…`,
  makingCode: '正在生成付款码…',
  amountDue: '应缴金额',
  nothingDue: '本期无需缴费',
  credit: (amount) => `账户余额 ${amount}`,
  statuses: { normal: '正常', arrears: '欠费', closed: '已销户' },
  account: '户号',
  holder: '户名',
  address: '地址',
  period: '账期',
  usage: '用量',
  dueDate: '缴费截止日',
  tiers: '阶梯价格',
  tierLine: (tier, range, price) => `第${tier}档（${range}）${price}`,
  tierUsed: (usage, amount) => `本期 ${usage}，${amount}`,
  upTo: (to) => `${to}以内`,
  above: (from) => `超过${from}`,
  history: '近12个月用量',
  fetchedAt: (time) => `查询时间 ${time}`,
  anotherAccount: '查询其他户号',
  done: '完成',
  retry: '重试',
  yuan: (fen) => `${yuanOf(fen)} 元`,
  pricePer: (price, unit) => `${price} 元/${unit}`,
  units: { m3: '立方米', kWh: '千瓦时' },
  month: (period) => `${Number(period.slice(5))}月`,
  pay: '缴费',
  scanToPay: '请用手机扫描二维码付款',
  expiresIn: (time) => `付款码 ${time} 后失效`,
  cancelPay: '取消缴费',
  paid: '缴费成功',
  transaction: '交易号',
  paidAt: '缴费时间',
  writeOff: '销账编号',
  confirming: '缴费单位正在确认，凭交易号可在本机或窗口补打凭证',
  expired: '付款码已过期，未扣款',
  failed: '付款未成功，未扣款',
  newCode: '重新生成付款码',
  printBill: '打印账单',
  printingBill: '正在打印账单…',
  billPrinted: '账单已打印，请到打印机取走',
  billPrintFailed: '账单没有打印出来，请重试或到窗口咨询',
  paperOut: '打印机缺纸，请联系工作人员',
  printingReceipt: '正在打印缴费回执…',
  receiptPrinted: '回执已打印，请在出纸口取走',
  reprint: '补打回执',
  reprintTitle: '补打缴费回执',
  reprintAnother: '补打其他回执',
  enterTransaction: '请输入交易号',
  transactionHint: '交易号在手机的付款记录里（微信“交易单号”、支付宝“订单号”），也印在回执上',
  printReceipt: '打印回执',
  noReceiptPrinter: '本机没有回执打印机，请记下交易号，可到服务台打印回执',
  receiptErrors: {
    paperOut: '打印机缺纸，回执没有打出。缴费已成功，凭交易号可在本机或服务台补打',
    printer: '回执打印机暂时不能用。缴费已成功，凭交易号可到服务台补打',
    unknown: '没有找到这笔缴费，请核对交易号（在本社区缴的费才能在这里补打）',
    other: '回执没有打出。缴费已成功，凭交易号可在本机或服务台补打',
  },
  errors: {
    unknown: '查无此户号，请核对后重新输入',
    timeout: '缴费单位系统响应超时，请稍后再试',
    utilityDown: '暂时连不上缴费单位系统，请稍后再试',
    invalidReply: '缴费单位系统返回的数据有误，请稍后再试或到窗口咨询',
    serverDown: '暂时连不上服务器，无法查询账单，请稍后再试',
    other: '查询没有成功，请稍后再试或到窗口咨询',
  },
};

const zhHant: BillStrings = {
  ...zhHans,
  title: '查繳水電氣',
  tileHint: '查帳單、掃碼繳費',
  utilities: { water: '水費', electricity: '電費', gas: '燃氣費' },
  chooseUtility: '請選擇要查詢的項目',
  enterAccount: (utility) => `請輸入${utility}戶號`,
  accountHint: '戶號印在繳費通知單或繳費卡上，6 至 20 位；也可掃描通知單上的條碼',
  scanUnreadable: '掃描到的不是戶號，請輸入戶號或掃描繳費通知單上的條碼',
  clear: '清空',
  deleteDigit: '刪除',
  query: '查詢',
  byIdCard: '用身分證查戶號',
  boundAccounts: '您身分證名下的戶號',
  noBoundAccounts: '您的身分證在這家單位名下沒有戶號，請輸入戶號查詢',
  asking: (provider) => `正在向${provider}查詢…`,
  makingCode: '正在產生付款碼…',
  amountDue: '應繳金額',
  nothingDue: '本期無需繳費',
  credit: (amount) => `帳戶餘額 ${amount}`,
  statuses: { normal: '正常', arrears: '欠費', closed: '已銷戶' },
  account: '戶號',
  holder: '戶名',
  address: '地址',
  period: '帳期',
  usage: '用量',
  dueDate: '繳費截止日',
  tiers: '階梯價格',
  tierLine: (tier, range, price) => `第${tier}檔（${range}）${price}`,
  tierUsed: (usage, amount) => `本期 ${usage}，${amount}`,
  upTo: (to) => `${to}以內`,
  above: (from) => `超過${from}`,
  history: '近12個月用量',
  fetchedAt: (time) => `查詢時間 ${time}`,
  anotherAccount: '查詢其他戶號',
  retry: '重試',
  yuan: (fen) => `${yuanOf(fen)} 元`,
  units: { m3: '立方米', kWh: '千瓦時' },
  pay: '繳費',
  scanToPay: '請用手機掃描二維碼付款',
  expiresIn: (time) => `付款碼 ${time} 後失效`,
  cancelPay: '取消繳費',
  paid: '繳費成功',
  transaction: '交易號',
  paidAt: '繳費時間',
  writeOff: '銷帳編號',
  confirming: '繳費單位正在確認，憑交易號可在本機或窗口補印憑證',
  expired: '付款碼已過期，未扣款',
  failed: '付款未成功，未扣款',
  newCode: '重新產生付款碼',
  printBill: '列印帳單',
  printingBill: '正在列印帳單…',
  billPrinted: '帳單已列印，請到印表機取走',
  billPrintFailed: '帳單沒有印出來，請重試或到窗口諮詢',
  paperOut: '印表機缺紙，請聯絡工作人員',
  printingReceipt: '正在列印繳費回執…',
  receiptPrinted: '回執已列印，請在出紙口取走',
  reprint: '補印回執',
  reprintTitle: '補印繳費回執',
  reprintAnother: '補印其他回執',
  enterTransaction: '請輸入交易號',
  transactionHint: '交易號在手機的付款紀錄裡（微信「交易單號」、支付寶「訂單號」），也印在回執上',
  printReceipt: '列印回執',
  noReceiptPrinter: '本機沒有回執印表機，請記下交易號，可到服務台列印回執',
  receiptErrors: {
    paperOut: '印表機缺紙，回執沒有印出。繳費已成功，憑交易號可在本機或服務台補印',
    printer: '回執印表機暫時不能用。繳費已成功，憑交易號可到服務台補印',
    unknown: '沒有找到這筆繳費，請核對交易號（在本社區繳的費才能在這裡補印）',
    other: '回執沒有印出。繳費已成功，憑交易號可在本機或服務台補印',
  },
  errors: {
    unknown: '查無此戶號，請核對後重新輸入',
    timeout: '繳費單位系統回應逾時，請稍後再試',
    utilityDown: '暫時連不上繳費單位系統，請稍後再試',
    invalidReply: '繳費單位系統回傳的資料有誤，請稍後再試或到窗口諮詢',
    serverDown: '暫時連不上伺服器，無法查詢帳單，請稍後再試',
    other: '查詢沒有成功，請稍後再試或到窗口諮詢',
  },
};

const en: BillStrings = {
  title: 'Water, power & gas bills',
  tileHint: 'Check a bill, pay by QR code',
  utilities: { water: 'Water', electricity: 'Electricity', gas: 'Gas' },
  chooseUtility: 'What would you like to check?',
  providedBy: (name) => name,
  enterAccount: (utility) => `Enter your ${utility.toLowerCase()} account number`,
  accountHint: 'It is printed on your bill or payment card (6 to 20 characters); you can also scan the bill’s barcode',
  scanUnreadable: 'That code holds no account number; type the number or scan the barcode on your bill',
  clear: 'Clear',
  deleteDigit: 'Delete',
  query: 'Look up',
  byIdCard: 'Find my accounts with my ID card',
  boundAccounts: 'Accounts in your name',
  noBoundAccounts: 'No account of this utility is in your name; enter the account number instead',
  asking: (provider) => `Asking ${provider}…`,
  makingCode: 'Making the payment code…',
  amountDue: 'Amount due',
  nothingDue: 'Nothing to pay this period',
  credit: (amount) => `Balance ${amount}`,
  statuses: { normal: 'In good standing', arrears: 'Overdue', closed: 'Closed' },
  account: 'Account',
  holder: 'Name',
  address: 'Address',
  period: 'Period',
  usage: 'Usage',
  dueDate: 'Due by',
  tiers: 'Tiered prices',
  tierLine: (tier, range, price) => `Tier ${tier} (${range}): ${price}`,
  tierUsed: (usage, amount) => `this bill ${usage}, ${amount}`,
  upTo: (to) => `up to ${to}`,
  above: (from) => `above ${from}`,
  history: 'Usage, last 12 months',
  fetchedAt: (time) => `As of ${time}`,
  anotherAccount: 'Check another account',
  done: 'Done',
  retry: 'Try again',
  yuan: (fen) => `¥${yuanOf(fen)}`,
  pricePer: (price, unit) => `¥${price}/${unit}`,
  units: { m3: 'm³', kWh: 'kWh' },
  month: (period) =>
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(period.slice(5)) - 1]!,
  pay: 'Pay',
  scanToPay: 'Scan the code with your phone to pay',
  expiresIn: (time) => `The code expires in ${time}`,
  cancelPay: 'Cancel payment',
  paid: 'Paid',
  transaction: 'Transaction',
  paidAt: 'Paid at',
  writeOff: 'Utility receipt',
  confirming:
    'The utility is confirming it; the receipt can be printed again here or at the counter with the transaction number',
  expired: 'The code expired; nothing was charged',
  failed: 'The payment did not go through; nothing was charged',
  newCode: 'New code',
  printBill: 'Print the bill',
  printingBill: 'Printing the bill…',
  billPrinted: 'The bill is printed; please take it from the printer',
  billPrintFailed: 'The bill did not print; try again or ask at the counter',
  paperOut: 'The printer is out of paper; please ask a member of staff',
  printingReceipt: 'Printing the receipt…',
  receiptPrinted: 'The receipt is printed; please take it from the slot',
  reprint: 'Print the receipt again',
  reprintTitle: 'Print a bill receipt again',
  reprintAnother: 'Another receipt',
  enterTransaction: 'Enter the transaction number',
  transactionHint: 'It is in your phone’s payment record (WeChat or Alipay order number) and on the receipt',
  printReceipt: 'Print receipt',
  noReceiptPrinter:
    'This kiosk has no receipt printer; note the transaction number and ask at the counter for a receipt',
  receiptErrors: {
    paperOut:
      'The printer is out of paper and the receipt did not print. Your payment went through; print the receipt again here or at the counter with the transaction number',
    printer:
      'The receipt printer cannot be used now. Your payment went through; ask at the counter for the receipt with the transaction number',
    unknown: 'No payment has this transaction number here (only payments made in this community can be printed here)',
    other:
      'The receipt did not print. Your payment went through; print it again here or at the counter with the transaction number',
  },
  errors: {
    unknown: 'No account has this number; check it and enter it again',
    timeout: 'The utility did not answer in time; please try again later',
    utilityDown: "The utility's service cannot be reached now; please try again later",
    invalidReply: 'The utility sent data that cannot be shown; try later or ask at the counter',
    serverDown: 'The server cannot be reached, so bills cannot be checked now; please try again later',
    other: 'The lookup did not work; try later or ask at the counter',
  },
};

export const BILL_STRINGS: Record<Locale, BillStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** What a resident is told when a lookup fails: the code decides, never the raw message. */
export function billErrorText(t: BillStrings, error: unknown): string {
  switch (error instanceof LinliError ? error.code : undefined) {
    case 'BILL_ACCOUNT_UNKNOWN':
      return t.errors.unknown;
    case 'BILL_PROVIDER_TIMEOUT':
      return t.errors.timeout;
    case 'BILL_PROVIDER_UNAVAILABLE':
      return t.errors.utilityDown;
    case 'BILL_PROVIDER_REPLY_INVALID':
      return t.errors.invalidReply;
    case 'PAYMENT_EXPIRED':
      return t.expired;
    case 'PAYMENT_FAILED':
      return t.failed;
    case 'BILL_ACCOUNT_CLOSED':
      return t.statuses.closed;
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return t.errors.serverDown;
    default:
      return t.errors.other;
  }
}

/** What a resident is told when a receipt does not print; the payment itself always stands. */
export function receiptErrorText(t: BillStrings, error: unknown): string {
  switch (error instanceof LinliError ? error.code : undefined) {
    case 'PRINTER_PAPER_OUT':
      return t.receiptErrors.paperOut;
    case 'PERIPHERAL_UNAVAILABLE':
    case 'PERIPHERAL_UNKNOWN':
      return t.receiptErrors.printer;
    case 'NOT_FOUND':
      return t.receiptErrors.unknown;
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return t.errors.serverDown;
    default:
      return t.receiptErrors.other;
  }
}

/** What a resident is told when the A4 bill does not print. */
export function billPrintErrorText(t: BillStrings, error: unknown): string {
  switch (error instanceof LinliError ? error.code : undefined) {
    case 'PRINTER_PAPER_OUT':
      return t.paperOut;
    case 'SERVER_UNREACHABLE':
    case 'SERVER_REPLY_INVALID':
      return t.errors.serverDown;
    default:
      return t.billPrintFailed;
  }
}
