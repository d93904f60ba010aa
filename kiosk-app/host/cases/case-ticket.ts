/**
 * 诉求受理单: the slip a resident takes away after a case was taken — the tracking number (on a line
 * of its own), the kind of case, when it was taken, the date a reply is due — with a QR code that
 * opens the admin server's status page for it (/case-status?no=…&v=…, no phone digits needed). Pure.
 */
import type { CaseNature, Locale } from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';

interface TicketWords {
  title: string;
  tracking: string;
  kind: string;
  natures: Record<CaseNature, string>;
  receivedAt: string;
  replyBy: string;
  footer: string;
}

const WORDS: Record<Locale, TicketWords> = {
  'zh-Hans': {
    title: '诉求受理单',
    tracking: '受理编号',
    kind: '类型',
    natures: { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议' },
    receivedAt: '登记时间',
    replyBy: '答复期限',
    footer: '扫码或凭受理编号和手机号后4位查询办理进度',
  },
  'zh-Hant': {
    title: '訴求受理單',
    tracking: '受理編號',
    kind: '類型',
    natures: { consultation: '諮詢', help: '求助', complaint: '投訴', report: '舉報', suggestion: '建議' },
    receivedAt: '登記時間',
    replyBy: '答覆期限',
    footer: '掃碼或憑受理編號和手機號後4位查詢辦理進度',
  },
  en: {
    title: 'Case receipt',
    tracking: 'Tracking no.',
    kind: 'Type',
    natures: {
      consultation: 'Question',
      help: 'Request for help',
      complaint: 'Complaint',
      report: 'Report',
      suggestion: 'Suggestion',
    },
    receivedAt: 'Received',
    replyBy: 'Reply by',
    footer: 'Scan, or use the tracking no. and the last 4 digits of your phone, to follow it',
  },
};

/** The status page of a case under the admin server's address as residents' phones reach it. */
export function caseStatusLink(linkBase: string, tracking: string, code: string): string {
  return `${linkBase.replace(/\/+$/, '')}/case-status?no=${tracking}&v=${encodeURIComponent(code)}`;
}

/** `receivedAt` is already formatted for people; `category` is the category's name in `locale`. */
export function caseTicket(
  ticket: { tracking: string; nature: CaseNature; category: string; receivedAt: string; replyBy: string },
  locale: Locale,
  link: string,
): Receipt {
  const words = WORDS[locale];
  return {
    title: words.title,
    rows: [
      { label: words.tracking, value: ticket.tracking, below: true },
      { label: words.kind, value: `${words.natures[ticket.nature]} · ${ticket.category}` },
      { label: words.receivedAt, value: ticket.receivedAt },
      { label: words.replyBy, value: ticket.replyBy },
    ],
    footer: words.footer,
    qrCode: link,
  };
}
