/** The words of what the host prints about bills — the receipt and the A4 bill — in each interface language. */
import type { BillAccountStatus, Locale, UsageUnit, Utility } from '@linli/protocol';

export interface BillWords {
  receiptTitle: string;
  billTitle: (utility: string) => string;
  utility: Record<Utility, string>;
  item: string;
  provider: string;
  account: string;
  holder: string;
  address: string;
  status: string;
  statuses: Record<BillAccountStatus, string>;
  amountDue: string;
  period: string;
  usage: string;
  billAmount: string;
  dueDate: string;
  tiers: string;
  tierLine: (tier: number, range: string, price: string, used: string) => string;
  upTo: (to: string) => string;
  above: (from: string) => string;
  history: string;
  units: Record<UsageUnit, string>;
  amount: string;
  paidAt: string;
  transaction: string;
  writeOff: string;
  confirming: string;
  scan: string;
  askedAt: (time: string) => string;
  billNote: string;
}

/** An amount as printed: ￥ and yuan to the fen, in every language. */
export const yuanWords = (fen: number) => `￥${(fen / 100).toFixed(2)}`;

const zhHans: BillWords = {
  receiptTitle: '缴费回执',
  billTitle: (utility) => `${utility}账单`,
  utility: { water: '水费', electricity: '电费', gas: '燃气费' },
  item: '缴费项目',
  provider: '缴费单位',
  account: '户号',
  holder: '户名',
  address: '地址',
  status: '状态',
  statuses: { normal: '正常', arrears: '欠费', closed: '已销户' },
  amountDue: '应缴金额',
  period: '账期',
  usage: '用量',
  billAmount: '本期金额',
  dueDate: '缴费截止日',
  tiers: '阶梯价格',
  tierLine: (tier, range, price, used) => `第${tier}档（${range}）${price}${used ? `：本期 ${used}` : ''}`,
  upTo: (to) => `${to}以内`,
  above: (from) => `超过${from}`,
  history: '近12个月用量',
  units: { m3: '立方米', kWh: '千瓦时' },
  amount: '金额',
  paidAt: '缴费时间',
  transaction: '交易号',
  writeOff: '销账编号',
  confirming: '缴费单位确认中',
  scan: '手机扫码核验回执真伪',
  askedAt: (time) => `查询时间 ${time}（北京时间）`,
  billNote: '本账单由社区便民服务终端按查询时缴费单位的数据打印，仅供参考，以缴费单位账单为准。',
};

const zhHant: BillWords = {
  ...zhHans,
  receiptTitle: '繳費回執',
  billTitle: (utility) => `${utility}帳單`,
  utility: { water: '水費', electricity: '電費', gas: '燃氣費' },
  item: '繳費項目',
  provider: '繳費單位',
  account: '戶號',
  holder: '戶名',
  address: '地址',
  status: '狀態',
  statuses: { normal: '正常', arrears: '欠費', closed: '已銷戶' },
  amountDue: '應繳金額',
  period: '帳期',
  usage: '用量',
  billAmount: '本期金額',
  dueDate: '繳費截止日',
  tiers: '階梯價格',
  tierLine: (tier, range, price, used) => `第${tier}檔（${range}）${price}${used ? `：本期 ${used}` : ''}`,
  upTo: (to) => `${to}以內`,
  above: (from) => `超過${from}`,
  history: '近12個月用量',
  units: { m3: '立方米', kWh: '千瓦時' },
  amount: '金額',
  paidAt: '繳費時間',
  transaction: '交易號',
  writeOff: '銷帳編號',
  confirming: '繳費單位確認中',
  scan: '手機掃碼核驗回執真偽',
  askedAt: (time) => `查詢時間 ${time}（北京時間）`,
  billNote: '本帳單由社區便民服務終端按查詢時繳費單位的資料列印，僅供參考，以繳費單位帳單為準。',
};

const en: BillWords = {
  receiptTitle: 'Payment receipt',
  billTitle: (utility) => `${utility} bill`,
  utility: { water: 'Water', electricity: 'Electricity', gas: 'Gas' },
  item: 'Bill',
  provider: 'Utility',
  account: 'Account',
  holder: 'Name',
  address: 'Address',
  status: 'Status',
  statuses: { normal: 'In good standing', arrears: 'Overdue', closed: 'Closed' },
  amountDue: 'Amount due',
  period: 'Period',
  usage: 'Usage',
  billAmount: 'This bill',
  dueDate: 'Due by',
  tiers: 'Tiered prices',
  tierLine: (tier, range, price, used) => `Tier ${tier} (${range}): ${price}${used ? `; this bill ${used}` : ''}`,
  upTo: (to) => `up to ${to}`,
  above: (from) => `above ${from}`,
  history: 'Usage, last 12 months',
  units: { m3: 'm³', kWh: 'kWh' },
  amount: 'Amount',
  paidAt: 'Paid',
  transaction: 'Transaction',
  writeOff: 'Write-off no.',
  confirming: 'being confirmed',
  scan: 'Scan to check this receipt is genuine',
  askedAt: (time) => `As of ${time} (Beijing time)`,
  billNote:
    "Printed by the community service kiosk from the utility's data at the time asked; for reference only — the utility's own bill prevails.",
};

export const BILL_WORDS: Record<Locale, BillWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
