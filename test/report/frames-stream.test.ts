/**
 * Issue 8: explained per-frame output streams. `analyze --frames` / `-f json` read the capture twice
 * (standard input is spooled to a temporary file) and keep no frame record; the output is the same as
 * from the file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { streamExplainedFrames } from '../../src/cli/commands/analyze-frames.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

/** The CLI with its temporary (spool) files in spoolDir. */
const run = (args: string[], input?: Buffer) => runCli(args, input, { TMPDIR: spoolDir });

const spoolDir = mkdtempSync(join(tmpdir(), 'frames-stream-test-'));
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));

describe('explained frames from standard input', () => {
  it.each(['mqtt.pcap', 'zmq.pcap', 'tcp-echo.pcap', 'udp.pcap', 'mqtt.pcap.gz', 'zmq-reqrep.pcapng'])(
    '%s: --frames and -f json from stdin equal the file’s, and the spool file is removed',
    (name) => {
      const path = join(FIXTURES, name);
      const bytes = readFileSync(path);
      for (const lang of ['en', 'id']) {
        const file = run(['analyze', path, '--frames', '--lang', lang]);
        const stdin = run(['analyze', '-', '--frames', '--lang', lang], bytes);
        expect(stdin.code).toBe(file.code);
        expect(stdin.err).toBe(file.err.replaceAll(path, '-'));
        expect(stdin.out).toBe(file.out.replace(`— ${path}\n`, '— (stdin)\n'));
        expect(stdin.out.split('\n').length).toBeGreaterThan(20);
      }
      const jf = JSON.parse(run(['analyze', path, '-f', 'json']).out);
      const js = JSON.parse(run(['analyze', '-', '-f', 'json'], bytes).out);
      expect(js.capture.file).toBe('(stdin)');
      js.capture.file = jf.capture.file;
      expect(js).toEqual(jf);
      expect(js.frames.every((f: { explain?: string }) => typeof f.explain === 'string')).toBe(true);
      expect(readdirSync(spoolDir)).toEqual([]);
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
