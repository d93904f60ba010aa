/**
 * 排队凭条: the slip a resident takes to wait with — the hall's name, the number in large type (with
 * 优先 under it for the elder queue), the business, the people before it and the wait estimated when
 * it was taken, the time, and a QR code of the page that follows the ticket on a phone. Pure.
 */
import type { Locale, QueueTicketReceipt } from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';

interface SlipWords {
  priority: string;
  business: string;
  before: string;
  people: (count: number) => string;
  wait: string;
  minutes: (minutes: number) => string;
  takenAt: string;
  footer: string;
}

const WORDS: Record<Locale, SlipWords> = {
  'zh-Hans': {
    priority: '优先',
    business: '办理业务',
    before: '您前面还有',
    people: (count) => `${count} 人`,
    wait: '预计等候',
    minutes: (minutes) => (minutes === 0 ? '即将叫号' : `约 ${minutes} 分钟`),
    takenAt: '取号时间',
    footer: '扫码查看排队进度',
  },
  'zh-Hant': {
    priority: '優先',
    business: '辦理業務',
    before: '您前面還有',
    people: (count) => `${count} 人`,
    wait: '預計等候',
    minutes: (minutes) => (minutes === 0 ? '即將叫號' : `約 ${minutes} 分鐘`),
    takenAt: '取號時間',
    footer: '掃碼查看排隊進度',
  },
  en: {
    priority: 'Priority',
    business: 'Service',
    before: 'Before you',
    people: (count) => (count === 1 ? '1 person' : `${count} people`),
    wait: 'Est. wait',
    minutes: (minutes) => (minutes === 0 ? 'called soon' : `about ${minutes} min`),
    takenAt: 'Taken at',
    footer: 'Scan to follow the queue on your phone',
  },
};

/** `takenAt` is already formatted for people (the layout reads no clock or time zone). */
export function queueTicketSlip(ticket: QueueTicketReceipt, locale: Locale, takenAt: string): Receipt {
  const words = WORDS[locale];
  return {
    heading: ticket.hallName,
    // The title prints double width and height: the number, and 优先 on a line of its own under it.
    title: ticket.priority === 'elder' ? `${ticket.label}\n${words.priority}` : ticket.label,
    rows: [
      { label: words.business, value: ticket.businessName },
      { label: words.before, value: words.people(ticket.waitingBefore) },
      { label: words.wait, value: words.minutes(ticket.estimatedMinutes) },
      { label: words.takenAt, value: takenAt },
    ],
    footer: words.footer,
    qrCode: ticket.followUrl,
  };
}
