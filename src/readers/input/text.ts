/**
 * CSV exports of Italian plans come in whatever encoding the office's Excel used:
 * UTF-8 with or without a BOM, UTF-16 ("Unicode text"), or most often Windows-1252,
 * where "attività" and "€" are single bytes that are not valid UTF-8. SheetJS
 * guesses from a BOM only and would read UTF-8 without one as Latin-1, so the text
 * is decoded here (BOM, else strict UTF-8, else Windows-1252, which also covers
 * ISO-8859-1) and handed on as UTF-8 with a BOM.
 */
import { cptable } from 'xlsx/dist/cpexcel.full.mjs';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
/**
 * Windows-1252, byte → character, from SheetJS's code pages: Node's TextDecoder
 * decodes "windows-1252" as Latin-1 and turns 0x80 ("€") into a control character.
 */
const CP1252: ArrayLike<string> = cptable[1252]!.dec as unknown as string[];

function decodeCp1252(bytes: Uint8Array): string {
  const chars = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) chars[i] = CP1252[bytes[i]!]!;
  return chars.join('');
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  for (const [encoding, bom] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      return { text: new TextDecoder(encoding).decode(bytes.subarray(bom.length)), encoding };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
  }
}

/** The text as UTF-8 bytes with a BOM, the one encoding SheetJS reads from a buffer without guessing. */
export function toUtf8WithBom(text: string): Uint8Array {
  return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
}
