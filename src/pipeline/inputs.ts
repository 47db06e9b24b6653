/**
 * `perfplan import` takes whatever an analyst points it at: files, folders of
 * downloaded plans, globs, manifests. This module turns those inputs into one
 * list of files, each with the hints its manifest gives, each once. A named file
 * that does not exist stays in the list, so it fails visibly in the summary.
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { expandGlob, isGlob, walkFiles } from './glob.js';
import type { Hints } from './hints.js';
import { loadManifest } from './manifest.js';

export interface FileJob {
  path: string;
  hints: Hints;
}

export interface ResolvedInputs {
  jobs: FileJob[];
  /** inputs that gave no file, said in the summary ("plans/*.pdf matched no files") */
  notes: string[];
}

/**
 * The extensions a folder walk picks up: the formats the readers know, and signed
 * envelopes (.p7m) around them. A file named explicitly is tried whatever its name.
 */
export const DOCUMENT_EXTENSIONS = new Set([
  '.pdf', '.docx', '.xlsx', '.xls', '.ods', '.csv', '.doc', '.odt', '.rtf', '.p7m',
]);

/** Office's lock files ("~$piano.docx") sit beside open documents and are not documents. */
const isOfficeLockFile = (path: string): boolean => /(^|[\\/])~\$[^\\/]*$/.test(path);

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function filesOf(input: string, cwd: string, notes: string[]): string[] {
  if (isGlob(input)) {
    const found = expandGlob(input, cwd).filter((f) => !isOfficeLockFile(f));
    if (found.length === 0) notes.push(`${input} matched no files`);
    return found;
  }
  const path = resolve(cwd, input);
  if (!isDirectory(path)) return [path];
  const found = walkFiles(path)
    .filter((rel) => DOCUMENT_EXTENSIONS.has(extname(rel).toLowerCase()) && !isOfficeLockFile(rel))
    .map((rel) => resolve(path, rel));
  if (found.length === 0) notes.push(`${input} holds no documents`);
  return found;
}

/** Files from inputs (files, folders, globs, manifests ending in .json), in order, without repeats. */
export function resolveInputs(inputs: string[], cwd: string): ResolvedInputs {
  const notes: string[] = [];
  const seen = new Map<string, FileJob>();
  const add = (input: string, hints: Hints): void => {
    for (const path of filesOf(input, cwd, notes)) if (!seen.has(path)) seen.set(path, { path, hints });
  };
  for (const input of inputs) {
    if (!isGlob(input) && extname(input).toLowerCase() === '.json') {
      for (const entry of loadManifest(resolve(cwd, input)).entries) add(entry.input, entry.hints);
    } else add(input, {});
  }
  return { jobs: [...seen.values()], notes };
}
