/**
 * Writes the small bad-input documents committed beside this script, so the
 * fuzzer (which mutates every document under test/data) also exercises signed
 * envelopes, legacy spreadsheets and a Windows-1252 CSV:
 *   signed.pdf.p7m        DER envelope around test/data/pdf/sheet.pdf
 *   signed.docx.p7m       BER envelope (chunked content) as PEM text, around a small DOCX
 *   openssl.pdf.p7m       a real CAdES-style signature by `openssl cms -sign -nodetach -stream`
 *                         (BER, certificate and signer info included) with a throwaway key
 *   piano-cp1252.csv      a semicolon CSV in Windows-1252 ("attività", "€")
 *   piano.xls, piano.ods  one sheet each, for SheetJS's legacy readers
 *
 * Run: npx tsx test/data/bad/build.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { pem, signedEnvelope, smallDocx } from './make.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Content chunk of the BER envelope: small, so the fuzzer meets many chunk boundaries. */
const BER_CHUNK = 1000;

const rows = [
  ['Obiettivo', 'Indicatore', 'Target 2024'],
  ['Digitalizzare i servizi al cittadino', 'Numero di servizi online', 12],
  ['Ridurre i tempi di pagamento', 'Giorni medi di pagamento', 30],
  ['attività di controllo', 'Spesa in € per abitante', 45.5],
];

const pdf = join(here, '..', 'pdf', 'sheet.pdf');
writeFileSync(join(here, 'signed.pdf.p7m'), signedEnvelope(readFileSync(pdf)));
const keys = mkdtempSync(join(tmpdir(), 'perfplan-sign-'));
try {
  const [key, cert] = [join(keys, 'key.pem'), join(keys, 'cert.pem')];
  const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Comune di Prova', '-days', '1', '-keyout', key, '-out', cert);
  const signed = openssl('cms', '-sign', '-nodetach', '-binary', '-stream', '-in', pdf, '-signer', cert, '-inkey', key, '-outform', 'DER');
  writeFileSync(join(here, 'openssl.pdf.p7m'), signed);
} finally {
  rmSync(keys, { recursive: true, force: true });
}
writeFileSync(
  join(here, 'signed.docx.p7m'),
  pem(signedEnvelope(await smallDocx([['Digitalizzare i servizi al cittadino', 'Numero di servizi online']]), { berChunk: BER_CHUNK })),
);
const csv = rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
writeFileSync(join(here, 'piano-cp1252.csv'), Buffer.from(csv.replace('€', '\x80'), 'latin1'));
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Obiettivi');
for (const bookType of ['xls', 'ods'] as const) {
  writeFileSync(join(here, `piano.${bookType}`), XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}
