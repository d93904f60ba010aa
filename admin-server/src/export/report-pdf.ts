/**
 * A report as an A4 PDF: the title, the subtree and period, then each section's chart — the very
 * ECharts option the admin UI draws, rendered here by ECharts' server-side SVG renderer with text
 * measured by the PDF's own fonts, and painted as vectors — and its table (the total set apart by
 * a rule, numbers right-aligned, the header repeated on each page), page numbers at the foot.
 * Chinese text goes through the drivers' CJK fonts, fallbacks included (device-drivers/pdf-forms).
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import {
  PDFDocument,
  concatTransformationMatrix,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFPage,
} from 'pdf-lib';
import {
  reportChartOption,
  type ChartOption,
  type Locale,
  type ReportDocument,
  type ReportSection,
} from '@linli/protocol';
import type { CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import { fontEmbedder, pdfTextFor, type PdfText } from '@linli/device-drivers/pdf-forms/pdf-text';
import { beijingMinute } from '../bills/beijing-time';
import { REPORT_WORDS } from '../domain/report-words';
import { chartPaint, multiply, type Matrix, type Paint } from './chart-paint';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER = 28;
/** The chart is laid out at this size in CSS pixels (as the admin UI's box), then scaled to the page. */
const CHART_PX = { width: 720, height: 330 };
const TABLE_SIZE = 9;
const ROW_HEIGHT = 16;
const CHART_SCALE = CONTENT_WIDTH / CHART_PX.width;
const CHART_HEIGHT = CHART_PX.height * CHART_SCALE;
const HEADING = 13;
const INK = rgb(0.13, 0.13, 0.13);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.8, 0.8);
const HEADER_FILL = rgb(0.93, 0.95, 0.97);

/** A chart option drawn as SVG by ECharts on the server, text measured by `measure` (size in px). */
export function chartSvg(option: ChartOption, measure: (text: string, size: number) => number): string {
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => ({
      width: measure(text, Number(/([\d.]+)px/.exec(font ?? '')?.[1] ?? 12)),
    }),
  });
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, ...CHART_PX });
  // Paper has no tooltips; and ECharts writes a quoted font family into the SVG's style attribute
  // unescaped, so the server names none (the PDF's own fonts draw the text whatever is named).
  const { tooltip: _tooltip, ...printable } = option;
  try {
    chart.setOption({ ...printable, textStyle: { fontFamily: 'sans-serif' } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A number as a table shows it: digits grouped, decimals as computed; — for unknown. */
export function cellText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

function allTexts(document: ReportDocument, locale: Locale): string[] {
  const words = REPORT_WORDS[locale];
  return [
    document.title,
    document.subtitle,
    words.generated('0000-00-00 00:00'),
    words.page(0, 0),
    '…—0123456789.,-%',
    ...document.sections.flatMap((section) => [
      section.heading,
      section.rowHeader,
      section.note ?? '',
      ...section.columns.flatMap((column) => [column.name, column.unit]),
      ...section.rows.map((row) => row.label),
      section.total?.label ?? '',
    ]),
  ];
}

/** `text` cut with … to fit `width`. */
function fitted(text: string, width: number, size: number, font: PdfText): string {
  if (font.measure(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && font.measure(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

class PageWriter {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** The next line's top, in points from the bottom. */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly font: PdfText,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  room(height: number) {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  text(text: string, size: number, options: { x?: number; colour?: typeof INK } = {}) {
    this.font.draw(this.page, text, { x: options.x ?? MARGIN, y: this.y - size, size, color: options.colour ?? INK });
    this.y -= size * 1.5;
  }

  paint(items: Paint[], chartHeight: number, scale: number) {
    // SVG's pixels (y down) onto the page (points, y up) at the chart's top left.
    const toPage: Matrix = [scale, 0, 0, -scale, MARGIN, this.y];
    for (const item of items) {
      if (item.kind === 'path') {
        // pdf-lib's drawSvgPath flips y itself; the flip here undoes it.
        const matrix = multiply(multiply(toPage, item.matrix), [1, 0, 0, -1, 0, 0]);
        this.page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix));
        this.page.drawSvgPath(item.d, {
          x: 0,
          y: 0,
          ...(item.fill && { color: rgb(item.fill.r, item.fill.g, item.fill.b), opacity: clamp(item.fillOpacity) }),
          ...(item.stroke && {
            borderColor: rgb(item.stroke.r, item.stroke.g, item.stroke.b),
            borderWidth: item.strokeWidth,
            borderOpacity: clamp(item.strokeOpacity),
          }),
        });
        this.page.pushOperators(popGraphicsState());
      } else {
        const width = this.font.measure(item.text, item.fontSize);
        const dx = item.anchor === 'middle' ? -width / 2 : item.anchor === 'end' ? -width : 0;
        const dy =
          item.baseline === 'middle' ? 0.38 * item.fontSize : item.baseline === 'top' ? 0.88 * item.fontSize : 0;
        const at: Matrix = [1, 0, 0, -1, item.x + dx, item.y + dy];
        const matrix = multiply(multiply(toPage, item.matrix), at);
        this.page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix));
        this.font.draw(this.page, item.text, {
          x: 0,
          y: 0,
          size: item.fontSize,
          color: rgb(item.fill.r, item.fill.g, item.fill.b),
        });
        this.page.pushOperators(popGraphicsState());
      }
    }
    this.y -= chartHeight;
  }
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

function drawChart(writer: PageWriter, section: ReportSection) {
  const option = reportChartOption(section);
  if (!option) return;
  writer.room(CHART_HEIGHT + 8);
  const svg = chartSvg(option, (text, size) => writer.font.measure(text, size));
  writer.paint(chartPaint(svg).items, CHART_HEIGHT, CHART_SCALE);
  writer.y -= 8;
}

function drawTable(writer: PageWriter, section: ReportSection) {
  const { font } = writer;
  const labels = [section.rowHeader, ...section.rows.map((row) => row.label), section.total?.label ?? ''];
  const columns = section.columns.length;
  const labelWidth = Math.min(
    CONTENT_WIDTH * (columns > 4 ? 0.3 : 0.45),
    Math.max(...labels.map((label) => font.measure(label, TABLE_SIZE))) + 12,
  );
  const cellWidth = columns > 0 ? (CONTENT_WIDTH - labelWidth) / columns : 0;
  // Units go on a second header line, when any column has one.
  const headerLines = section.columns.some((column) => column.unit) ? 2 : 1;
  const header = () => {
    writer.room(ROW_HEIGHT * (headerLines + 1) + 4);
    const top = writer.y;
    writer.page.drawRectangle({
      x: MARGIN,
      y: top - ROW_HEIGHT * headerLines,
      width: CONTENT_WIDTH,
      height: ROW_HEIGHT * headerLines,
      color: HEADER_FILL,
    });
    const draw = (text: string, x: number, line: number, width: number, right: boolean, colour = INK) => {
      const shown = fitted(text, width - 8, TABLE_SIZE, font);
      const left = right ? x + width - 4 - font.measure(shown, TABLE_SIZE) : x + 4;
      font.draw(writer.page, shown, { x: left, y: top - ROW_HEIGHT * line + 4, size: TABLE_SIZE, color: colour });
    };
    draw(section.rowHeader, MARGIN, 1, labelWidth, false);
    section.columns.forEach((column, index) => {
      const x = MARGIN + labelWidth + index * cellWidth;
      draw(column.name, x, 1, cellWidth, true);
      if (column.unit) draw(column.unit, x, 2, cellWidth, true, MUTED);
    });
    writer.y = top - ROW_HEIGHT * headerLines;
  };
  const row = (label: string, values: Array<number | null>) => {
    if (writer.y - ROW_HEIGHT < MARGIN + FOOTER) {
      writer.newPage();
      header();
    }
    const baseline = writer.y - ROW_HEIGHT + 4;
    font.draw(writer.page, fitted(label, labelWidth - 8, TABLE_SIZE, font), {
      x: MARGIN + 4,
      y: baseline,
      size: TABLE_SIZE,
      color: INK,
    });
    values.forEach((value, index) => {
      const text = cellText(value);
      const right = MARGIN + labelWidth + (index + 1) * cellWidth - 4;
      font.draw(writer.page, text, {
        x: right - font.measure(text, TABLE_SIZE),
        y: baseline,
        size: TABLE_SIZE,
        color: INK,
      });
    });
    writer.y -= ROW_HEIGHT;
    writer.page.drawLine({
      start: { x: MARGIN, y: writer.y },
      end: { x: MARGIN + CONTENT_WIDTH, y: writer.y },
      thickness: 0.5,
      color: RULE,
    });
  };
  header();
  for (const each of section.rows) row(each.label, each.values);
  if (section.total) {
    row(section.total.label, section.total.values);
    // The total is set apart by a heavier rule above it.
    writer.page.drawLine({
      start: { x: MARGIN, y: writer.y + ROW_HEIGHT },
      end: { x: MARGIN + CONTENT_WIDTH, y: writer.y + ROW_HEIGHT },
      thickness: 1.2,
      color: INK,
    });
  }
  writer.y -= 12;
}

/** The report as A4 pages; `fonts` from loadCjkFonts (the server loads them once, on the first PDF). */
export async function reportPdf(document: ReportDocument, locale: Locale, fonts: CjkFonts): Promise<Uint8Array> {
  const words = REPORT_WORDS[locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fonts.fontkit);
  doc.setTitle(document.title);
  doc.setCreator('Linli 邻里');
  doc.setLanguage(locale === 'en' ? 'en' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
  doc.setCreationDate(new Date(document.generatedAt));
  const font = await pdfTextFor(fonts, fontEmbedder(doc, fonts, true), allTexts(document, locale));
  const writer = new PageWriter(doc, font);
  writer.text(document.title, 18);
  writer.text(document.subtitle, 11, { colour: MUTED });
  writer.y -= 6;
  for (const section of document.sections) {
    // A heading stays with what follows it: the chart, or the table's first rows.
    const chart = reportChartOption(section) !== undefined;
    writer.room(HEADING * 1.5 + (chart ? CHART_HEIGHT + 8 : ROW_HEIGHT * 4));
    writer.text(section.heading, HEADING);
    if (section.note) writer.text(section.note, 10, { colour: MUTED });
    drawChart(writer, section);
    if (section.columns.length > 0) drawTable(writer, section);
  }
  const generated = words.generated(beijingMinute(new Date(document.generatedAt)));
  writer.pages.forEach((page, index) => {
    const footer = words.page(index + 1, writer.pages.length);
    font.draw(page, generated, { x: MARGIN, y: MARGIN / 2, size: 8, color: MUTED });
    font.draw(page, footer, { x: A4.width - MARGIN - font.measure(footer, 8), y: MARGIN / 2, size: 8, color: MUTED });
  });
  return doc.save();
}
