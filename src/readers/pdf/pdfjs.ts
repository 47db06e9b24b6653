/**
 * The one door to pdfjs-dist: every module of perfplan takes pdfjs from here.
 *
 * The legacy build, the one that runs on Node 20, bundles core-js. On loading, it
 * replaces Array.prototype.push for the whole process with a JavaScript version
 * (dressed up to print as native code), because V8 11 misses a corner of the spec:
 * pushing nothing onto an array whose length is read-only does not throw. Every
 * push in the process then cost several times more: the polyfill was 14% of the
 * single-threaded extraction time in a CPU profile, and pdfjs itself ran 42% faster
 * without it. This module loads pdfjs's worker code at once (Node's fake worker
 * would otherwise import it with the first document, and polyfill push again), then
 * puts the native push back. Nothing in pdfjs or perfplan freezes an array's length.
 */
import { NATIVE_PUSH } from './native-push.js';
import { AnnotationMode, getDocument, OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Sets globalThis.pdfjsWorker, which pdfjs's fake worker uses instead of importing it later.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

Object.defineProperty(Array.prototype, 'push', { value: NATIVE_PUSH, writable: true, enumerable: false, configurable: true });

export { AnnotationMode, getDocument, OPS, Util };
export type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
