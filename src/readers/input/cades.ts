/**
 * Italian administrations publish signed plans as CAdES envelopes (`plan.pdf.p7m`):
 * a CMS SignedData whose encapsulated content is the document itself. The
 * envelope comes as DER, as BER with the content cut into chunks (constructed
 * OCTET STRINGs of indefinite length), or as base64 text with or without PEM
 * armour; sometimes an envelope holds another envelope. Only the path down to the
 * content is walked: ContentInfo → SignedData → encapContentInfo → eContent. The
 * signature is not verified (provenance keeps the envelope's name); a detached
 * signature (no eContent) carries no document and is refused.
 */
import { InputError } from './errors.js';

/** 1.2.840.113549.1.7 (PKCS #7 content types) as DER: OID tag, length, arc bytes. */
const PKCS7_OID_PREFIX = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07];
/** The last arc of id-signedData (1.2.840.113549.1.7.2). */
const SIGNED_DATA_ARC = 0x02;
/** The ContentInfo's OID follows its SEQUENCE header, which is at most 6 bytes. */
const OID_SEARCH_BYTES = 8;
/**
 * Nesting followed at most while reading BER: CMS needs under 10 levels; a crafted
 * file nesting indefinite-length values without end must not exhaust the stack.
 */
const MAX_BER_DEPTH = 64;
/** Length octets accepted in a long-form BER length: 6 bytes already exceed any file. */
const MAX_LENGTH_OCTETS = 6;
/** Text read from the head of a file to recognise a base64 envelope. */
const BASE64_SNIFF_CHARS = 256;

const TAG_SEQUENCE = 0x10;
const TAG_OCTET_STRING = 0x04;
const TAG_OID = 0x06;
const CLASS_UNIVERSAL = 0;
const CLASS_CONTEXT = 2;

/** One BER element: its tag and where its content lies in the buffer. */
interface Tlv {
  cls: number;
  tag: number;
  constructed: boolean;
  /** content start and end (for indefinite lengths, end is where the end-of-contents octets begin) */
  start: number;
  end: number;
  /** the offset after the element */
  next: number;
}

const damaged = (detail: string): InputError => new InputError(`a damaged signed envelope (.p7m): ${detail}`);

function readTlv(b: Uint8Array, pos: number, limit: number, depth: number): Tlv {
  if (depth > MAX_BER_DEPTH) throw damaged(`nested deeper than ${MAX_BER_DEPTH} levels`);
  if (pos + 2 > limit) throw damaged('truncated');
  const first = b[pos]!;
  let p = pos + 1;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    // high tag number: base-128 digits, the last without the top bit
    tag = 0;
    let digit: number;
    do {
      if (p >= limit || tag > 0xffffff) throw damaged('bad tag');
      digit = b[p++]!;
      tag = tag * 128 + (digit & 0x7f);
    } while (digit & 0x80);
  }
  const tlv = { cls: first >> 6, tag, constructed: (first & 0x20) !== 0 };
  if (p >= limit) throw damaged('truncated');
  const lengthByte = b[p++]!;
  if (lengthByte === 0x80) {
    if (!tlv.constructed) throw damaged('indefinite length on a primitive value');
    let q = p;
    while (!(b[q] === 0 && b[q + 1] === 0)) {
      if (q + 2 > limit) throw damaged('truncated (no end-of-contents)');
      q = readTlv(b, q, limit, depth + 1).next;
    }
    return { ...tlv, start: p, end: q, next: q + 2 };
  }
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const octets = lengthByte & 0x7f;
    if (octets > MAX_LENGTH_OCTETS || p + octets > limit) throw damaged('bad length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + b[p++]!;
  }
  if (p + length > limit) throw damaged('truncated');
  return { ...tlv, start: p, end: p + length, next: p + length };
}

function children(b: Uint8Array, parent: Tlv, depth: number): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.start; p < parent.end; ) {
    const child = readTlv(b, p, parent.end, depth + 1);
    out.push(child);
    p = child.next;
  }
  return out;
}

/** The bytes of an OCTET STRING, joining the chunks of a constructed (BER) one. */
function octets(b: Uint8Array, t: Tlv, depth: number): Uint8Array {
  if (t.cls !== CLASS_UNIVERSAL || t.tag !== TAG_OCTET_STRING) throw damaged('the signed content is not an OCTET STRING');
  if (!t.constructed) return b.subarray(t.start, t.end);
  return Buffer.concat(children(b, t, depth).map((c) => octets(b, c, depth + 1)));
}

const isPkcs7Oid = (b: Uint8Array, at: number): boolean => PKCS7_OID_PREFIX.every((x, i) => b[at + i] === x);

/** A DER/BER SEQUENCE whose first element is a PKCS #7 content type. */
function hasPkcs7Header(b: Uint8Array): boolean {
  if (b[0] !== 0x30) return false;
  for (let at = 2; at <= OID_SEARCH_BYTES; at++) if (isPkcs7Oid(b, at)) return true;
  return false;
}

/** The base64 payload of `text` (PEM armour and whitespace removed), or null if it is not base64. */
function base64Payload(text: string): string | null {
  const body = text.replace(/-----(BEGIN|END)[^-\r\n]*-----/g, '').replace(/\s+/g, '');
  return body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : null;
}

/** Whether `bytes` is a PKCS #7 / CMS envelope, binary or base64. */
export function isSignedEnvelope(bytes: Uint8Array): boolean {
  if (hasPkcs7Header(bytes)) return true;
  const head = base64Payload(Buffer.from(bytes.subarray(0, BASE64_SNIFF_CHARS)).toString('latin1'));
  return head !== null && hasPkcs7Header(Buffer.from(head.slice(0, head.length - (head.length % 4)), 'base64'));
}

/** The document signed inside a CAdES envelope (one level; the caller loops for nested envelopes). */
export function unwrapSignedEnvelope(bytes: Uint8Array): Uint8Array {
  let der = bytes;
  if (!hasPkcs7Header(bytes)) {
    const payload = base64Payload(Buffer.from(bytes).toString('latin1'));
    if (payload === null) throw damaged('neither DER nor base64');
    der = Buffer.from(payload, 'base64');
  }
  // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }
  const root = readTlv(der, 0, der.length, 0);
  const [type, explicit] = children(der, root, 0);
  const oidLength = PKCS7_OID_PREFIX.length - 1; // the prefix counts the tag and length octets, not the last arc
  if (root.tag !== TAG_SEQUENCE || type?.tag !== TAG_OID || type.end - type.start !== oidLength || !isPkcs7Oid(der, type.start - 2)) {
    throw damaged('not a CMS ContentInfo');
  }
  if (der[type.end - 1] !== SIGNED_DATA_ARC) {
    throw new InputError('a PKCS #7 envelope that is not signed data (an encrypted file?): cannot read the document inside');
  }
  const signedData = explicit && explicit.cls === CLASS_CONTEXT ? children(der, explicit, 1)[0] : undefined;
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, ... }
  const encap = signedData ? children(der, signedData, 2)[2] : undefined;
  if (!encap || encap.tag !== TAG_SEQUENCE) throw damaged('no encapsulated content info');
  const eContent = children(der, encap, 3)[1];
  if (!eContent) {
    throw new InputError('a detached signature: the envelope holds no document (download the signed file itself, not only its .p7m/.p7s)');
  }
  if (eContent.cls !== CLASS_CONTEXT) throw damaged('bad eContent');
  const inner = children(der, eContent, 4)[0];
  if (!inner) throw damaged('empty eContent');
  return octets(der, inner, 5);
}
