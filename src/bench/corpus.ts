/**
 * The benchmark needs thousands of PDF pages and hundreds of documents, and the
 * fixtures are a few dozen pages: the corpus is made of copies of them. A copy must
 * be a new document to the importer (its own sha256, or it would be skipped as
 * already imported) yet read exactly like its original, so only bytes that no
 * reader looks at change: a comment line after a PDF's %%EOF, the ZIP comment of a
 * DOCX/XLSX package. Every run checks this by extracting each original and its
 * first copy and comparing the plans. A manifest records what was built, so the
 * next run reuses the corpus instead of writing it again.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { failureReason } from '../pipeline/failure.js';
import { PATHS, ROOT, type BenchSize } from './settings.js';

export type CorpusFormat = 'pdf' | 'docx' | 'xlsx';

export interface CorpusFile {
  /** absolute path */
  path: string;
  /** the fixture it copies, relative to the project root */
  fixture: string;
  format: CorpusFormat;
  /** PDF pages; null for DOCX/XLSX */
  pages: number | null;
  bytes: number;
}

export interface Verification {
  fixture: string;
  /** the original and its first copy gave the same plan (or the same error) */
  same: boolean;
  /** what both gave: "12 objectives, 30 indicators" or the error */
  outcome: string;
}

export interface Corpus {
  /** the folder holding every corpus file, and nothing else */
  dir: string;
  files: CorpusFile[];
  copies: { pdf: number; office: number };
  verification: Verification[];
  /** true when an existing corpus matched the manifest and was reused */
  reused: boolean;
}

/** Bumped whenever the way copies are made changes, so an old corpus is rebuilt. */
const CORPUS_VERSION = 1;

const FORMATS: Record<string, CorpusFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.xlsx': 'xlsx' };

/** The last 22 bytes of a ZIP without a comment: the end-of-central-directory record. */
const ZIP_END_RECORD = { bytes: 22, signature: 0x06054b50, commentLengthAt: 20 } as const;

interface Fixture {
  path: string;
  format: CorpusFormat;
  sha256: string;
  pages: number | null;
}

interface Manifest {
  version: number;
  size: Pick<BenchSize, 'pdfPages' | 'documents' | 'officeCopies'>;
  fixtures: Fixture[];
  copies: Corpus['copies'];
  files: (Omit<CorpusFile, 'path'> & { name: string })[];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A file's bytes as the plain Uint8Array pdfjs insists on (it refuses a Buffer). */
export const asBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

async function pdfPages(bytes: Uint8Array): Promise<number> {
  const { openPdf } = await import('../readers/pdf/open.js');
  const doc = await openPdf(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

async function listFixtures(): Promise<Fixture[]> {
  const root = resolve(ROOT, PATHS.fixtures);
  const fixtures: Fixture[] = [];
  for (const folder of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    for (const name of (await readdir(join(root, folder.name))).sort()) {
      const format = FORMATS[extname(name).toLowerCase()];
      if (!format) continue;
      const path = join(root, folder.name, name);
      const bytes = asBytes(await readFile(path));
      fixtures.push({
        path: relative(ROOT, path),
        format,
        sha256: sha256(bytes),
        pages: format === 'pdf' ? await pdfPages(bytes) : null,
      });
    }
  }
  return fixtures.sort((a, b) => a.path.localeCompare(b.path));
}

/** The same document with `mark` where no reader looks. */
export function markCopy(bytes: Uint8Array, format: CorpusFormat, mark: string): Uint8Array {
  const text = new TextEncoder().encode(format === 'pdf' ? `%${mark}\n` : mark);
  const out = new Uint8Array(bytes.length + text.length);
  out.set(bytes);
  out.set(text, bytes.length);
  if (format !== 'pdf') {
    const end = new DataView(out.buffer, bytes.length - ZIP_END_RECORD.bytes, ZIP_END_RECORD.bytes);
    if (end.getUint32(0, true) !== ZIP_END_RECORD.signature || end.getUint16(ZIP_END_RECORD.commentLengthAt, true) !== 0) {
      throw new Error('the package does not end with a comment-free ZIP end record: cannot mark a copy');
    }
    end.setUint16(ZIP_END_RECORD.commentLengthAt, text.length, true);
  }
  return out;
}

/** How many copies of each fixture reach the corpus size. */
function copiesFor(size: BenchSize, fixtures: Fixture[]): Corpus['copies'] {
  const pdfs = fixtures.filter((f) => f.format === 'pdf');
  const pages = pdfs.reduce((n, f) => n + (f.pages ?? 0), 0);
  const office = (fixtures.length - pdfs.length) * size.officeCopies;
  if (pdfs.length === 0 || pages === 0) throw new Error(`no PDF fixture under ${PATHS.fixtures}`);
  const pdf = Math.max(Math.ceil(size.pdfPages / pages), Math.ceil((size.documents - office) / pdfs.length));
  return { pdf, office: size.officeCopies };
}

const copyName = (fixture: Fixture, n: number): string => {
  const ext = extname(fixture.path);
  return `${basename(fixture.path, ext)}__${String(n).padStart(4, '0')}${ext}`;
};

/** What extracting a file gives, stripped of what depends on its bytes and name. */
async function outcomeOf(path: string): Promise<{ key: string; summary: string }> {
  const { extract } = await import('../extract.js');
  try {
    const { id: _id, source: _source, ...plan } = await extract(path);
    return {
      key: JSON.stringify(plan),
      summary: `${plan.objectives.length} objectives, ${plan.indicators.length} indicators`,
    };
  } catch (err) {
    const message = `error: ${failureReason(err)}`;
    return { key: message, summary: message };
  }
}

async function verify(fixtures: Fixture[], dir: string): Promise<Verification[]> {
  const out: Verification[] = [];
  for (const fixture of fixtures) {
    const original = await outcomeOf(resolve(ROOT, fixture.path));
    const copy = await outcomeOf(join(dir, copyName(fixture, 1)));
    out.push({ fixture: fixture.path, same: original.key === copy.key, outcome: original.summary });
  }
  return out;
}

const sizeKey = (size: BenchSize): Manifest['size'] => ({
  pdfPages: size.pdfPages,
  documents: size.documents,
  officeCopies: size.officeCopies,
});

function reusable(manifest: Manifest, size: BenchSize, fixtures: Fixture[], dir: string): boolean {
  if (manifest.version !== CORPUS_VERSION) return false;
  if (JSON.stringify(manifest.size) !== JSON.stringify(sizeKey(size))) return false;
  if (JSON.stringify(manifest.fixtures) !== JSON.stringify(fixtures)) return false;
  return manifest.files.every((f) => {
    const path = join(dir, f.name);
    return existsSync(path) && statSync(path).size === f.bytes;
  });
}

async function build(size: BenchSize, fixtures: Fixture[], dir: string): Promise<Manifest> {
  const copies = copiesFor(size, fixtures);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: Manifest['files'] = [];
  for (const fixture of fixtures) {
    const bytes = asBytes(await readFile(resolve(ROOT, fixture.path)));
    const count = fixture.format === 'pdf' ? copies.pdf : copies.office;
    for (let n = 1; n <= count; n++) {
      const name = copyName(fixture, n);
      const copy = markCopy(bytes, fixture.format, `perfplan-bench copy ${n}`);
      await writeFile(join(dir, name), copy);
      files.push({ name, fixture: fixture.path, format: fixture.format, pages: fixture.pages, bytes: copy.length });
    }
  }
  return { version: CORPUS_VERSION, size: sizeKey(size), fixtures, copies, files };
}

/** The corpus for `size`, reused when its manifest matches the fixtures and settings, built otherwise. */
export async function prepareCorpus(size: BenchSize, log: (line: string) => void): Promise<Corpus> {
  const work = resolve(ROOT, PATHS.work, size.name);
  const dir = join(work, 'files');
  const manifestPath = join(work, 'manifest.json');
  const fixtures = await listFixtures();
  let manifest = existsSync(manifestPath) ? (JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest) : null;
  const reused = manifest !== null && reusable(manifest, size, fixtures, dir);
  if (manifest && reused) log(`corpus: reusing ${relative(ROOT, dir)} (${manifest.files.length} files)`);
  else {
    log(`corpus: writing copies of the fixtures into ${relative(ROOT, dir)}`);
    manifest = await build(size, fixtures, dir);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  }
  log('corpus: checking that each first copy extracts like its original');
  return {
    dir,
    files: manifest.files.map(({ name, ...f }) => ({ ...f, path: join(dir, name) })),
    copies: manifest.copies,
    verification: await verify(fixtures, dir),
    reused,
  };
}
