/**
 * A failed file is a line in the summary and a row in import_files, read by
 * someone deciding what to do about it. This turns whatever was thrown (a zod
 * error, a file-system error, the extractor's own error) into one short reason
 * that does not repeat the file name the summary already shows.
 */
import { z } from 'zod';

/** How many schema issues a reason lists: enough to see the pattern, short enough for one line. */
const SHOWN_ISSUES = 3;

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder',
  EACCES: 'permission denied',
};

export function failureReason(err: unknown): string {
  if (err instanceof z.ZodError) {
    const issues = err.issues.slice(0, SHOWN_ISSUES).map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`);
    return `the extractor returned an invalid plan: ${issues.join('; ')}`;
  }
  const { code, reason } = (err ?? {}) as { code?: unknown; reason?: unknown };
  if (typeof code === 'string' && FILE_ERRORS[code]) return FILE_ERRORS[code];
  // The extractor's errors carry the bare reason beside a message prefixed with the file name.
  if (typeof reason === 'string' && reason) return reason;
  return err instanceof Error ? err.message : String(err);
}
