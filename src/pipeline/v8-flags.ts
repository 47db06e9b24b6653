/**
 * V8 flags the `perfplan` command runs with: its shebang and `npm start` pass them,
 * and the bench's phases run under them (test/v8-flags.test.ts keeps the three in
 * step). V8 flags are process-wide and must be given when node starts; setting
 * these later with v8.setFlagsFromString crashes V8's GC.
 *
 * Measured on the 2-core bench machine (docs/performance.md):
 * with V8's defaults, its helper threads — TurboFan compiling on a background thread,
 * the GC marking, scavenging and sweeping in parallel — spent about a fifth more CPU
 * on the same import and gained no wall time, even with a core idle. When the pool
 * runs one worker per core they take CPU from the workers. Without them the import
 * with every core ran 15–20% faster and the one with a single worker no slower.
 */
export const V8_FLAGS = ['--single-threaded-gc', '--no-concurrent-recompilation'] as const;
