/**
 * A bill on A4, for a resident who wants it on paper: the utility and the time it answered, the
 * account (masked as on the screen), the amount due and status, the current bill with its tiered
 * prices, and the last 12 months as a bar chart with each month's usage. The text goes through the
 * form filler (CJK fonts with fallbacks, nothing that would not print); the bars are drawn on the
 * blank page it fills.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import { usageBars, type BillAccount, type FormDefinition, type Locale } from '@linli/protocol';
import type { CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import { fillForm } from '@linli/device-drivers/pdf-forms/fill-form';
import { resolveFormData } from '@linli/device-drivers/pdf-forms/resolve-form-data';
import { BILL_WORDS, yuanWords } from './bill-words';

const A4: [number, number] = [595.28, 841.89];
const LEFT = 72;
const TEXT_WIDTH = A4[0] - 2 * LEFT;
/** The chart's plotting area (points from the page's lower left). */
const CHART = { x: LEFT, y: 150, width: TEXT_WIDTH, height: 150 };

interface Line {
  text: string;
  fontSize: number;
  x?: number;
  y: number;
  maxWidth?: number;
}

/** `askedAt`: when the utility answered, already formatted for people. */
export async function billPdf(
  account: BillAccount,
  locale: Locale,
  fonts: CjkFonts,
  askedAt: string,
): Promise<Uint8Array> {
  const words = BILL_WORDS[locale];
  const bill = account.currentBill;
  const unit = words.units[bill?.unit ?? (account.utility === 'electricity' ? 'kWh' : 'm3')];
  const lines: Line[] = [];
  let y = 770;
  const add = (text: string, fontSize: number, gap: number) => {
    lines.push({ text, fontSize, y, maxWidth: TEXT_WIDTH });
    y -= gap;
  };
  add(`${words.billTitle(words.utility[account.utility])} · ${account.provider.name}`, 20, 26);
  add(words.askedAt(askedAt), 10, 28);
  const facts: [string, string][] = [
    [words.account, account.accountMasked],
    [words.holder, account.holderMasked],
    [words.address, account.addressMasked],
    [words.status, words.statuses[account.status]],
    [words.amountDue, yuanWords(account.amountDueFen)],
    ...(bill
      ? ([
          [words.period, bill.period],
          [words.usage, `${bill.usage} ${unit}`],
          [words.billAmount, yuanWords(bill.amountFen)],
          [words.dueDate, bill.dueDate],
        ] as [string, string][])
      : []),
  ];
  for (const [label, value] of facts) add(`${label}：${value}`, 13, 21);
  if (bill && bill.tiers.length > 0) {
    y -= 8;
    add(words.tiers, 13, 20);
    for (const tier of bill.tiers) {
      const range = tier.to === undefined ? words.above(`${tier.from} ${unit}`) : words.upTo(`${tier.to} ${unit}`);
      const used = tier.usage > 0 ? `${tier.usage} ${unit}，${yuanWords(tier.amountFen)}` : '';
      add(words.tierLine(tier.tier, range, `${tier.unitPrice} 元/${unit}`, used), 11, 17);
    }
  }

  // 近12个月用量: a bar per month, its usage above it and its month below.
  const blank = await PDFDocument.create();
  const page = blank.addPage(A4);
  const history = account.history.slice(-12);
  if (history.length > 0) {
    lines.push({ text: `${words.history}（${unit}）`, fontSize: 13, y: CHART.y + CHART.height + 30 });
    const { bars } = usageBars(history, CHART, bill?.period);
    for (const bar of bars) {
      page.drawRectangle({
        x: CHART.x + bar.x,
        y: CHART.y,
        width: bar.width,
        height: Math.max(bar.height, 0.5),
        color: bar.current ? rgb(0.1, 0.34, 0.66) : rgb(0.62, 0.7, 0.82),
      });
      lines.push({ text: String(bar.usage), fontSize: 8, x: CHART.x + bar.x, y: CHART.y + bar.height + 4 });
      lines.push({ text: bar.period.slice(2), fontSize: 8, x: CHART.x + bar.x, y: CHART.y - 14 });
    }
    page.drawLine({
      start: { x: CHART.x, y: CHART.y },
      end: { x: CHART.x + CHART.width, y: CHART.y },
      thickness: 0.5,
      color: rgb(0, 0, 0),
    });
  }
  lines.push({ text: words.billNote, fontSize: 9, y: 80, maxWidth: TEXT_WIDTH });

  const definition: FormDefinition = {
    id: 'bill',
    title: words.billTitle(words.utility[account.utility]),
    template: 'blank.pdf',
    mode: 'overlay',
    fields: lines.map((line, index) => ({
      id: `line${index}`,
      source: { from: 'constant' as const, value: line.text },
      target: {
        page: 0,
        x: line.x ?? LEFT,
        y: line.y,
        fontSize: line.fontSize,
        ...(line.maxWidth ? { maxWidth: line.maxWidth } : {}),
      },
    })),
  };
  return fillForm(
    definition,
    await blank.save(),
    resolveFormData(definition, { typed: {}, today: new Date(account.fetchedAt) }),
    fonts,
  );
}
