/**
 * The PDF reader's own layer: what it takes from pdfjs (words on lines with their
 * fonts, bullets, the strokes and fills of table borders), the errors that say why
 * a file cannot be read. Its cost against the bare pdfjs calls is measured by
 * `npm run bench`, not here: timings in unit tests only measure how busy the machine is.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfError, readPdf } from '../src/readers/pdf/index.js';
import { NATIVE_PUSH } from '../src/readers/pdf/native-push.js';
import { openPdf } from '../src/readers/pdf/open.js';
import type { PageContent } from '../src/readers/pdf/page.js';
import { readPage } from '../src/readers/pdf/read-page.js';
import { READER_SETTINGS } from '../src/readers/pdf/settings.js';
import { fontStyle } from '../src/readers/pdf/text.js';

const data = (name: string) => new Uint8Array(readFileSync(new URL(`./data/pdf/${name}`, import.meta.url)));

/** A well-formed one-page PDF whose content stream is `content` (no fonts, no text). */
function pdfWith(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

async function failure(bytes: Uint8Array): Promise<PdfError> {
  const err = await readPdf(bytes, { file: 'x.pdf', sha256: '0' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PdfError);
  return err as PdfError;
}

describe('pdfjs in this process', () => {
  it("leaves Array.prototype.push native after loading pdfjs and reading a page (its legacy build's core-js replaces it)", async () => {
    const doc = await openPdf(new Uint8Array(readFileSync('fixtures/corpus/002-allegato-h/002-allegato-h.pdf')));
    try {
      const page = await readPage(doc, 1, READER_SETTINGS);
      expect(page.lines.length).toBeGreaterThan(0);
    } finally {
      await doc.destroy();
    }
    // core-js dresses its polyfill up as native code; what tells them apart is V8 11's own quirk,
    // which the polyfill "fixes": pushing nothing onto an array whose length is read-only.
    expect(() => Object.defineProperty([], 'length', { writable: false }).push()).not.toThrow();
    expect(Array.prototype.push).toBe(NATIVE_PUSH);
  });
});

describe('what cannot be read says why', () => {
  it('a PDF locked with a password', async () => {
    const err = await failure(data('encrypted.pdf'));
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(/encrypted PDF: a password is required/);
  });

  it('but reads a PDF locked only against editing (empty user password)', async () => {
    const doc = await readPdf(data('owner-locked.pdf'), { file: 'owner-locked.pdf', sha256: '0' });
    const text = doc.blocks.map((b) => (b.kind === 'table' ? '' : b.text)).join(' ');
    expect(text).toContain('obiettivi protetti da modifica');
  });

  it('a file that is not a PDF, and a truncated one, with pdfjs’s reason', async () => {
    for (const bytes of [new TextEncoder().encode('Piano della performance, testo semplice'), data('missione.pdf').slice(0, 2000)]) {
      const err = await failure(bytes);
      expect(err.code).toBe('invalid');
      expect(err.message).toMatch(/^not a readable PDF: .*Invalid PDF structure/);
    }
  });

  it('a scan: pages with no text layer', async () => {
    const err = await failure(pdfWith('0.5 w 100 100 m 400 100 l S 100 200 300 400 re f'));
    expect(err.code).toBe('no-text');
    expect(err.message).toBe('no text layer (scanned PDF?)');
  });

  it('leaves the caller’s bytes usable (pdfjs gets a copy)', async () => {
    const bytes = data('sheet.pdf');
    await readPdf(bytes, { file: 'sheet.pdf', sha256: '0' });
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });
});

describe('page content', () => {
  let page: PageContent;
  beforeAll(async () => {
    const doc = await openPdf(data('missione.pdf'));
    try {
      page = await readPage(doc, 1, READER_SETTINGS);
    } finally {
      await doc.destroy();
    }
  });

  it('places words on lines, top to bottom, in page coordinates from the top left', () => {
    expect(page.width).toBeCloseTo(595.3, 0);
    const texts = page.lines.map((l) => l.words.map((w) => w.text).join(' '));
    expect(texts[0]).toBe('Area amministrativa finanziaria – OBIETTIVI PERFORMANCE 2023');
    const tops = page.lines.map((l) => l.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(page.lines[0]!.top).toBeGreaterThan(50);
    expect(page.lines[0]!.top).toBeLessThan(120);
  });

  it('cuts words at pen jumps between cells even where the text layer has no space', () => {
    const header = page.lines.find((l) => l.words[0]?.text === 'Obiettivo')!;
    expect(header.words.map((w) => w.text)).toEqual(['Obiettivo', 'strategico', 'Obiettivo', 'operativo', 'anni', 'Obiettivo', 'esecutivo', 'Indicatori']);
    for (let i = 1; i < header.words.length; i++) expect(header.words[i]!.x0).toBeGreaterThan(header.words[i - 1]!.x1);
  });

  it('guesses bold from the font name, and keeps the Symbol bullet glyph as a marker word', () => {
    const header = page.lines.find((l) => l.words[0]?.text === 'Obiettivo')!;
    expect(header.words.every((w) => w.bold && /LiberationSerif-Bold/.test(w.font))).toBe(true);
    const bullets = page.lines.flatMap((l) => l.words.filter((w) => w.bullet));
    expect(bullets.map((w) => w.text)).toEqual(['\uF0B7', '\uF0B7']);
    const line = page.lines.find((l) => l.words.some((w) => w.bullet))!;
    const at = line.words.findIndex((w) => w.bullet);
    expect(line.words[at + 1]!.text).toBe('Gestione');
    expect(line.words[at + 1]!.x0 - line.words[at]!.x1).toBeGreaterThan(10); // the tab after the glyph
  });

  it('reads the table borders LibreOffice strokes', () => {
    const horizontal = page.strokes.filter((s) => Math.abs(s.y0 - s.y1) < 0.5 && Math.abs(s.x1 - s.x0) > 300);
    const vertical = page.strokes.filter((s) => Math.abs(s.x0 - s.x1) < 0.5);
    expect(horizontal.length).toBeGreaterThanOrEqual(4);
    expect(vertical.length).toBeGreaterThanOrEqual(6);
    for (const s of page.strokes) expect(s.width).toBeLessThan(2);
  });

  it('names fonts without their subset tag', () => {
    expect(fontStyle('BAAAAA+Calibri-BoldItalic')).toEqual({ font: 'Calibri-BoldItalic', bold: true, italic: true });
    expect(fontStyle('Arial,Bold')).toEqual({ font: 'Arial,Bold', bold: true, italic: false });
    expect(fontStyle('TimesNewRomanPSMT')).toEqual({ font: 'TimesNewRomanPSMT', bold: false, italic: false });
  });
});
