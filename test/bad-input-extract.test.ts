/**
 * Bad input through the whole extraction (src/extract.ts calling prepareInput):
 * what the importer records for a signed plan, and the reasons it gives for files
 * it cannot read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractBytes } from '../src/extract.js';
import { zip } from './data/bad/make.js';

const file = (path: string): Buffer => readFileSync(new URL(path, import.meta.url));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function reasonOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractError);
  return (err as ExtractError).reason;
}

describe('bad input through extractBytes', () => {
  it('imports a signed PDF, keeping the envelope in the provenance and the digest of the signed document', async () => {
    const plan = await extractBytes(file('./data/bad/openssl.pdf.p7m'), 'openssl.pdf.p7m');
    expect(plan.source).toMatchObject({
      file: 'openssl.pdf',
      envelope: 'openssl.pdf.p7m',
      format: 'pdf',
      sha256: sha256(file('./data/pdf/sheet.pdf')),
    });
  });

  it('imports a PEM-signed DOCX and a Windows-1252 CSV', async () => {
    expect((await extractBytes(file('./data/bad/signed.docx.p7m'), 'signed.docx.p7m')).source).toMatchObject({
      format: 'docx',
      envelope: 'signed.docx.p7m',
    });
    const csv = await extractBytes(file('./data/bad/piano-cp1252.csv'), 'piano-cp1252.csv');
    expect(csv.source).toMatchObject({ format: 'csv', sha256: sha256(file('./data/bad/piano-cp1252.csv')) });
  });

  it('names the file and the reason for empty files, HTML pages and ZIP bombs', async () => {
    expect(await reasonOf(extractBytes(new Uint8Array(0), 'piano.pdf'))).toBe('empty file (0 bytes)');
    const page = Buffer.from('<!DOCTYPE html><html><body>404</body></html>');
    expect(await reasonOf(extractBytes(page, 'piano.docx'))).toMatch(/^an HTML page/);
    const bomb = zip([{ name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) }]);
    const err = await extractBytes(bomb, 'downloads/piano.docx').catch((e: unknown) => e as ExtractError);
    expect(err).toMatchObject({ file: 'piano.docx', reason: expect.stringMatching(/^a ZIP bomb\?/) });
  });
});
