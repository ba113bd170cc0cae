/**
 * Issues 8 and 18: explained per-frame output streams in one forward pass. `analyze --frames` / `-f json`
 * read the capture once, from a file as from standard input, with no temporary file (TMPDIR points at a
 * directory that does not exist), hold a bounded window of frames and keep no other frame record; the
 * output from standard input is the file's, on every bundled capture.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { streamExplainedFrames } from '../../src/cli/commands/analyze-frames.js';
import { FIXTURES, fixtureCaptures, ROOT, runCli } from '../helpers/fixtures.js';

/** The CLI with a temporary directory that does not exist: a spool file could not be made. */
const NO_TMP = join(tmpdir(), 'pcap-explain-no-such-dir', 'x');
const run = (args: string[], input?: Buffer) => runCli(args, input, { TMPDIR: NO_TMP });

/** The stdin run's output as the file's would read (the capture's name). */
const asFile = (out: string, path: string) => out.replaceAll('(stdin)', path);

describe('explained frames from standard input, one pass, no temporary file', () => {
  it.each(fixtureCaptures().map((p) => relative(ROOT, p)))(
    '%s: --frames and -f json from stdin equal the file’s',
    (path) => {
      const bytes = readFileSync(join(ROOT, path));
      for (const args of [['--frames'], ['--frames', '--lang', 'id'], ['-f', 'json']]) {
        const file = runCli(['analyze', path, ...args], undefined, { TMPDIR: NO_TMP });
        const stdin = run(['analyze', '-', ...args], bytes);
        expect(stdin.code, args.join(' ')).toBe(file.code);
        expect(stdin.err).toBe(file.err.replaceAll(path, '-'));
        expect(asFile(stdin.out, path), args.join(' ')).toBe(file.out);
        if (args[0] === '-f') {
          const js = JSON.parse(stdin.out);
          expect(js.capture.file).toBe('(stdin)');
          expect(js.frames.every((f: { explain?: string }) => typeof f.explain === 'string')).toBe(true);
        }
      }
    },
  );

  it.each(['many-short.pcap', 'tcp-loss-before.pcap', 'zmq.pcap', 'mqtt5.pcap'])(
    '%s: past the window (explain-window=16) too, stdin equals the file, every frame told',
    (name) => {
      const path = join(FIXTURES, name);
      const bytes = readFileSync(path);
      for (const args of [['--frames'], ['-f', 'json']]) {
        const lim = ['--limit', 'explain-window=16'];
        const file = run(['analyze', path, ...args, ...lim]);
        const stdin = run(['analyze', '-', ...args, ...lim], bytes);
        expect(file.code).toBe(0);
        expect(asFile(stdin.out, path)).toBe(file.out);
        if (args[0] === '-f') {
          const js = JSON.parse(file.out);
          expect(js.frames.length).toBe(js.capture.frames);
          expect(js.frames.every((f: { explain?: string }) => typeof f.explain === 'string')).toBe(true);
        } else {
          // the frames come first, then the report (the report needs the whole capture)
          expect(file.out.indexOf('\nFrames\n')).toBeLessThan(file.out.indexOf('\nOverview\n'));
        }
      }
    },
  );
});

/** tcp-echo.pcap `copies` times in a row, each copy a new connection (client port + k), 10 s apart. */
function longCapture(copies: number): { bytes: Uint8Array; frames: number } {
  const frames: RawFrame[] = [];
  const res = readCaptureBytes(readFileSync(join(FIXTURES, 'tcp-echo.pcap')), (f) => {
    frames.push({ ...f, data: new Uint8Array(f.data) });
  });
  const linktype = res.header!.interfaces[0]!.linktype;
  const out: Array<{ tsSec: number; tsNsec: number; data: Uint8Array; len: number }> = [];
  for (let k = 0; k < copies; k++) {
    for (const f of frames) {
      const data = new Uint8Array(f.data); // a copy (Buffer#slice would share the bytes)
      // Ethernet + IPv4 + TCP: rewrite the client port (36180) in either direction
      if (data[23] === 6) {
        const tcp = 14 + (data[14]! & 0x0f) * 4;
        for (const o of [tcp, tcp + 2]) {
          if (((data[o]! << 8) | data[o + 1]!) === 36180) {
            const p = 36180 + k;
            data[o] = p >> 8;
            data[o + 1] = p & 0xff;
          }
        }
      }
      out.push({ tsSec: f.tsSec + 10 * k, tsNsec: f.tsNsec, data, len: f.len });
    }
  }
  return { bytes: pcapFile(linktype, out), frames: out.length };
}

describe('streamed explained frames keep no frame record', () => {
  const sink = { write: () => {}, close: async () => {}, isTTY: false };
  it.each(['text', 'json'] as const)('%s: contexts and kept records do not grow with the capture', async (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'frames-stream-long-'));
    try {
      const held: number[] = [];
      for (const copies of [1, 50]) {
        const cap = longCapture(copies);
        const file = join(dir, `long-${copies}.pcap`);
        writeFileSync(file, cap.bytes);
        let written = 0;
        let explained = 0;
        const r = await streamExplainedFrames(sink, {
          file,
          format,
          lang: 'en',
          style: { tty: false, color: false },
          selection: {},
          onWritten: (f) => {
            written++;
            if (f.explain) explained++;
          },
        });
        expect(r.model.capture.frames).toBe(cap.frames);
        expect(r.model.conversations.length).toBe(copies);
        expect(r.model.frames).toEqual([]);
        expect(written).toBe(cap.frames);
        expect(explained).toBe(cap.frames);
        expect(r.kept).toBe(0);
        held.push(r.maxHeld);
      }
      // one connection at a time: one conversation context, however many connections follow each other
      expect(held).toEqual([1, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
