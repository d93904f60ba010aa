/**
 * Puts resolved text onto a form template and returns a flat PDF ready to print: AcroForm fields
 * filled with a CJK subset font, or text drawn at the definition's positions on a flat template.
 * Characters the primary face lacks are drawn with a fallback face, run by run.
 */
import { PDFDocument, PDFRef, PDFTextField, type PDFPage } from 'pdf-lib';
import type { ErrorDetail } from '@linli/protocol/errors';
import { LinliError } from '@linli/protocol/errors';
import {
  isAcroFormTarget,
  type AcroFormTarget,
  type FormDefinition,
  type OverlayTarget,
} from '@linli/protocol/form-definition';
import type { CjkFonts } from './cjk-fonts';
import { describeCharacters, uncoveredCharacters } from './glyph-coverage';
import { fontEmbedder, pdfTextFor, type FontAt } from './pdf-text';
import type { ResolvedField } from './resolve-form-data';
import { layoutText, type TextSpace } from './text-layout';

export interface FillFormOptions {
  /** Embed only the glyphs used (default). `false` embeds whole font files: only for measuring. */
  subset?: boolean;
}

/** Multiline AcroForm fields without a size: pdf-lib's auto size draws one huge overflowing line. */
const DEFAULT_MULTILINE_FONT_SIZE = 10;
/** Single-line text we draw into a widget ourselves, when the definition gives no size. */
const DEFAULT_SINGLE_LINE_FONT_SIZE = 12;
/** Border plus padding inside a widget, as pdf-lib's own appearances leave (1 + border ≤ 1). */
const WIDGET_PADDING = 2;

function formInvalid(message: string, details: ErrorDetail[]): LinliError {
  return new LinliError('FORM_INVALID', message, details);
}

async function loadTemplate(template: Uint8Array, formId: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(template);
  } catch (error) {
    throw formInvalid(`Template of form ${formId} is not a readable PDF (${(error as Error).message})`, [
      { path: 'template', message: 'not a readable PDF' },
    ]);
  }
}

/** Draws text at a place with font runs, wrapping/shrinking as the target allows. */
async function drawField(
  page: PDFPage,
  field: ResolvedField,
  place: OverlayTarget,
  fonts: CjkFonts,
  fontAt: FontAt,
): Promise<void> {
  const text = await pdfTextFor(fonts, fontAt, [field.text]);
  const layout = layoutText(field.text, spaceOf(place), text.measure);
  if (!layout) throw tooLong(field.id);
  layout.lines.forEach((line, index) => {
    text.draw(page, line, { x: place.x, y: place.y - index * layout.lineHeight, size: layout.fontSize });
  });
}

async function fillOverlay(
  doc: PDFDocument,
  form: FormDefinition,
  fields: ResolvedField[],
  fonts: CjkFonts,
  fontAt: FontAt,
): Promise<void> {
  const pages = doc.getPages();
  const problems: ErrorDetail[] = [];
  for (const field of fields) {
    if (isAcroFormTarget(field.target))
      problems.push({ path: field.id, message: 'overlay forms need a page position' });
    else if (field.target.page >= pages.length)
      problems.push({
        path: field.id,
        message: `page ${field.target.page} does not exist; the template has ${pages.length}`,
      });
  }
  if (problems.length > 0)
    throw formInvalid(
      `Form ${form.id} does not match its template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  for (const field of fields) {
    const target = field.target as OverlayTarget;
    if (field.text !== '') await drawField(pages[target.page]!, field, target, fonts, fontAt);
  }
}

/** The page a widget sits on (pdf-lib knows it only privately), for drawing text in its rectangle. */
function pageOfWidget(doc: PDFDocument, widgetDict: object): PDFPage | undefined {
  const ref = doc.context.getObjectRef(widgetDict as never);
  return doc.getPages().find((page) =>
    page.node
      .Annots()
      ?.asArray()
      .some((annot) => annot === ref),
  );
}

async function fillAcroForm(
  doc: PDFDocument,
  form: FormDefinition,
  fields: ResolvedField[],
  fonts: CjkFonts,
  fontAt: FontAt,
): Promise<void> {
  const acroForm = doc.getForm();
  const problems: ErrorDetail[] = [];
  const textFields = new Map<string, PDFTextField>();
  for (const field of fields) {
    if (!isAcroFormTarget(field.target)) {
      problems.push({ path: field.id, message: 'AcroForm forms need an AcroForm field name' });
      continue;
    }
    const pdfField = acroForm.getFieldMaybe(field.target.acroField);
    if (!(pdfField instanceof PDFTextField)) {
      problems.push({
        path: field.id,
        message: pdfField
          ? `${field.target.acroField} is not a text field`
          : `the template has no field ${field.target.acroField}`,
      });
      continue;
    }
    const maxLength = pdfField.getMaxLength();
    if (maxLength !== undefined && [...field.text].length > maxLength)
      problems.push({ path: field.id, message: `longer than the field's ${maxLength} characters` });
    textFields.set(field.id, pdfField);
  }
  if (problems.length > 0)
    throw formInvalid(
      `Form ${form.id} does not match its template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );

  const primary = await fontAt(0);
  const primaryOnly = fonts.faces.slice(0, 1);
  const drawnByHand: Array<{ field: ResolvedField; page: PDFPage; place: OverlayTarget }> = [];
  for (const field of fields) {
    const pdfField = textFields.get(field.id)!;
    const requestedSize = (field.target as AcroFormTarget).fontSize;
    const multiline = pdfField.isMultiline();
    const text = multiline ? field.text : field.text.replace(/\n+/g, ' ');
    const place = placeInWidget(pdfField, multiline, requestedSize);
    if (uncoveredCharacters(text, primaryOnly).length === 0) {
      // pdf-lib wraps multiline text only at spaces, which Chinese has none of: wrap it ourselves.
      const layout =
        multiline || requestedSize !== undefined
          ? layoutText(text, spaceOf(place), (line, size) => primary.widthOfTextAtSize(line, size))
          : undefined;
      if ((multiline || requestedSize !== undefined) && !layout) throw tooLong(field.id);
      if (layout) pdfField.setFontSize(layout.fontSize);
      pdfField.setText(layout ? layout.lines.join('\n') : text);
    } else {
      // A field's appearance has one font; text needing a fallback face is drawn by us, after
      // flattening, so the field's (white) appearance cannot cover it.
      const page = pageOfWidget(doc, pdfField.acroField.getWidgets()[0]!.dict);
      if (!page)
        throw formInvalid(`Field ${pdfField.getName()} is on no page of the template`, [
          { path: field.id, message: 'widget on no page' },
        ]);
      pdfField.setText('');
      drawnByHand.push({ field: { ...field, text }, page, place });
    }
  }
  // After every setText: the default appearances use Helvetica, which cannot encode Chinese.
  acroForm.updateFieldAppearances(primary);
  acroForm.flatten();
  dropDanglingAnnotations(doc);
  for (const { field, page, place } of drawnByHand) await drawField(page, field, place, fonts, fontAt);
}

function tooLong(fieldId: string): LinliError {
  return formInvalid(`Text of field ${fieldId} does not fit its place on the form`, [
    { path: fieldId, message: 'text too long for its place' },
  ]);
}

function spaceOf(place: OverlayTarget): TextSpace {
  return {
    fontSize: place.fontSize,
    ...(place.maxWidth !== undefined ? { maxWidth: place.maxWidth } : {}),
    ...(place.box ? { box: place.box } : {}),
  };
}

/** The text area inside a field's widget, as an overlay place (page index unused). */
function placeInWidget(pdfField: PDFTextField, multiline: boolean, requestedSize: number | undefined): OverlayTarget {
  const rect = pdfField.acroField.getWidgets()[0]!.getRectangle();
  const width = rect.width - 2 * WIDGET_PADDING;
  if (multiline) {
    const fontSize = requestedSize ?? DEFAULT_MULTILINE_FONT_SIZE;
    return {
      page: 0,
      x: rect.x + WIDGET_PADDING,
      y: rect.y + rect.height - WIDGET_PADDING - fontSize,
      fontSize,
      box: { width, height: rect.height - 2 * WIDGET_PADDING },
    };
  }
  const fontSize = requestedSize ?? Math.min(DEFAULT_SINGLE_LINE_FONT_SIZE, rect.height * 0.7);
  return {
    page: 0,
    x: rect.x + WIDGET_PADDING,
    y: rect.y + (rect.height - fontSize) / 2 + fontSize * 0.2,
    fontSize,
    maxWidth: width,
  };
}

/**
 * pdf-lib 1.17's flatten deletes a field's separate widget object but removes the widget's
 * appearance stream (not the widget) from the page's /Annots, leaving references to nothing;
 * poppler then reports "Invalid XRef entry" and rebuilds the file. Drop those references.
 */
function dropDanglingAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let index = annots.size() - 1; index >= 0; index--) {
      const entry = annots.get(index);
      if (entry instanceof PDFRef && doc.context.lookup(entry) === undefined) annots.remove(index);
    }
  }
}

/**
 * Fills the template with the resolved fields. FORM_INVALID names the field when the template
 * does not match (not a PDF, field missing, page out of range, text does not fit);
 * GLYPH_UNAVAILABLE names, per field, the characters no font has.
 */
export async function fillForm(
  form: FormDefinition,
  template: Uint8Array,
  fields: ResolvedField[],
  fonts: CjkFonts,
  options: FillFormOptions = {},
): Promise<Uint8Array> {
  const unprintable = fields
    .map((field) => ({ path: field.id, chars: uncoveredCharacters(field.text, fonts.faces) }))
    .filter((entry) => entry.chars.length > 0)
    .map(({ path, chars }) => ({ path, message: describeCharacters(chars) }));
  if (unprintable.length > 0) {
    throw new LinliError(
      'GLYPH_UNAVAILABLE',
      `No font has ${unprintable.map((d) => `${d.message} in ${d.path}`).join('; ')}`,
      unprintable,
    );
  }
  const doc = await loadTemplate(template, form.id);
  doc.registerFontkit(fonts.fontkit);
  const fontAt = fontEmbedder(doc, fonts, options.subset ?? true);
  if (form.mode === 'acroform') await fillAcroForm(doc, form, fields, fonts, fontAt);
  else await fillOverlay(doc, form, fields, fonts, fontAt);
  doc.setTitle(form.title);
  doc.setProducer('Linli');
  // Fields are flattened (or there were none), so nothing is left for pdf-lib's Helvetica appearances.
  return doc.save({ updateFieldAppearances: false });
}
