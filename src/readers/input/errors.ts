/**
 * A file refused before any reader sees it (empty, an HTML page, a detached
 * signature, a ZIP bomb, a format that needs a converter that is missing). The
 * reason is written for the person who downloaded the file: what is wrong and,
 * where there is one, what to do.
 */
export class InputError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'InputError';
  }
}
