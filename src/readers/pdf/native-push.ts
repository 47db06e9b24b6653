/**
 * Array.prototype.push as Node made it, taken before pdfjs-dist loads and replaces
 * it (see pdfjs.ts). This module must be imported before pdfjs-dist.
 */
export const NATIVE_PUSH = Array.prototype.push;
