/**
 * Builders for the hostile files the bad-input tests feed the importer: CMS
 * envelopes (DER and BER, built by hand: Node has no CMS signer, and unwrapping
 * needs structure, not a valid signature), ZIP packages whose directory says what
 * the test wants (lying sizes, shared data, bombs), and small real DOCX/XLSX files.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import * as XLSX from 'xlsx';
import { entryData, readZipDirectory } from '../../../src/readers/input/zip.js';

// ---- DER / BER ----

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

/** A definite-length TLV. */
export function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Uint8Array.of(tag, ...derLength(body.length)), body]);
}

/** A constructed TLV of indefinite length (BER), closed by end-of-contents octets. */
export function ber(tag: number, ...contents: Uint8Array[]): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag, 0x80), ...contents, Uint8Array.of(0, 0)]);
}

const OID_SIGNED_DATA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);
const OID_DATA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);
const OID_SHA256 = Uint8Array.of(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01);

export interface EnvelopeOptions {
  /** indefinite lengths everywhere and the content cut into OCTET STRING chunks of this size */
  berChunk?: number;
  /** detached signature: no eContent */
  detached?: boolean;
  /** the ContentInfo type's last arc (2 = signedData; 3 = envelopedData) */
  typeArc?: number;
}

/**
 * ContentInfo { signedData, SignedData { version 1, digestAlgorithms {sha256},
 * encapContentInfo { data, [0] OCTET STRING content }, signerInfos {} } }.
 */
export function signedEnvelope(content: Uint8Array, options: EnvelopeOptions = {}): Uint8Array {
  const chunk = options.berChunk;
  const wrap = chunk ? ber : der;
  const octets = chunk
    ? ber(0x24, ...Array.from({ length: Math.ceil(content.length / chunk) }, (_, i) => der(0x04, content.subarray(i * chunk, (i + 1) * chunk))))
    : der(0x04, content);
  const encap = wrap(0x30, der(0x06, OID_DATA), ...(options.detached ? [] : [wrap(0xa0, octets)]));
  const signedData = wrap(
    0x30,
    der(0x02, Uint8Array.of(1)),
    der(0x31, der(0x30, der(0x06, OID_SHA256), der(0x05))),
    encap,
    der(0x31),
  );
  const type = Uint8Array.from(OID_SIGNED_DATA);
  type[type.length - 1] = options.typeArc ?? 2;
  return wrap(0x30, der(0x06, type), wrap(0xa0, signedData));
}

/** The envelope as PEM text, the base64 form some administrations publish. */
export function pem(derBytes: Uint8Array): Uint8Array {
  const lines = Buffer.from(derBytes).toString('base64').match(/.{1,64}/g) ?? [];
  return Buffer.from(`-----BEGIN PKCS7-----\r\n${lines.join('\r\n')}\r\n-----END PKCS7-----\r\n`, 'latin1');
}

// ---- ZIP ----

export interface ZipSpec {
  name: string;
  data: Uint8Array;
  /** store instead of deflate */
  stored?: boolean;
  /** the unpacked size the headers claim (defaults to the truth) */
  declaredSize?: number;
  /** reuse the packed bytes (and local header) of an earlier entry: the overlapping-entries bomb */
  sameDataAs?: number;
  /** claim this unpacked size in a ZIP64 extra field of the central directory (sizes there say 0xFFFFFFFF) */
  zip64Size?: number;
}

/** A ZIP package written entry by entry, with headers that say what the spec says. */
export function zip(specs: ZipSpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const spec of specs) {
    const name = Buffer.from(spec.name, 'utf8');
    const packed = spec.stored ? Buffer.from(spec.data) : deflateRawSync(spec.data);
    const size = spec.declaredSize ?? spec.data.length;
    const header = (sig: number, central: boolean): Buffer => {
      const h = Buffer.alloc(central ? 46 : 30);
      h.writeUInt32LE(sig, 0);
      const base = central ? 6 : 4; // central headers carry "version made by" first
      if (central) h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, base); // version needed
      h.writeUInt16LE(spec.stored ? 0 : 8, base + 4);
      h.writeUInt32LE(crc32(spec.data), base + 10);
      h.writeUInt32LE(packed.length, base + 14);
      h.writeUInt32LE(size, base + 18);
      h.writeUInt16LE(name.length, base + 22);
      return h;
    };
    const reuse = spec.sameDataAs;
    const local = reuse === undefined ? Buffer.concat([header(0x04034b50, false), name, packed]) : null;
    const at = reuse === undefined ? offset : offsets[reuse]!;
    offsets.push(at);
    const central = header(0x02014b50, true);
    central.writeUInt32LE(at, 42);
    let extra = Buffer.alloc(0);
    if (spec.zip64Size !== undefined) {
      central.writeUInt32LE(0xffffffff, 20);
      central.writeUInt32LE(0xffffffff, 24);
      extra = Buffer.alloc(20);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(spec.zip64Size), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
      central.writeUInt16LE(extra.length, 30);
    }
    centrals.push(Buffer.concat([central, name, extra]));
    if (local) {
      locals.push(local);
      offset += local.length;
    }
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a package, unpacked, ready to be edited and zipped again. */
export function unzip(bytes: Uint8Array): ZipSpec[] {
  return readZipDirectory(bytes).entries.map((e) => {
    const { start, end } = entryData(bytes, e);
    const packed = bytes.subarray(start, end);
    return { name: e.name, data: e.method === 0 ? packed : inflateRawSync(packed) };
  });
}

// ---- small real documents ----

/** A DOCX with a heading paragraph and a two-column objective/indicator table. */
export async function smallDocx(rows: [string, string][] = [['Obiettivo 1: digitalizzare i servizi', 'Numero di servizi online']]): Promise<Uint8Array> {
  const cell = (text: string): TableCell => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('Piano della performance 2024-2026'),
          new Table({ rows: [['Obiettivo', 'Indicatore'], ...rows].map((r) => new TableRow({ children: r.map(cell) })) }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An XLSX with one sheet of `rows`. */
export function xlsxOf(rows: unknown[][], sheet = 'Obiettivi'): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface RawSheet {
  /** the sheet name as the workbook lists it (XML-escaped by the caller if needed) */
  name: string;
  /** the <sheetData> children */
  rows: string;
}

/**
 * An XLSX written XML by hand, for what SheetJS refuses to write (cells over
 * 32,767 characters) or what a test must control exactly (hostile names).
 */
export function rawXlsx(sheets: RawSheet[], extra: { sharedStrings?: string[]; definedNames?: string } = {}): Uint8Array {
  const text = (s: string): Buffer => Buffer.from(XML_HEAD + s, 'utf8');
  const sst = extra.sharedStrings;
  const entries: ZipSpec[] = [
    {
      name: '[Content_Types].xml',
      data: text(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          sheets
            .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
            .join('') +
          (sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(`<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
          sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
          `</sheets>${extra.definedNames ? `<definedNames>${extra.definedNames}</definedNames>` : ''}</workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        `<Relationships xmlns="${NS_PKG_REL}">` +
          sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
          (sst ? `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
          '</Relationships>',
      ),
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: text(`<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>${s.rows}</sheetData></worksheet>`),
    })),
  ];
  if (sst) {
    entries.push({
      name: 'xl/sharedStrings.xml',
      data: text(`<sst xmlns="${NS_MAIN}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`),
    });
  }
  return zip(entries);
}
