/**
 * What arrives from municipal websites is often not the file its name says: an
 * empty download, an HTML error page saved as .pdf, a PDF named .docx, a plan
 * inside a signature envelope (.pdf.p7m, sometimes .p7m.p7m), an old .doc or .rtf,
 * a CSV in Windows-1252, a ZIP that would unpack to gigabytes. Before any reader
 * runs, the bytes are unwrapped, recognised by content, checked against the
 * package limits, converted or re-encoded, and handed on in a format a reader
 * takes, or refused with an InputError whose reason says what is wrong.
 */
import type { DocumentFormat } from '../../document/model.js';
import { sniffFormat } from '../sniff.js';
import { unwrapSignedEnvelope } from './cades.js';
import { type ConverterSettings, convertToDocx, DEFAULT_CONVERTER_SETTINGS } from './convert.js';
import { InputError } from './errors.js';
import { checkZipPackage, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.js';

export { InputError } from './errors.js';

export interface InputLimits {
  zip: ZipLimits;
  converter: ConverterSettings;
  /** Envelopes inside envelopes unwrapped at most (a signature countersigned twice is three). */
  maxEnvelopeDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  zip: DEFAULT_ZIP_LIMITS,
  converter: DEFAULT_CONVERTER_SETTINGS,
  maxEnvelopeDepth: 4,
};

export interface PreparedInput {
  /**
   * What the format's reader takes: the document itself, except that DOC, ODT and
   * RTF come converted to DOCX and a CSV comes re-encoded as UTF-8 with a BOM.
   */
  bytes: Uint8Array;
  /**
   * The document as signed and downloaded, out of any envelope, before conversion
   * or re-encoding: what to hash, so a plan has one digest however it was wrapped
   * (a conversion is not byte-identical from run to run).
   */
  unwrapped: Uint8Array;
  /** the document's own name: the envelope's name without ".p7m" */
  name: string;
  /** the document's real format, from its content */
  format: DocumentFormat;
  /** the name of the signed envelope the document came in */
  envelope?: string;
}

const ENVELOPE_SUFFIX = /\.p7[ms]$/i;

/** Unwraps, recognises, checks and converts one downloaded file; throws InputError with the reason it cannot be read. */
export async function prepareInput(
  original: Uint8Array,
  originalName: string,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): Promise<PreparedInput> {
  let bytes = original;
  let name = originalName;
  let envelope: string | undefined;
  let format = sniffFormat(bytes, name);
  for (let depth = 0; format === 'p7m'; depth++) {
    if (depth === limits.maxEnvelopeDepth) {
      throw new InputError(`signed envelopes nested more than ${limits.maxEnvelopeDepth} deep`);
    }
    envelope ??= originalName;
    bytes = unwrapSignedEnvelope(bytes);
    name = name.replace(ENVELOPE_SUFFIX, '');
    format = sniffFormat(bytes, name);
  }
  const inside = envelope ? ' inside the signed envelope' : '';
  const prepared = (format: DocumentFormat, readable = bytes): PreparedInput => ({
    bytes: readable,
    unwrapped: bytes,
    name,
    format,
    ...(envelope ? { envelope } : {}),
  });
  switch (format) {
    case 'pdf':
    case 'xls':
      return prepared(format);
    case 'docx':
    case 'xlsx':
    case 'ods':
      await checkZipPackage(bytes, limits.zip);
      return prepared(format);
    case 'csv': {
      // The code page tables are large; only a CSV needs them.
      const { decodeText, toUtf8WithBom } = await import('./text.js');
      return prepared(format, toUtf8WithBom(decodeText(bytes).text));
    }
    case 'odt':
    case 'doc':
    case 'rtf':
      if (format === 'odt') await checkZipPackage(bytes, limits.zip);
      return prepared(format, await convertToDocx(bytes, format, limits.converter));
    case 'encrypted':
      throw new InputError(`a password-protected Office file${inside}: save it again without a password`);
    case 'html':
      throw new InputError(`an HTML page${inside}, not a plan document (a download error page saved under a document name?)`);
    case 'zip':
      throw new InputError(`a ZIP archive${inside} that is not a DOCX, XLSX or OpenDocument file: extract the plan from it first`);
    case 'unknown':
      throw new InputError(
        bytes.length === 0 ? `empty file (0 bytes)${inside}` : `not a PDF, DOCX or spreadsheet${inside} (unrecognised content)`,
      );
  }
}
