/**
 * The perfplan command runs under V8_FLAGS (src/pipeline/v8-flags.ts). They cannot
 * be set from code, so three places spell them: the command's shebang, `npm start`
 * and the constant the bench starts its phases with. These tests keep the three in
 * step, and check that this Node still accepts each flag (node refuses to start on
 * an unknown one, which would break the command).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V8_FLAGS } from '../src/pipeline/v8-flags.js';

const flagsAfterNode = (command: string): string[] => {
  const words = command.split(/\s+/);
  const node = words.indexOf('node');
  const flags: string[] = [];
  for (const word of words.slice(node + 1)) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
};

describe('the V8 flags of the perfplan command', () => {
  it('are the ones the shebang of the command passes to node', () => {
    const shebang = readFileSync('src/cli/main.ts', 'utf8').split('\n')[0] ?? '';
    expect(shebang.startsWith('#!/usr/bin/env -S node ')).toBe(true);
    expect(flagsAfterNode(shebang.slice(2))).toEqual([...V8_FLAGS]);
  });

  it('are the ones npm start passes to node', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start ?? '';
    const run = start.slice(start.indexOf('node '));
    expect(run).toContain('dist/cli/main.js');
    expect(flagsAfterNode(run)).toEqual([...V8_FLAGS]);
  });

  it('are accepted by this node', () => {
    const probe = spawnSync(process.execPath, [...V8_FLAGS, '-e', "console.log('started')"], { encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    expect(probe.status).toBe(0);
    expect(probe.stdout.trim()).toBe('started');
  });
});
