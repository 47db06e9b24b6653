import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cellText, type Table } from '../src/document/model.js';
import { DEFAULT_INPUT_LIMITS, InputError, type InputLimits, prepareInput } from '../src/readers/input/index.js';
import { isSignedEnvelope, unwrapSignedEnvelope } from '../src/readers/input/cades.js';
import { decodeText } from '../src/readers/input/text.js';
import { checkZipPackage, DEFAULT_ZIP_LIMITS, readZipDirectory } from '../src/readers/input/zip.js';
import { sniffFormat } from '../src/readers/sniff.js';
import { DEFAULT_SPREADSHEET_LIMITS, readSpreadsheet } from '../src/readers/xlsx/index.js';
import { ber, der, pem, rawXlsx, signedEnvelope, smallDocx, xlsxOf, zip } from './data/bad/make.js';

const PDF = readFileSync(new URL('./data/pdf/sheet.pdf', import.meta.url));
const source = { file: 'test', sha256: '0', pages: null } as const;

/** The InputError's reason a call fails with (fails the test if it does not throw one). */
async function reasonOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).reason;
}

const tableTexts = (blocks: { kind: string }[]): string[][] =>
  (blocks.filter((b) => b.kind === 'table') as Table[]).flatMap((t) => t.rows.map((r) => r.cells.map(cellText)));

describe('files that are not what they say', () => {
  it('refuses a zero-byte file', async () => {
    expect(await reasonOf(prepareInput(new Uint8Array(0), 'piano.pdf'))).toBe('empty file (0 bytes)');
  });

  it('refuses an HTML error page saved as .pdf or .docx', async () => {
    const page = Buffer.from('\ufeff<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Pagina non trovata</body></html>');
    for (const name of ['piano.pdf', 'piano.docx', 'piano.xlsx']) {
      expect(await reasonOf(prepareInput(page, name))).toMatch(/^an HTML page, not a plan document/);
    }
    const bare = Buffer.from('<!-- errore -->\n<HTML>\n<BODY>Accesso negato</BODY></HTML>');
    expect(await reasonOf(prepareInput(bare, 'piano.pdf'))).toMatch(/HTML page/);
  });

  it('reads a PDF named .docx as a PDF and a DOCX named .pdf as a DOCX', async () => {
    const asDocx = await prepareInput(PDF, 'piano.docx');
    expect(asDocx).toMatchObject({ format: 'pdf', name: 'piano.docx' });
    expect(asDocx.bytes).toBe(PDF);
    expect(asDocx.unwrapped).toBe(PDF);
    const docx = await smallDocx();
    expect((await prepareInput(docx, 'piano.pdf')).format).toBe('docx');
    expect((await prepareInput(xlsxOf([['a']]), 'piano.docx')).format).toBe('xlsx');
  });

  it('says what is wrong with an unrecognised file, a bare ZIP and an encrypted Office file', async () => {
    expect(await reasonOf(prepareInput(Buffer.from('just some text'), 'piano.pdf'))).toMatch(/not a PDF, DOCX or spreadsheet/);
    const archive = zip([{ name: 'piano/leggimi.txt', data: Buffer.from('ciao') }]);
    expect(await reasonOf(prepareInput(archive, 'piano.zip'))).toMatch(/ZIP archive that is not a DOCX/);
    // an OLE2 compound file holding an "EncryptedPackage" stream: how Office saves password-protected OOXML
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('EncryptedPackage', 'utf16le'),
    ]);
    expect(await reasonOf(prepareInput(ole, 'piano.xlsx'))).toMatch(/password-protected Office file/);
  });
});

describe('signed envelopes (.p7m)', () => {
  it('unwraps a DER envelope and keeps its name as the envelope', async () => {
    const p7m = signedEnvelope(PDF);
    expect(sniffFormat(p7m, 'piano.pdf.p7m')).toBe('p7m');
    const out = await prepareInput(p7m, 'piano.pdf.p7m');
    expect(out).toMatchObject({ format: 'pdf', name: 'piano.pdf', envelope: 'piano.pdf.p7m' });
    expect(Buffer.compare(out.bytes, PDF)).toBe(0);
    expect(out.unwrapped).toBe(out.bytes);
  });

  it('unwraps base64 and PEM envelopes, with or without the .p7m name', async () => {
    const docx = await smallDocx();
    const env = signedEnvelope(docx);
    const b64 = Buffer.from(Buffer.from(env).toString('base64').replace(/.{76}/g, '$&\r\n'), 'latin1');
    for (const [bytes, name] of [
      [b64, 'piano.docx.p7m'],
      [pem(env), 'piano.docx.p7m'],
      [b64, 'piano.docx'],
    ] as const) {
      const out = await prepareInput(bytes, name);
      expect(out).toMatchObject({ format: 'docx', name: 'piano.docx', envelope: name });
      expect(Buffer.compare(out.bytes, docx)).toBe(0);
    }
  });

  it('unwraps BER with indefinite lengths and a chunked (constructed) content', async () => {
    const env = signedEnvelope(PDF, { berChunk: 1000 });
    expect(env[1]).toBe(0x80);
    expect(Buffer.compare(unwrapSignedEnvelope(env), PDF)).toBe(0);
  });

  it('unwraps nested envelopes (.p7m.p7m) down to the document', async () => {
    const xlsx = xlsxOf([['Obiettivo', 'Indicatore']]);
    const twice = signedEnvelope(pem(signedEnvelope(xlsx)), { berChunk: 512 });
    const out = await prepareInput(twice, 'piano.xlsx.p7m.p7m');
    expect(out).toMatchObject({ format: 'xlsx', name: 'piano.xlsx', envelope: 'piano.xlsx.p7m.p7m' });
    expect(Buffer.compare(out.bytes, xlsx)).toBe(0);
  });

  it('refuses a detached signature, an encrypted envelope, a damaged one and endless nesting', async () => {
    expect(await reasonOf(prepareInput(signedEnvelope(PDF, { detached: true }), 'piano.pdf.p7s'))).toMatch(/detached signature/);
    expect(await reasonOf(prepareInput(signedEnvelope(PDF, { typeArc: 3 }), 'piano.pdf.p7m'))).toMatch(/not signed data/);
    const env = signedEnvelope(PDF);
    expect(await reasonOf(prepareInput(env.subarray(0, 5000), 'piano.pdf.p7m'))).toMatch(/damaged signed envelope.*truncated/);
    expect(await reasonOf(prepareInput(Buffer.from('not an envelope'), 'piano.pdf.p7m'))).toMatch(/damaged signed envelope/);
    let deep: Uint8Array = PDF;
    for (let i = 0; i < 6; i++) deep = signedEnvelope(deep);
    expect(await reasonOf(prepareInput(deep, 'piano.pdf.p7m'))).toMatch(/nested more than 4 deep/);
  });

  it('survives hostile BER: runaway nesting, huge lengths, high tag numbers', () => {
    const nested = Buffer.concat([Buffer.from([0x30, 0x80]), Buffer.alloc(20_000, 0x30)]);
    nested.fill(Buffer.from([0x30, 0x80]), 0, 20_000);
    expect(isSignedEnvelope(nested)).toBe(false);
    const prefix = der(0x06, Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02));
    const deep = Buffer.concat([Buffer.from([0x30, 0x80]), prefix, nested]);
    expect(() => unwrapSignedEnvelope(deep)).toThrow(/nested deeper than|truncated/);
    const huge = Buffer.concat([Buffer.from([0x30, 0x86, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), prefix]);
    expect(() => unwrapSignedEnvelope(huge)).toThrow(InputError);
    const highTag = ber(0x30, prefix, Buffer.from([0xbf, 0x81, 0x80, 0x01, 0x00]));
    expect(() => unwrapSignedEnvelope(highTag)).toThrow(InputError);
  });
});

describe('ZIP packages and bombs', () => {
  it('passes real DOCX and XLSX packages', async () => {
    await expect(checkZipPackage(await smallDocx())).resolves.toBeUndefined();
    await expect(checkZipPackage(xlsxOf([['a', 1]]))).resolves.toBeUndefined();
    const entries = readZipDirectory(await smallDocx()).entries.map((e) => e.name);
    expect(entries).toContain('word/document.xml');
  });

  it('refuses an entry of zeros packed a thousand to one', async () => {
    const docxEntries = readZipDirectory(await smallDocx()).entries.length;
    expect(docxEntries).toBeGreaterThan(0);
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(50 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await reasonOf(prepareInput(bomb, 'piano.docx'))).toMatch(/ZIP bomb\? entry "word\/document.xml" unpacks 10\d\d times/);
  });

  it('refuses a package that declares more than the unpacked-size limit', async () => {
    const liar = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>'), declaredSize: 300 * 1024 * 1024, stored: true }]);
    expect(await reasonOf(prepareInput(liar, 'piano.docx'))).toMatch(/unpacks to 300 MB, over the 200 MB limit/);
    const zip64 = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>'), zip64Size: 5 * 1024 ** 3 }]);
    expect(readZipDirectory(zip64).entries[0]).toMatchObject({ size: 5 * 1024 ** 3, compressedSize: 15 });
    expect(await reasonOf(prepareInput(zip64, 'piano.docx'))).toMatch(/unpacks to 5120 MB, over the 200 MB limit/);
  });

  it('refuses entries that unpack beyond their declared size, and entries sharing their data', async () => {
    const liar = zip([{ name: 'xl/workbook.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x41), declaredSize: 1000 }]);
    expect(await reasonOf(checkZipPackage(liar))).toMatch(/damaged ZIP package.*unpacks to more than the 1000 bytes declared/);
    const xml = Buffer.from('<worksheet/>'.repeat(100));
    const overlap = zip([
      { name: 'xl/worksheets/sheet1.xml', data: xml },
      { name: 'xl/worksheets/sheet2.xml', data: xml, sameDataAs: 0 },
    ]);
    expect(await reasonOf(checkZipPackage(overlap))).toMatch(/share their packed bytes/);
  });

  it('refuses truncated and corrupted packages with a reason', async () => {
    const docx = await smallDocx();
    expect(await reasonOf(prepareInput(docx.subarray(0, docx.length - 200), 'piano.docx'))).toMatch(
      /damaged ZIP package.*(no central directory|unreadable|outside the file)/,
    );
    const broken = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document>'.repeat(1000)) }]);
    broken.fill(0xff, 60, 80); // inside the deflated data
    expect(await reasonOf(checkZipPackage(broken))).toMatch(/^a damaged ZIP package.*(cannot be unpacked|unpacks to|fails its checksum)/);
    const stored = zip([{ name: 'content.xml', data: Buffer.from('<office:document-content>30</office:document-content>'), stored: true }]);
    stored[30 + 'content.xml'.length + 26]! ^= 0x01; // "30" becomes "31": only the checksum can tell
    expect(await reasonOf(checkZipPackage(stored))).toBe('a damaged ZIP package (DOCX/XLSX/ODS): entry "content.xml" fails its checksum (corrupted bytes)');
  });

  it('holds every limit to a named setting', async () => {
    const many = zip(Array.from({ length: 30 }, (_, i) => ({ name: `xl/s${i}.xml`, data: Buffer.from('x') })));
    expect(await reasonOf(checkZipPackage(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 }))).toMatch(/30 entries, over the limit of 10/);
  });
});

describe('legacy formats through LibreOffice', () => {
  const rtf = Buffer.from('{\\rtf1\\ansi{\\fonttbl\\f0 Arial;}\\f0 Piano della performance\\par Obiettivo 1: digitalizzare\\par}');
  const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'perfplan-fake-soffice-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Whether a process runs: not gone, and not a zombie waiting for a parent (PID 1 in a container may never reap). */
  function isRunning(pid: number): boolean {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
    } catch {
      return false;
    }
  }

  /** A stand-in for soffice: a shell script with the given body. */
  function fakeSoffice(name: string, body: string): string {
    const path = join(scratch, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return path;
  }
  const withSoffice = (soffice: string, timeoutMs = DEFAULT_INPUT_LIMITS.converter.timeoutMs): InputLimits => ({
    ...DEFAULT_INPUT_LIMITS,
    converter: { soffice, timeoutMs },
  });

  it('says how to install LibreOffice when it is missing', async () => {
    const reason = await reasonOf(prepareInput(rtf, 'piano.rtf', withSoffice('/nonexistent/soffice')));
    expect(reason).toMatch(/RTF files need LibreOffice, and "\/nonexistent\/soffice" was not found/);
    expect(reason).toContain('apt-get install libreoffice-writer');
  });

  it('kills a conversion that overruns its time limit, with the processes it started', async () => {
    const pidFile = join(scratch, 'sleeper.pid');
    const soffice = fakeSoffice('slow', `sleep 30 & echo $! > ${pidFile}; wait`);
    const started = Date.now();
    const reason = await reasonOf(prepareInput(rtf, 'piano.rtf', withSoffice(soffice, 500)));
    expect(reason).toBe('LibreOffice did not finish the conversion within 0.5 s');
    expect(Date.now() - started).toBeLessThan(5000);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(sleeper)).toBe(false); // the grandchild is killed too
  });

  it('says LibreOffice failed when it leaves no DOCX behind', async () => {
    const soffice = fakeSoffice('failing', 'echo "Error: source file could not be loaded" >&2; exit 0');
    expect(await reasonOf(prepareInput(rtf, 'piano.rtf', withSoffice(soffice)))).toBe(
      'LibreOffice could not convert this RTF file (Error: source file could not be loaded)',
    );
  });

  it.skipIf(!hasSoffice)('converts RTF to DOCX with LibreOffice', { timeout: 180_000 }, async () => {
    const out = await prepareInput(rtf, 'piano.rtf');
    expect(out).toMatchObject({ format: 'rtf', name: 'piano.rtf', unwrapped: rtf });
    expect(readZipDirectory(out.bytes).entries.map((e) => e.name)).toContain('word/document.xml');
  });
});

describe('spreadsheets at the limits', () => {
  it('reads a 10,000-row sheet', async () => {
    const rows: unknown[][] = [['Obiettivo', 'Indicatore', 'Target 2024', 'Peso']];
    for (let i = 1; i <= 10_000; i++) rows.push([`Obiettivo ${i}: migliorare il servizio ${i % 37}`, `Indicatore ${i}`, i * 1.5, i % 100]);
    const bytes = xlsxOf(rows);
    const t0 = performance.now();
    const prepared = await prepareInput(bytes, 'grande.xlsx');
    const t1 = performance.now();
    const doc = readSpreadsheet(prepared.bytes, { ...source, format: 'xlsx' });
    const t2 = performance.now();
    console.log(`10,000-row sheet (${Math.round(bytes.length / 1024)} KB): prepareInput ${Math.round(t1 - t0)} ms, readSpreadsheet ${Math.round(t2 - t1)} ms`);
    const texts = tableTexts(doc.blocks);
    expect(texts).toHaveLength(10_001);
    expect(texts[10_000]![0]).toBe('Obiettivo 10000: migliorare il servizio 10');
  });

  it('caps a cell of 1 MB of text', async () => {
    // words in varying order, so the sheet packs like real text and not like a bomb
    const words = ['servizi', 'digitali', 'cittadini', 'comune', 'obiettivo', 'attività', 'indicatore', 'performance'];
    let seed = 7;
    const parts: string[] = [];
    for (let n = 0; n < 1024 * 1024; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const w = `${words[seed % words.length]}${seed % 1000}`;
      parts.push(w);
      n += w.length + 1;
    }
    const big = parts.join(' ');
    // SheetJS will not write a cell over Excel's 32,767 characters: the sheet is written by hand
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Obiettivo</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${big}</t></is></c></row>`;
    const prepared = await prepareInput(rawXlsx([{ name: 'Obiettivi', rows }]), 'lungo.xlsx');
    const doc = readSpreadsheet(prepared.bytes, { ...source, format: 'xlsx' });
    const cell = tableTexts(doc.blocks)[1]![0]!;
    expect(cell.length).toBeLessThanOrEqual(DEFAULT_SPREADSHEET_LIMITS.maxCellChars);
    expect(big.startsWith(cell.slice(0, 1000))).toBe(true);
  });
});

describe('text encodings', () => {
  const text = 'Obiettivo;Indicatore;Valore\r\nattività di controllo;spesa in €;perché sì\r\n';

  it('reads a Windows-1252 CSV with "attività" and "€"', async () => {
    const cp1252 = Buffer.from(text.replace('€', '\x80'), 'latin1');
    expect(decodeText(cp1252)).toEqual({ text, encoding: 'windows-1252' });
    const prepared = await prepareInput(cp1252, 'piano.csv');
    expect(prepared.unwrapped).toBe(cp1252);
    const doc = readSpreadsheet(prepared.bytes, { ...source, format: 'csv' });
    expect(tableTexts(doc.blocks)[1]).toEqual(['attività di controllo', 'spesa in €', 'perché sì']);
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 with one', async () => {
    const inputs = [
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ];
    for (const bytes of inputs) {
      const prepared = await prepareInput(bytes, 'piano.csv');
      const doc = readSpreadsheet(prepared.bytes, { ...source, format: 'csv' });
      expect(tableTexts(doc.blocks)[1]).toEqual(['attività di controllo', 'spesa in €', 'perché sì']);
    }
  });

  it('sends .xls and .ods to SheetJS without conversion', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['attività', 1]]), 'S');
    for (const bookType of ['xls', 'ods'] as const) {
      const bytes = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
      const prepared = await prepareInput(bytes, `piano.${bookType}`);
      expect(prepared.format).toBe(bookType);
      expect(prepared.bytes).toBe(bytes);
    }
  });
});

describe('the committed bad-input files (test/data/bad, made by build.ts)', () => {
  const file = (name: string): Buffer => readFileSync(new URL(`./data/bad/${name}`, import.meta.url));

  it('unwraps a real openssl CAdES signature (BER, streamed, with certificate and signer info)', async () => {
    const out = await prepareInput(file('openssl.pdf.p7m'), 'openssl.pdf.p7m');
    expect(out).toMatchObject({ format: 'pdf', name: 'openssl.pdf', envelope: 'openssl.pdf.p7m' });
    expect(Buffer.compare(out.bytes, PDF)).toBe(0);
  });

  it('unwraps the PEM envelope around a DOCX', async () => {
    const out = await prepareInput(file('signed.docx.p7m'), 'signed.docx.p7m');
    expect(out).toMatchObject({ format: 'docx', name: 'signed.docx', envelope: 'signed.docx.p7m' });
  });

  it('reads the Windows-1252 CSV and the legacy spreadsheets', async () => {
    for (const name of ['piano-cp1252.csv', 'piano.xls', 'piano.ods']) {
      const prepared = await prepareInput(file(name), name);
      const doc = readSpreadsheet(prepared.bytes, { ...source, format: prepared.format });
      expect(tableTexts(doc.blocks)[3], name).toEqual(['attività di controllo', 'Spesa in € per abitante', '45.5']);
    }
  });
});
