/**
 * A batch import runs under V8_FLAGS (src/pipeline/v8-flags.ts). They cannot be set
 * from code, so `perfplan import` and `run` start node again with them
 * (src/cli/v8-relaunch.ts), and `npm start` passes them itself. These tests check
 * the relaunch's arguments, that it imports end to end, that `npm start` passes the
 * same flags, and that this Node still accepts each one (node refuses to start on an
 * unknown flag, which would break the command).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relaunchArgs } from '../src/cli/v8-relaunch.js';
import { V8_FLAGS } from '../src/pipeline/v8-flags.js';

describe('the V8 flags of a batch import', () => {
  it('are added to a node started without them, keeping its own flags and the command line', () => {
    expect(relaunchArgs(['--enable-source-maps'], ['/usr/bin/node', 'dist/cli/main.js', 'import', 'plans/', '--jobs', '2']))
      .toEqual(['--enable-source-maps', ...V8_FLAGS, 'dist/cli/main.js', 'import', 'plans/', '--jobs', '2']);
    expect(relaunchArgs([V8_FLAGS[0]], ['node', 'main.js', 'run', 'p.json'])).toEqual([V8_FLAGS[0], ...V8_FLAGS.slice(1), 'main.js', 'run', 'p.json']);
  });

  it('start nothing again when node already runs under them', () => {
    expect(relaunchArgs([...V8_FLAGS], ['node', 'main.js', 'import', 'x.pdf'])).toBeNull();
  });

  it('are the ones npm start passes to node', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start ?? '';
    const words = start.slice(start.indexOf('node ')).split(/\s+/).slice(1);
    expect(words.slice(0, V8_FLAGS.length)).toEqual([...V8_FLAGS]);
    expect(words[V8_FLAGS.length]).toBe('dist/cli/main.js');
  });

  it('are accepted by this node', () => {
    const probe = spawnSync(process.execPath, [...V8_FLAGS, '-e', "console.log('started')"], { encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    expect(probe.status).toBe(0);
    expect(probe.stdout.trim()).toBe('started');
  });

  const built = existsSync('dist/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'perfplan-relaunch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!built)('perfplan import started by a plain node imports under them and passes on the exit code', () => {
    const db = join(dir, 'relaunch.sqlite');
    const ok = spawnSync(process.execPath, ['dist/cli/main.js', 'import', 'fixtures/corpus/h02-schede-box/h02-schede-box.pdf', '--db', db], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/imported 1 \(5 objectives, 14 indicators added\)/);
    const failed = spawnSync(process.execPath, ['dist/cli/main.js', 'import', 'README.md', '--db', db], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
  });
});
