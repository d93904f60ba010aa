/**
 * An ECharts chart drawn as SVG on the server, read into what a PDF page paints (pure): paths with
 * their fill and stroke, texts with their anchor and baseline, each with the transform it sits
 * under. Only what ECharts' SVG renderer writes is understood (path, rect, circle, line, text, g);
 * definitions, clip paths and styles are left out — a chart on paper needs neither hover styles
 * nor clipping, its series stay inside the grid by themselves.
 */
import { readXml, type XmlElement } from '../import/xml-reader';

/** An affine transform as SVG and PDF write it: (x, y) → (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface PathPaint {
  kind: 'path';
  d: string;
  matrix: Matrix;
  fill?: Rgb;
  fillOpacity: number;
  stroke?: Rgb;
  strokeWidth: number;
  strokeOpacity: number;
}

export interface TextPaint {
  kind: 'text';
  text: string;
  matrix: Matrix;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** Where `y` is on the text: its middle (ECharts' `central`), its top, or the baseline. */
  baseline: 'middle' | 'top' | 'alphabetic';
  fontSize: number;
  fill: Rgb;
}

export type Paint = PathPaint | TextPaint;

export interface ChartPaint {
  width: number;
  height: number;
  items: Paint[];
}

/** `m1` after `m2`: the transform that applies `m2` first. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1;
  const [a2, b2, c2, d2, e2, f2] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

/** An SVG transform list (matrix, translate, scale, rotate), in order. */
export function parseTransform(text: string | undefined): Matrix {
  let matrix = IDENTITY;
  if (!text) return matrix;
  for (const [, name, argText] of text.matchAll(/(matrix|translate|scale|rotate)\s*\(([^)]*)\)/g)) {
    const args = argText!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    let step: Matrix = IDENTITY;
    if (name === 'matrix' && args.length === 6) step = args as unknown as Matrix;
    else if (name === 'translate') step = [1, 0, 0, 1, args[0] ?? 0, args[1] ?? 0];
    else if (name === 'scale') step = [args[0] ?? 1, 0, 0, args[1] ?? args[0] ?? 1, 0, 0];
    else if (name === 'rotate') {
      const angle = ((args[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [args[1] ?? 0, args[2] ?? 0];
      const turn: Matrix = [Math.cos(angle), Math.sin(angle), -Math.sin(angle), Math.cos(angle), 0, 0];
      step = multiply(multiply([1, 0, 0, 1, cx, cy], turn), [1, 0, 0, 1, -cx, -cy]);
    }
    matrix = multiply(matrix, step);
  }
  return matrix;
}

/** `#rgb`, `#rrggbb`, `rgb(…)`, `rgba(…)` → colour and its alpha; undefined for none or transparent. */
export function parseColour(text: string | undefined): { colour: Rgb; alpha: number } | undefined {
  if (text === undefined || text === 'none' || text === 'transparent') return undefined;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((digit) => digit + digit).join('') : hex[1]!;
    const [r, g, b] = [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16) / 255);
    return { colour: { r: r!, g: g!, b: b! }, alpha: 1 };
  }
  const functional = /^rgba?\(([^)]*)\)$/i.exec(text.trim());
  if (functional) {
    const [r = 0, g = 0, b = 0, alpha = 1] = functional[1]!.split(',').map((part) => Number(part.trim()));
    return { colour: { r: r / 255, g: g / 255, b: b / 255 }, alpha };
  }
  return undefined;
}

function styleOf(element: XmlElement): Record<string, string> {
  const style: Record<string, string> = {};
  for (const declaration of (element.attributes.style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) style[declaration.slice(0, colon).trim()] = declaration.slice(colon + 1).trim();
  }
  return style;
}

const number = (text: string | undefined, fallback = 0) => {
  const value = Number(text);
  return text === undefined || Number.isNaN(value) ? fallback : value;
};

/** The outline of a shape ECharts may write as an element of its own, as path data. */
function shapePath(element: XmlElement): string | undefined {
  const a = element.attributes;
  switch (element.name) {
    case 'path':
      return a.d;
    case 'rect': {
      const [x, y, w, h] = [number(a.x), number(a.y), number(a.width), number(a.height)];
      return `M${x} ${y}h${w}v${h}h${-w}Z`;
    }
    case 'circle': {
      const [cx, cy, r] = [number(a.cx), number(a.cy), number(a.r)];
      return `M${cx - r} ${cy}A${r} ${r} 0 1 0 ${cx + r} ${cy}A${r} ${r} 0 1 0 ${cx - r} ${cy}Z`;
    }
    case 'line':
      return `M${number(a.x1)} ${number(a.y1)}L${number(a.x2)} ${number(a.y2)}`;
    default:
      return undefined;
  }
}

const SKIPPED = new Set(['defs', 'clipPath', 'style', 'title', 'desc', 'linearGradient', 'radialGradient', 'pattern']);

/** What an ECharts SVG paints, in document order. */
export function chartPaint(svg: string): ChartPaint {
  const root = readXml(svg, 'chart');
  const items: Paint[] = [];
  const visit = (element: XmlElement, parent: Matrix) => {
    if (SKIPPED.has(element.name)) return;
    const matrix = multiply(parent, parseTransform(element.attributes.transform));
    const a = element.attributes;
    if (element.name === 'text') {
      const fill = parseColour(a.fill ?? '#000');
      const style = styleOf(element);
      const baseline = a['dominant-baseline'] ?? style['dominant-baseline'];
      if (fill && element.text.trim() !== '')
        items.push({
          kind: 'text',
          text: element.text,
          matrix,
          x: number(a.x),
          y: number(a.y),
          anchor: a['text-anchor'] === 'middle' || a['text-anchor'] === 'end' ? a['text-anchor'] : 'start',
          baseline:
            baseline === 'central' || baseline === 'middle'
              ? 'middle'
              : baseline === 'hanging' || baseline === 'text-before-edge'
                ? 'top'
                : 'alphabetic',
          fontSize: number(/([\d.]+)px/.exec(style['font-size'] ?? a['font-size'] ?? '')?.[1], 12),
          fill: fill.colour,
        });
      return;
    }
    const d = shapePath(element);
    if (d !== undefined) {
      // SVG fills black when nothing is said; ECharts always says.
      const fill = parseColour(a.fill ?? '#000');
      const stroke = parseColour(a.stroke);
      const opacity = number(a.opacity, 1);
      const strokeWidth = number(a['stroke-width'], 1);
      if (fill || (stroke && strokeWidth > 0))
        items.push({
          kind: 'path',
          d,
          matrix,
          ...(fill && { fill: fill.colour }),
          fillOpacity: (fill?.alpha ?? 1) * number(a['fill-opacity'], 1) * opacity,
          ...(stroke && strokeWidth > 0 && { stroke: stroke.colour }),
          strokeWidth,
          strokeOpacity: (stroke?.alpha ?? 1) * number(a['stroke-opacity'], 1) * opacity,
        });
    }
    for (const child of element.children) visit(child, matrix);
  };
  visit(root, IDENTITY);
  return { width: number(root.attributes.width), height: number(root.attributes.height), items };
}
