/**
 * The A4 printer's maintenance test page: a built-in overlay form on a blank A4 page, filled like
 * any other form. A frame 15 mm inside the page edge shows whether the printer scales or shifts;
 * the sample line includes characters only the fallback font has.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import type { FormDefinition } from '@linli/protocol/form-definition';
import type { CjkFonts } from './cjk-fonts';
import { fillForm } from './fill-form';
import { resolveFormData } from './resolve-form-data';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42.52; // 15 mm

export async function testPagePdf(printerId: string, printedAt: Date, fonts: CjkFonts): Promise<Uint8Array> {
  const blank = await PDFDocument.create();
  const page = blank.addPage(A4);
  page.drawRectangle({
    x: MARGIN,
    y: MARGIN,
    width: A4[0] - 2 * MARGIN,
    height: A4[1] - 2 * MARGIN,
    borderWidth: 1,
    borderColor: rgb(0, 0, 0),
  });
  const lines: [string, string, number][] = [
    ['title', '打印测试 · 邻里便民服务终端', 24],
    ['printer', `打印机：${printerId}`, 14],
    ['sample', '字符：中文 繁體 ABC abc 0123 ￥ 𠀀 䶮', 14],
    ['note', '四周边框距纸边 15 毫米。能看清本页文字和边框，说明打印机工作正常。', 12],
  ];
  const definition: FormDefinition = {
    id: 'printer-test-page',
    title: '打印测试',
    template: 'blank.pdf',
    mode: 'overlay',
    fields: [
      ...lines.map(([id, value, fontSize], index) => ({
        id,
        source: { from: 'constant' as const, value },
        target: { page: 0, x: 72, y: 760 - index * 40, fontSize, maxWidth: A4[0] - 144 },
      })),
      {
        id: 'date',
        source: { from: 'today', format: 'YYYY年MM月DD日' },
        target: { page: 0, x: 72, y: 600, fontSize: 14 },
      },
    ],
  };
  return fillForm(definition, await blank.save(), resolveFormData(definition, { typed: {}, today: printedAt }), fonts);
}
