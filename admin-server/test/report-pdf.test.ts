// Report PDFs: the chart ECharts draws on the server read into paints, and the A4 document read back
// with pdftotext and pdffonts (real fonts, real PDF, real poppler).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ReportDocument, ReportSection } from '@linli/protocol';
import { DEBIAN_CJK_FONTS, loadCjkFonts, type CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import { chartPaint, multiply, parseColour, parseTransform } from '../src/export/chart-paint';
import { cellText, reportPdf } from '../src/export/report-pdf';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'linli-report-pdf-'));
let fonts: CjkFonts;
before(async () => {
  fonts = await loadCjkFonts(DEBIAN_CJK_FONTS);
});
after(() => rmSync(workDir, { recursive: true, force: true }));

function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo', pdf: Uint8Array, args: string[] = []): string {
  const file = path.join(workDir, `${tool}-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, tool === 'pdftotext' ? [...args, file, '-'] : [...args, file], { encoding: 'utf8' });
}

test('SVG transforms compose in order: a translate after a scale moves in the scaled units', () => {
  assert.deepEqual(parseTransform('translate(10 20)'), [1, 0, 0, 1, 10, 20]);
  assert.deepEqual(parseTransform('matrix(3,0,0,3,165,194.5)'), [3, 0, 0, 3, 165, 194.5]);
  assert.deepEqual(parseTransform('scale(2) translate(5,5)'), [2, 0, 0, 2, 10, 10]);
  const turned = parseTransform('rotate(90)');
  assert.deepEqual(
    turned.map((n) => Math.round(n * 1e9) / 1e9),
    [0, 1, -1, 0, 0, 0],
  );
  assert.deepEqual(multiply([1, 0, 0, 1, 5, 0], [2, 0, 0, 2, 0, 0]), [2, 0, 0, 2, 5, 0]);
});

test('colours: hex short and long, rgb and rgba with their alpha, none as nothing', () => {
  assert.deepEqual(parseColour('#fff'), { colour: { r: 1, g: 1, b: 1 }, alpha: 1 });
  assert.deepEqual(parseColour('#0072B2')?.colour.b, 0xb2 / 255);
  assert.deepEqual(parseColour('rgba(0,0,0,0.5)'), { colour: { r: 0, g: 0, b: 0 }, alpha: 0.5 });
  assert.equal(parseColour('none'), undefined);
  assert.equal(parseColour('transparent'), undefined);
});

test("an ECharts SVG's paths and texts are read with their place; clip paths and styles are left out", () => {
  const svg = `<svg width="600" height="300" xmlns="http://www.w3.org/2000/svg">
    <rect width="600" height="300" x="0" y="0" fill="none"></rect>
    <path d="M90 220.5L540 220.5" fill="none" stroke="#dbdee4"></path>
    <text dominant-baseline="central" text-anchor="end" style="font-size:12px;font-family:sans-serif;" transform="translate(82 220)" fill="#54555a">0</text>
    <g clip-path="url(#c0)"><path d="M1 0L2 2" fill="#5070dd" fill-opacity="0.5"></path></g>
    <defs><clipPath id="c0"><path d="M0 0l10 0l0 10Z" fill="#000"></path></clipPath></defs>
    <style><![CDATA[.a:hover { fill: red; }]]></style>
  </svg>`;
  const paint = chartPaint(svg);
  assert.equal(paint.width, 600);
  assert.deepEqual(
    paint.items.map((item) => item.kind),
    ['path', 'text', 'path'],
    'the empty background rect paints nothing; the clip path is not painted',
  );
  const [grid, label, bar] = paint.items;
  assert.equal(grid?.kind === 'path' && grid.fill, undefined);
  assert.ok(label?.kind === 'text' && label.anchor === 'end' && label.baseline === 'middle' && label.fontSize === 12);
  assert.deepEqual(label.matrix, [1, 0, 0, 1, 82, 220]);
  assert.ok(bar?.kind === 'path' && bar.fillOpacity === 0.5);
});

test('table cells: grouped digits, decimals kept, a dash for unknown', () => {
  assert.equal(cellText(12345), '12,345');
  assert.equal(cellText(27.1), '27.1');
  assert.equal(cellText(null), '—');
});

const units = ['临江社区', '滨江社区', '望江社区', '江南社区', '𠀀号社区'];
function section(rows: number, chart: ReportSection['chart']): ReportSection {
  return {
    heading: '各社区服务人次',
    rowHeader: '单位',
    columns: [
      { id: 'visit', name: '服务人次', unit: '次' },
      { id: 'search', name: '查询次数', unit: '次' },
    ],
    rows: Array.from({ length: rows }, (_, index) => ({
      label: `${units[index % units.length]}${index >= units.length ? index : ''}`,
      values: [1000 + index * 37, index % 3 === 0 ? null : 400 + index],
    })),
    total: { label: '临江街道（合计）', values: [123456, 7890] },
    chart,
  };
}

const doc = (sections: ReportSection[]): ReportDocument => ({
  title: '社区服务月报',
  subtitle: '临江街道 · 2026年11月',
  node: { id: 2, name: '临江街道', level: 'street' },
  from: '2026-11-01',
  to: '2026-11-30',
  generatedAt: '2026-12-01T01:30:00.000Z',
  sections,
});

test('a report PDF on A4: title, the chart drawn with its legend and labels, the table with its total, fonts embedded as subsets', async () => {
  const pdf = await reportPdf(doc([section(5, 'bar')]), 'zh-Hans', fonts);
  const info = poppler('pdfinfo', pdf);
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, /Pages:\s+1/);
  assert.match(info, /Title:\s+社区服务月报/);
  const text = poppler('pdftotext', pdf).replace(/[ \t]+/g, ' ');
  for (const expected of [
    '社区服务月报',
    '临江街道 · 2026年11月',
    '单位',
    '服务人次',
    '临江街道（合计）',
    '123,456',
    '—',
    '第 1 页，共 1 页',
  ])
    assert.ok(text.includes(expected), `the PDF says ${expected}`);
  assert.ok(text.includes('𠀀号社区'), 'a character only the fallback face has is drawn by it');
  assert.ok(text.includes('服务人次（次）'), "the chart's legend is text, drawn by the server");
  const fontList = poppler('pdffonts', pdf);
  assert.match(fontList, /[A-Z]{6}\+NotoSansCJKsc-Regular/);
  assert.match(fontList, /[A-Z]{6}\+HanaMinB/);
  assert.ok(pdf.length < 400_000, `a one-page report stays small (${pdf.length} bytes)`);
});

test('a long table goes on over pages with its header again; every page is numbered', async () => {
  const pdf = await reportPdf(doc([section(120, 'line')]), 'en', fonts);
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf))?.[1]);
  assert.ok(pages >= 3, `120 rows and a chart take several pages (${pages})`);
  const last = poppler('pdftotext', pdf, ['-f', String(pages), '-l', String(pages)]);
  assert.ok(last.includes(`Page ${pages} of ${pages}`));
  assert.ok(last.includes('单位') && last.includes('服务人次'), 'the header is repeated');
});
