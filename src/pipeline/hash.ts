/**
 * Re-running an import over a folder of mostly known plans must be cheap: the
 * file's digest is computed before any parsing, and a digest already in the
 * database means the file is skipped without opening it. Streaming keeps memory
 * flat on large scans.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
