/**
 * V8 flags a batch import runs with: `perfplan import` and `perfplan run` start
 * node again with them when it lacks them (src/cli/v8-relaunch.ts), `npm start`
 * passes them, and the bench's import phases run under them (test/v8-flags.test.ts
 * keeps these in step). V8 flags are process-wide and must be given when node
 * starts; setting these later with v8.setFlagsFromString crashes V8's GC.
 *
 * Measured on the 2-core bench machine (docs/performance.md): with V8's defaults,
 * its helper threads — TurboFan compiling on a background thread, the GC marking,
 * scavenging and sweeping in parallel — spent about a fifth more CPU on the same
 * import. With one worker per core they take CPU from the workers: without them the
 * import with every core ran 12–20% faster, and the one with a single worker no
 * slower. Single-threaded work is another matter: there the helpers use an idle
 * core, and `extract` ran 7% (PDF) to 29% (DOCX/XLSX) slower without them, so the
 * other commands run under node's defaults.
 */
export const V8_FLAGS = ['--single-threaded-gc', '--no-concurrent-recompilation'] as const;
