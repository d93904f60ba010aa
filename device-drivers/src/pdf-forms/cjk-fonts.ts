/**
 * Chinese fonts for PDFs: load the primary face (Noto Sans CJK SC from Debian's .ttc) and the
 * fallback faces for characters it lacks (CJK Ext-B and beyond, common in names and addresses),
 * and hand pdf-lib a fontkit that subsets them correctly.
 *
 * Why not @pdf-lib/fontkit: that fork (fontkit ~1.7) writes broken CFF and TrueType subsets, so
 * Chinese text renders blank or with missing glyphs. Upstream fontkit 2 subsets correctly but
 * renamed the subset's `encodeStream()` to `encode()`; the adapter below bridges that.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { LinliError } from '@linli/protocol/errors';

export interface FontFaceSource {
  path: string;
  /** Selects the face inside a collection (.ttc), e.g. NotoSansCJKsc-Regular; checked for single fonts. */
  postscriptName?: string;
}

export interface CjkFontConfig {
  primary: FontFaceSource;
  /** Tried in order for characters the primary face lacks. */
  fallbacks: FontFaceSource[];
}

/**
 * Debian's packages: fonts-noto-cjk (OFL 1.1) and fonts-hanazono (OFL 1.1 or the Hanazono licence;
 * HanaMinB holds all of CJK Ext-B, which Noto Sans CJK covers only a few thousand of).
 */
export const DEBIAN_CJK_FONTS: CjkFontConfig = {
  primary: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  fallbacks: [{ path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', postscriptName: 'HanaMinB' }],
};

export interface LoadedFace {
  readonly postscriptName: string;
  readonly path: string;
  /** What pdf-lib's embedFont receives; the adapter recognises these exact bytes. */
  readonly bytes: Uint8Array;
  covers(codePoint: number): boolean;
}

/** What pdf-lib's `registerFontkit` needs: anything with `create(bytes)`. */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

export interface CjkFonts {
  /** Primary first, then the fallbacks: the order glyph coverage tries them in. */
  readonly faces: readonly LoadedFace[];
  readonly fontkit: PdfLibFontkit;
}

type ReadFontFile = (path: string) => Promise<Uint8Array>;

/** Reads and parses every face once; a kiosk keeps the result for its lifetime. */
export async function loadCjkFonts(config: CjkFontConfig, readFontFile: ReadFontFile = readFile): Promise<CjkFonts> {
  const parsed = new Map<Uint8Array, fontkit.Font>();
  const faces: LoadedFace[] = [];
  for (const source of [config.primary, ...config.fallbacks]) {
    const bytes = await readFaceBytes(source.path, readFontFile);
    const font = parseFace(bytes, source);
    parsed.set(bytes, font);
    faces.push({
      postscriptName: font.postscriptName,
      path: source.path,
      bytes,
      covers: (codePoint) => font.hasGlyphForCodePoint(codePoint),
    });
  }
  return { faces, fontkit: fontkitAdapter(parsed) };
}

async function readFaceBytes(path: string, readFontFile: ReadFontFile): Promise<Uint8Array> {
  try {
    return await readFontFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LinliError('CONFIG_INVALID', `Font file ${path} cannot be read (${reason})`, [
      { path, message: 'font file missing or unreadable' },
    ]);
  }
}

function parseFace(bytes: Uint8Array, source: FontFaceSource): fontkit.Font {
  let font: fontkit.Font | fontkit.FontCollection | null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A collection needs the name to pick a face; a single font is checked against it below.
  const isCollection = new TextDecoder().decode(bytes.subarray(0, 4)) === 'ttcf';
  try {
    font = fontkit.create(buffer, isCollection ? source.postscriptName : undefined);
  } catch (error) {
    throw new LinliError('CONFIG_INVALID', `Font file ${source.path} is not a font (${(error as Error).message})`, [
      { path: source.path, message: 'not a font' },
    ]);
  }
  if (!font || 'fonts' in font) {
    const collection = isCollection ? fontkit.create(buffer) : undefined;
    const names =
      collection && 'fonts' in collection ? collection.fonts.map((face) => face.postscriptName).join(', ') : '';
    throw new LinliError(
      'CONFIG_INVALID',
      `Font file ${source.path} has no face ${source.postscriptName ?? '(no name given)'}${names ? `; it has ${names}` : ''}`,
      [{ path: source.path, message: 'face not found in the collection' }],
    );
  }
  if (source.postscriptName && font.postscriptName !== source.postscriptName) {
    throw new LinliError(
      'CONFIG_INVALID',
      `Font file ${source.path} holds ${font.postscriptName}, not ${source.postscriptName}`,
      [{ path: source.path, message: 'unexpected face' }],
    );
  }
  return font;
}

/**
 * pdf-lib calls `create(bytes)` with the bytes given to `embedFont`; we return the face parsed at
 * load time (so a .ttc yields the configured face, not a collection) with `createSubset()` wrapped
 * to add the `encodeStream()` pdf-lib 1.17 reads the subset from.
 */
function fontkitAdapter(parsed: Map<Uint8Array, fontkit.Font>): PdfLibFontkit {
  for (const font of parsed.values()) {
    const createSubset = font.createSubset.bind(font);
    // The Font objects are ours (parsed above), so patching the instance touches nobody else.
    font.createSubset = () => {
      const subset = createSubset();
      return Object.assign(subset, {
        encodeStream: () => {
          const stream = new PassThrough();
          stream.end(subset.encode());
          return stream;
        },
      });
    };
  }
  return {
    create(bytes) {
      const font = parsed.get(bytes);
      if (!font) throw new Error('Only fonts loaded by loadCjkFonts can be embedded');
      // pdf-lib types the fork's Font; fontkit 2's has the same members at run time (cff, head, post…).
      return font as unknown as ReturnType<PdfLibFontkit['create']>;
    },
  };
}

/** Six capital letters: PDF 32000 §9.6.4 marks a subset font by such a tag before its name. */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
}

/**
 * Embeds a loaded face (the document must have registered `fonts.fontkit`). Subsets get a
 * proper "ABCDEF+Name" tag, so tools (and pdffonts) recognise them as subsets; pdf-lib alone
 * would name them "Name-1234".
 */
export function embedFace(doc: PDFDocument, face: LoadedFace, { subset }: { subset: boolean }): Promise<PDFFont> {
  return doc.embedFont(
    face.bytes,
    subset ? { subset, customName: `${subsetTag()}+${face.postscriptName}` } : { subset },
  );
}
