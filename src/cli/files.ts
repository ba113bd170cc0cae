/**
 * Capture arguments of `check` and `analyze` with several files (issue 23): a lecturer names a folder of
 * hand-ins, or a quoted glob (`'lab3/*.pcap*'`), as well as plain files. Expanded here so that a shell
 * without globbing (Windows, a CI step that quotes) gives the same list.
 *
 * - an existing directory: every regular file below it (recursively; names starting with `.` skipped),
 *   sorted by path, so a file that is not a capture becomes a row of its own rather than a silent skip;
 * - a missing path with `*`, `?` or `[…]` in it: the paths that match (`**` = any number of directories),
 *   sorted; none is an error;
 * - anything else is kept as written (a file that does not exist is reported when it is read).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GLOB_CHARS = /[*?[]/;

/** One `*`/`?`/`[…]` segment of a glob as a regular expression over a single path component. */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every regular file below `dir`, sorted by path, hidden names skipped. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of entries(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (isDir(p)) out.push(...filesUnder(p));
    else if (isFile(p)) out.push(p);
  }
  return out;
}

/** The files a glob matches (`**` any depth), sorted. */
export function globFiles(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || (i === 0 && absolute));
  const out: string[] = [];
  const walk = (base: string, i: number): void => {
    if (i === segs.length) {
      if (isFile(base)) out.push(base);
      return;
    }
    const seg = segs[i]!;
    const dir = base === '' ? '.' : base;
    const at = (name: string): string => (base === '' ? name : base === '/' ? `/${name}` : join(base, name));
    if (seg === '**') {
      walk(base, i + 1);
      for (const name of entries(dir)) if (!name.startsWith('.') && isDir(at(name))) walk(at(name), i);
      return;
    }
    if (!GLOB_CHARS.test(seg)) {
      walk(at(seg), i + 1);
      return;
    }
    const re = segmentRegex(seg);
    for (const name of entries(dir))
      if (re.test(name) && (!name.startsWith('.') || seg.startsWith('.'))) walk(at(name), i + 1);
  };
  if (absolute) walk('/', 1);
  else walk('', 0);
  return [...new Set(out)].sort();
}

export interface ExpandedFiles {
  files: string[];
  /** A directory or a glob was among the arguments (the run is about a set of captures, even of one). */
  expanded: boolean;
  /** A glob that matched nothing (a usage error, reported before any work). */
  error?: string;
}

/** The capture arguments as a list of files (see the header). */
export function expandCaptureArgs(args: readonly string[]): ExpandedFiles {
  const files: string[] = [];
  let expanded = false;
  for (const a of args) {
    if (isDir(a)) {
      expanded = true;
      files.push(...filesUnder(a));
    } else if (!isFile(a) && GLOB_CHARS.test(a)) {
      expanded = true;
      const m = globFiles(a);
      if (m.length === 0) return { files, expanded, error: `no file matches ${a}` };
      files.push(...m);
    } else files.push(a);
  }
  return { files, expanded };
}
