/**
 * Manifests and the command line name files by pattern: a `*` in a name, `**` for
 * any depth of folders, `?`, and `{pdf,docx}` for alternatives. Node 20 has no
 * stable glob (path.matchesGlob prints an experimental warning), so this module
 * matches those patterns itself, walking the folder before the first wildcard.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

const GLOB_CHARS = /[*?{]/;

export const isGlob = (pattern: string): boolean => GLOB_CHARS.test(pattern);

const escapeRegExp = (text: string): string => text.replace(/[.+^$()|[\]\\]/g, '\\$&');

/** A pattern over "/"-separated relative paths as an anchored regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${pattern.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

/** Files under `dir`, as "/"-separated paths relative to it; hidden folders are not entered. */
export function walkFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') visit(path);
      } else if (entry.isFile()) found.push(path);
    }
  };
  visit('');
  return found.sort();
}

/** The files matching `pattern` (relative to `cwd`, or absolute), as absolute paths, sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const parts = absolute.split(sep).join('/').split('/');
  const firstWild = parts.findIndex((p) => isGlob(p));
  const base = parts.slice(0, firstWild).join('/') || '/';
  const matcher = globToRegExp(parts.slice(firstWild).join('/'));
  return walkFiles(base)
    .filter((rel) => matcher.test(rel))
    .map((rel) => resolve(base, rel));
}
