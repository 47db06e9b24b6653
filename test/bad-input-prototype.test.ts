import { describe, expect, it } from 'vitest';
import { extractBytes } from '../src/extract.js';
import { readSpreadsheet } from '../src/readers/xlsx/index.js';
import { rawXlsx, unzip, zip } from './data/bad/make.js';

/**
 * A workbook whose every name is a key that reaches a prototype when a parser
 * writes `obj[name] = …` or `obj[a][b] = …`: sheets, defined names, shared
 * strings, custom properties.
 */
function hostileWorkbook(): Uint8Array {
  const keys = ['__proto__', 'constructor', 'prototype', 'polluted'];
  const row = (r: number): string =>
    `<row r="${r}">${keys.map((_, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="s"><v>${(r + c) % keys.length}</v></c>`).join('')}</row>`;
  const base = rawXlsx(
    [
      { name: '__proto__', rows: row(1) + row(2) },
      { name: 'constructor', rows: row(1) },
      { name: 'prototype', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>{"__proto__":{"polluted":"yes"}}</t></is></c></row>' },
    ],
    {
      sharedStrings: keys,
      definedNames:
        '<definedName name="__proto__">__proto__!$A$1</definedName>' +
        '<definedName name="constructor" localSheetId="0">constructor!$A$1:$B$2</definedName>' +
        '<definedName name="polluted">prototype!$A$1</definedName>',
    },
  );
  // the same package plus custom document properties named like prototype keys
  const entries = unzip(base);
  const custom =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    keys.map((k, i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${k}"><vt:lpwstr>polluted</vt:lpwstr></property>`).join('') +
    '</Properties>';
  const rels = entries.find((e) => e.name === '_rels/.rels')!;
  rels.data = Buffer.from(
    Buffer.from(rels.data)
      .toString('utf8')
      .replace(
        '</Relationships>',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
  );
  return zip([...entries, { name: 'docProps/custom.xml', data: Buffer.from(custom) }]);
}

const prototypeState = (): string =>
  JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));

function expectNoPollution(before: string): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as { constructor: unknown }).constructor).toBe(Object);
  expect(prototypeState()).toBe(before);
}

describe('untrusted spreadsheets do not pollute prototypes', () => {
  it('readSpreadsheet reads the hostile workbook and leaves the prototypes alone', () => {
    const before = prototypeState();
    const doc = readSpreadsheet(hostileWorkbook(), { file: 'hostile.xlsx', sha256: '0', format: 'xlsx', pages: null });
    expectNoPollution(before);
    const sheets = doc.blocks.map((b) => (b.kind === 'table' ? b.provenance.sheet : null));
    expect(sheets).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it('the whole extraction does too', async () => {
    const before = prototypeState();
    await extractBytes(hostileWorkbook(), 'hostile.xlsx').catch((e: unknown) => {
      // a refusal is fine; pollution is not
      expect(e).toBeInstanceOf(Error);
    });
    expectNoPollution(before);
  });
});
