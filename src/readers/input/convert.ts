/**
 * Older plans are Word 97 (.doc), OpenDocument (.odt) or RTF files, which no
 * JavaScript reader handles well. LibreOffice converts them to DOCX, which the DOCX
 * reader knows. Each conversion runs headless in its own temporary folder with its
 * own user profile (parallel workers would otherwise fight over ~/.config's lock),
 * and is killed, with the helper processes it spawned, when it overruns.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from './errors.js';

export type ConvertibleFormat = 'doc' | 'odt' | 'rtf';

export interface ConverterSettings {
  /** The LibreOffice program: a name looked up on PATH, or a path. */
  soffice: string;
  /** A conversion running longer is killed; the first run also creates the profile (a few seconds). */
  timeoutMs: number;
}

export const DEFAULT_CONVERTER_SETTINGS: ConverterSettings = { soffice: 'soffice', timeoutMs: 120_000 };

/** What is kept of LibreOffice's error output for the reason of a failed conversion. */
const STDERR_KEEP_CHARS = 500;

const INSTALL_HINT = 'install LibreOffice (apt-get install libreoffice-writer) or convert the file to DOCX or PDF';

interface RunResult {
  code: number | null;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // its own process group, so a timeout kills the helpers soffice starts too
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_KEEP_CHARS);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new InputError(`LibreOffice did not finish the conversion within ${timeoutMs / 1000} s`));
      else resolve({ code, stderr: stderr.trim() });
    });
  });
}

/** The document converted to DOCX by LibreOffice; InputError when LibreOffice is missing or fails. */
export async function convertToDocx(
  bytes: Uint8Array,
  format: ConvertibleFormat,
  settings: ConverterSettings = DEFAULT_CONVERTER_SETTINGS,
): Promise<Uint8Array> {
  const work = await mkdtemp(join(tmpdir(), 'perfplan-convert-'));
  try {
    const input = join(work, `document.${format}`);
    await writeFile(input, bytes);
    const profile = pathToFileURL(join(work, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', work, input];
    let result: RunResult;
    try {
      result = await run(settings.soffice, args, settings.timeoutMs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new InputError(`${format.toUpperCase()} files need LibreOffice, and "${settings.soffice}" was not found: ${INSTALL_HINT}`);
      }
      throw e;
    }
    try {
      return await readFile(join(work, 'document.docx'));
    } catch {
      const detail = result.stderr || `exit code ${result.code}`;
      throw new InputError(`LibreOffice could not convert this ${format.toUpperCase()} file (${detail})`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
