/**
 * 打印材料清单: what a resident most wants to carry away from a guide — the materials to bring, and
 * where, when and whom to ask — as a receipt, with a QR code that opens the guide on a phone (the
 * admin server's public page, /guides/<id>; a kiosk's scanner opens it too). Pure.
 */
import type { Guide, Locale } from '@linli/protocol';
import type { Receipt, ReceiptRow } from '@linli/device-drivers/receipt-printer/receipt-layout';

const LABELS: Record<
  Locale,
  { required: string; ifAny: string; office: string; address: string; hours: string; phone: string; scan: string }
> = {
  'zh-Hans': {
    required: '必需',
    ifAny: '如有',
    office: '办理地点',
    address: '地址',
    hours: '办公时间',
    phone: '咨询电话',
    scan: '手机扫码查看完整办事指南',
  },
  'zh-Hant': {
    required: '必需',
    ifAny: '如有',
    office: '辦理地點',
    address: '地址',
    hours: '辦公時間',
    phone: '諮詢電話',
    scan: '手機掃碼查看完整辦事指南',
  },
  en: {
    required: 'required',
    ifAny: 'if any',
    office: 'Office',
    address: 'Address',
    hours: 'Hours',
    phone: 'Phone',
    scan: 'Scan to read the whole guide on your phone',
  },
};

/** The public page of a guide under the admin server's address as residents' phones reach it. */
export function guideLink(linkBase: string, id: string): string {
  return `${linkBase.replace(/\/+$/, '')}/guides/${encodeURIComponent(id)}`;
}

/** `guide` is already in the resident's language (繁體 converted); the labels follow `locale`. */
export function checklistReceipt(guide: Guide, locale: Locale, link: string): Receipt {
  const label = LABELS[locale];
  const materials: ReceiptRow[] = guide.materials.map((material, index) => ({
    label: `${index + 1}.`,
    value: [material.name, material.copies, material.required ? label.required : label.ifAny]
      .filter(Boolean)
      .join(' · '),
  }));
  const office: ReceiptRow[] = [
    { label: label.office, value: guide.office.name },
    { label: label.address, value: guide.office.address },
    { label: label.hours, value: guide.office.hours },
    { label: label.phone, value: guide.office.phone },
  ].filter((row) => row.value);
  return { title: guide.title, rows: [...materials, ...office], footer: label.scan, qrCode: link };
}
