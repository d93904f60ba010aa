/**
 * PDF pages drawn by pdf.js (pdfjs-dist) into canvases. pdf.js is a chunk of its own, fetched when
 * the first PDF item comes, so the page starts without it. One pdf.js worker serves every document
 * for the page's lifetime. Everything pdf.js fetches comes from the player host under
 * PLAYER_HTTP.pdfjsPath (shells/browser/pdfjs-assets.ts), in the package's own layout: the worker,
 * CMaps and standard fonts for PDFs that do not embed their fonts, ICC profiles and image decoders;
 * the PDF itself from the media cache like images and videos. Nothing comes from the network.
 *
 * Memory, for a player that runs for months: a page's resources are freed once it is drawn, a
 * document (in the page and in the worker) when its item closes it, and a canvas no longer needed
 * is emptied at once (0×0), not whenever the garbage collector comes by.
 */
import type * as Pdfjs from 'pdfjs-dist';
import type { PDFWorker, RenderTask } from 'pdfjs-dist';
import { PLAYER_HTTP } from '@linli/protocol';
import { fitPage, type Size } from './pdf-fit';

export interface PageDrawing {
  /** The canvas with the page drawn to fit the zone; rejects if the page cannot be drawn. */
  readonly drawn: Promise<HTMLCanvasElement>;
  /** Stops the drawing if it is under way, and empties its canvas. */
  release(): void;
}

export interface PdfFile {
  /** Draws page `index` (from 0) to fit `zone` (device pixels) into a canvas of its own. */
  drawPage(index: number, zone: Size): PageDrawing;
  /** Stops reading and drawing, and frees the document and every canvas it drew. */
  close(): void;
}

export interface PdfRenderer {
  /** Loads pdf.js and starts its worker now, so that the first PDF to come is drawn sooner. */
  prepare(): void;
  /** Starts reading the PDF at `url`; pages may be asked for at once (they wait for the file). */
  open(url: string): PdfFile;
}

const empty = (canvas: HTMLCanvasElement | undefined) => {
  if (canvas) canvas.width = canvas.height = 0;
};

const CLOSED = 'pdf-closed';

export function createPdfRenderer(): PdfRenderer {
  let library: Promise<{ pdfjs: typeof Pdfjs; worker: PDFWorker }> | undefined;
  // Once for the page; a chunk that did not arrive is asked for again by the next PDF.
  const loadLibrary = () =>
    (library ??= import('pdfjs-dist').then(
      (pdfjs) => {
        pdfjs.GlobalWorkerOptions.workerSrc = `${PLAYER_HTTP.pdfjsPath}pdf.worker.min.mjs`;
        return { pdfjs, worker: new pdfjs.PDFWorker() };
      },
      (error: unknown) => {
        library = undefined;
        throw error;
      },
    ));

  return {
    prepare() {
      loadLibrary()
        .then(({ worker }) => worker.promise)
        .catch(() => undefined);
    },
    open(url) {
      let closed = false;
      const drawings = new Set<PageDrawing>();
      const loading = loadLibrary().then(({ pdfjs, worker }) => {
        if (closed) throw new Error(CLOSED);
        return pdfjs.getDocument({
          url,
          worker,
          cMapUrl: `${PLAYER_HTTP.pdfjsPath}cmaps/`,
          standardFontDataUrl: `${PLAYER_HTTP.pdfjsPath}standard_fonts/`,
          wasmUrl: `${PLAYER_HTTP.pdfjsPath}wasm/`,
          iccUrl: `${PLAYER_HTTP.pdfjsPath}iccs/`,
        });
      });
      const file = loading.then((task) => task.promise);
      // Whoever draws a page hears of a file that cannot be read; nobody else needs to.
      file.catch(() => undefined);

      const drawPage = (index: number, zone: Size): PageDrawing => {
        let released = false;
        let canvas: HTMLCanvasElement | undefined;
        let render: RenderTask | undefined;
        const draw = async () => {
          const page = await (await file).getPage(index + 1);
          try {
            if (released) throw new Error(CLOSED);
            const fit = fitPage(page.getViewport({ scale: 1 }), zone);
            canvas = document.createElement('canvas');
            canvas.width = fit.pixelWidth;
            canvas.height = fit.pixelHeight;
            render = page.render({ canvas, viewport: page.getViewport({ scale: fit.scale }) });
            await render.promise;
            if (released) throw new Error(CLOSED);
            return canvas;
          } catch (error) {
            empty(canvas);
            throw error;
          } finally {
            page.cleanup();
          }
        };
        const drawn = draw();
        drawn.catch(() => undefined);
        const drawing: PageDrawing = {
          drawn,
          release() {
            released = true;
            render?.cancel();
            empty(canvas);
            drawings.delete(drawing);
          },
        };
        drawings.add(drawing);
        return drawing;
      };

      return {
        drawPage,
        close() {
          closed = true;
          for (const drawing of drawings) drawing.release();
          // Destroying the loading task destroys its document; the shared worker stays.
          loading.then((task) => task.destroy()).catch(() => undefined);
        },
      };
    },
  };
}
