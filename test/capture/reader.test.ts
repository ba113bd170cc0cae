import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors.js';
import { CaptureReader, openCapture, readCaptureBytes, readCaptureFile } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { PcapWriter, pcapFile } from '../../src/capture/writer.js';
import { bytes, concat, epb, idb, type KeptFrame, keep, opb, readAll, readChunked, shb, spb, u8 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pcap-explain-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** File descriptors this process has open. */
function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

function file(name: string, data: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A pcap with varied record sizes (0..1600 bytes) so chunk boundaries fall everywhere. */
function samplePcap(n: number, nano = false): Uint8Array {
  const frames = Array.from({ length: n }, (_, i) => ({
    tsSec: 1_700_000_000 + i,
    tsNsec: (i * 7_919_017) % 1_000_000_000,
    data: bytes((i * 397) % 1601, i + 1),
  }));
  return pcapFile(1, frames, { nano });
}

function samplePcapng(): Uint8Array {
  return concat(
    shb(true, [[1, 'a']]),
    idb(true, 1, 0),
    idb(true, 101, 0, [[9, u8(9)]]),
    epb(true, 0, 1_700_000_000_000_001n, bytes(61, 1), 61, [[1, 'x']]),
    spb(true, 10, bytes(10, 2)),
    block5(),
    epb(true, 1, 1_700_000_000_000_000_001n, bytes(1500, 3)),
    shb(false),
    idb(false, 113, 96),
    opb(false, 0, 5n, bytes(200, 4), 300),
    epb(false, 0, 6n, bytes(0, 5)),
  );
}

function block5(): Uint8Array {
  // an Interface Statistics Block, skipped
  return concat(u8(5, 0, 0, 0, 24, 0, 0, 0), new Uint8Array(12), u8(24, 0, 0, 0));
}

/** Random chunk sizes from a seed. */
function randomSizes(seed: number, count: number, max: number): number[] {
  const r = bytes(count * 2, seed);
  return Array.from({ length: count }, (_, i) => 1 + ((r[i * 2]! | (r[i * 2 + 1]! << 8)) % max));
}

describe('chunked feeding gives identical frames', () => {
  for (const [name, data] of [
    ['pcap µs', samplePcap(40)],
    ['pcap ns', samplePcap(40, true)],
    ['pcapng', samplePcapng()],
  ] as const) {
    it(name, () => {
      const whole = readAll(data);
      expect(whole.list.length).toBeGreaterThan(3);
      expect(whole.warnings).toEqual([]);
      const one = readChunked(data, [1]);
      expect(one.list).toEqual(whole.list);
      expect(one.header).toEqual(whole.header);
      for (const seed of [1, 2, 3, 4, 5]) {
        const r = readChunked(data, randomSizes(seed, 64, seed * 700));
        expect(r.list).toEqual(whole.list);
        expect(r.warnings).toEqual([]);
        expect(r.bytesConsumed).toBe(data.length);
      }
      // truncated at every byte of the last unit, fed one byte at a time: same frames as whole reading
      for (const cut of [1, 2, 5, 11, 17]) {
        const part = data.subarray(0, data.length - cut);
        expect(readChunked(part, [1])).toEqual(readAll(part));
      }
    });
  }

  it('keeps only the unconsumed tail between chunks', () => {
    const data = samplePcap(2000);
    const rd = new CaptureReader(() => {});
    const chunk = 65536;
    let maxTail = 0;
    for (let o = 0; o < data.length; o += chunk) {
      rd.push(data.subarray(o, o + chunk));
      maxTail = Math.max(maxTail, rd.bytesSeen - rd.bytesConsumed);
    }
    rd.end();
    expect(rd.frames).toBe(2000);
    expect(maxTail).toBeLessThan(16 + 1601);
  });

  it('frames kept without copying stay intact until the next push (batch use)', () => {
    const data = pcapFile(
      1,
      Array.from({ length: 12 }, (_, i) => ({ tsSec: i, tsNsec: 0, data: bytes(300, i + 1) })),
    );
    for (const chunk of [250, 301, 316, 700]) {
      const batch: RawFrame[] = [];
      const rd = new CaptureReader((f) => void batch.push(f));
      const seen: number[][] = [];
      for (let o = 0; o < data.length; o += chunk) {
        rd.push(data.subarray(o, o + chunk));
        for (const f of batch) seen.push(Array.from(f.data));
        batch.length = 0;
      }
      rd.end();
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => Array.from(bytes(300, i + 1))));
    }
  });

  it('frame data is a zero-copy view of the chunk', () => {
    const data = samplePcap(3);
    let f: RawFrame | undefined;
    readCaptureBytes(data, (x) => {
      f ??= x;
    });
    expect(f!.data.buffer).toBe(data.buffer);
    expect(f!.data.byteOffset).toBe(24 + 16);
  });
});

describe('files, streams and gzip', () => {
  const pcap = samplePcap(300);
  const expected = readAll(pcap).list;

  async function collect(source: Parameters<typeof readCaptureFile>[0], hwm?: number) {
    const list: KeptFrame[] = [];
    const r = await readCaptureFile(source, (f) => void list.push(keep(f)), hwm ? { highWaterMark: hwm } : {});
    return { ...r, list };
  }

  it('reads a file in chunks', async () => {
    const r = await collect(file('a.pcap', pcap), 1000);
    expect(r.list).toEqual(expected);
    expect(r.header?.compressed).toBe(false);
    expect(r.damaged).toBe(false);
  });

  it('detects gzip by magic, not by name; multi-member gzip', async () => {
    const gz = gzipSync(pcap);
    const r = await collect(file('no-extension', gz), 777);
    expect(r.list).toEqual(expected);
    expect(r.header?.compressed).toBe(true);
    const multi = concat(gzipSync(pcap.subarray(0, 5000)), gzipSync(pcap.subarray(5000)));
    expect((await collect(file('multi.bin', multi))).list).toEqual(expected);
    // and in memory
    const m = readAll(multi);
    expect(m.list).toEqual(expected);
    expect(m.header?.compressed).toBe(true);
  });

  it('a cut-short gzip stream delivers what was decompressed, capture.gzip_truncated', async () => {
    const gz = gzipSync(pcap);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    for (const r of [await collect(file('cut.pcap.gz', cut)), readAll(cut)]) {
      expect(r.list.length).toBeGreaterThan(10);
      expect(r.list.length).toBeLessThan(300);
      expect(r.list).toEqual(expected.slice(0, r.list.length));
      expect(r.damaged).toBe(true);
      expect(r.warnings.map((w) => w.code)).toContain('capture.gzip_truncated');
    }
  });

  it('corrupt gzip data part-way: capture.gzip_corrupt after what was decompressed', async () => {
    const gz = Buffer.from(gzipSync(pcap));
    gz.fill(0xff, gz.length >> 1, (gz.length >> 1) + 1000);
    const r = await collect(file('corrupt.gz', gz), 4096);
    // frames well before the damage are intact (what zlib decoded of the damage itself may not be)
    expect(r.list.length).toBeGreaterThan(100);
    expect(r.list.slice(0, 100)).toEqual(expected.slice(0, 100));
    expect(r.damaged).toBe(true);
    // either zlib notices first, or the garbage it produced is caught as a bad record
    expect(r.warnings.map((w) => w.code)).toEqual([expect.stringMatching(/^capture\.(gzip_corrupt|bad_record)$/)]);
    // a damaged CRC trailer: the frames zlib handed out (all but its last output step, <= 64 KiB), then capture.gzip_corrupt
    const big = samplePcap(1000);
    const crc = Buffer.from(gzipSync(big));
    crc[crc.length - 6] ^= 0xff;
    const c = await collect(file('crc.gz', crc), 4096);
    expect(c.list.length).toBeGreaterThan(800);
    expect(c.list).toEqual(readAll(big).list.slice(0, c.list.length));
    expect(c.warnings[0]).toEqual({
      code: 'capture.gzip_corrupt',
      offset: expect.any(Number),
      params: { reason: 'incorrect data check' },
    });
    expect(c.warnings.slice(1).map((w) => w.code)).toEqual(c.warnings.length === 2 ? ['capture.truncated_record'] : []);
    expect(c.damaged).toBe(true);
  });

  it('gzip that yields nothing is fatal', async () => {
    const bad = concat(u8(0x1f, 0x8b), bytes(100, 1));
    await expect(collect(file('bad.gz', bad))).rejects.toMatchObject({
      name: 'CaptureError',
      code: 'capture.gzip_corrupt',
    });
    expect(() => readCaptureBytes(bad, () => {})).toThrow(CaptureError);
    const head = gzipSync(pcap).subarray(0, 10);
    await expect(collect(file('head.gz', head))).rejects.toMatchObject({ code: 'capture.gzip_truncated' });
  });

  it('not a capture inside gzip', async () => {
    const gz = gzipSync(new TextEncoder().encode('hello world'));
    await expect(collect(file('text.gz', gz))).rejects.toMatchObject({ code: 'capture.not_a_capture' });
  });

  it('unreadable, empty and not-a-capture files reject with CaptureError', async () => {
    await expect(collect(join(dir, 'missing.pcap'))).rejects.toMatchObject({
      code: 'capture.unreadable',
      message: /no such file/,
    });
    await expect(collect(dir)).rejects.toMatchObject({ code: 'capture.unreadable' });
    await expect(collect(file('empty.pcap', new Uint8Array(0)))).rejects.toMatchObject({ code: 'capture.empty_file' });
    await expect(collect(file('text.pcap', new TextEncoder().encode('# pcap')))).rejects.toMatchObject({
      code: 'capture.not_a_capture',
      message: 'not a pcap or pcapng file (starts with 23 20 70 63)',
    });
    await expect(collect(file('short.pcap', pcap.subarray(0, 10)))).rejects.toBeInstanceOf(CaptureError);
  });

  it('truncated file: frames before the cut plus capture.truncated_record', async () => {
    const r = await collect(file('trunc.pcap', pcap.subarray(0, pcap.length - 100)), 4096);
    expect(r.list).toEqual(expected.slice(0, 299));
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.code).toBe('capture.truncated_record');
  });

  it('reads a Node stream and an async iterable of odd-sized chunks', async () => {
    const pt = new PassThrough();
    const p = collect(pt);
    for (let o = 0; o < pcap.length; o += 333) pt.write(pcap.subarray(o, o + 333));
    pt.end();
    expect((await p).list).toEqual(expected);
    const small = samplePcap(20);
    async function* gen() {
      for (let o = 0; o < small.length; o += 1) yield small.subarray(o, o + 1);
    }
    expect((await collect(gen())).list).toEqual(readAll(small).list);
    // gzip arriving one byte at a time
    const gz = gzipSync(small);
    expect((await collect(Readable.from([...gz].map((b) => Buffer.from([b]))))).list).toEqual(readAll(small).list);
  });

  it('a source that errors mid-way rejects with capture.unreadable', async () => {
    async function* failing() {
      yield pcap.subarray(0, 1000);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    await expect(collect(failing())).rejects.toMatchObject({ code: 'capture.unreadable', message: /EIO/ });
    async function* failingGz() {
      yield gzipSync(pcap).subarray(0, 1000);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    await expect(collect(failingGz())).rejects.toMatchObject({ code: 'capture.unreadable' });
  });

  it('the callback can stop a file read early', async () => {
    let n = 0;
    const r = await readCaptureFile(file('stop.pcap.gz', gzipSync(pcap)), () => ++n < 5, { highWaterMark: 512 });
    expect(r.frames).toBe(5);
    expect(r.warnings).toEqual([]);
  });

  it('openCapture yields frame batches; header and result available', async () => {
    const cap = openCapture(file('b.pcapng', samplePcapng()), { highWaterMark: 100 });
    const got: KeptFrame[] = [];
    let batches = 0;
    for await (const batch of cap) {
      batches++;
      for (const f of batch) got.push(keep(f));
      expect(cap.header?.format).toBe('pcapng');
    }
    expect(batches).toBeGreaterThan(3);
    expect(got).toEqual(readAll(samplePcapng()).list);
    expect(cap.result?.frames).toBe(got.length);
    expect(cap.damaged).toBe(false);
  });

  it('a regular file is read in chunks of the read size and its descriptor closed, also when stopped early', async () => {
    const before = openFds();
    const path = file('sync.pcap', pcap);
    const whole = await readCaptureFile(path, () => true, { highWaterMark: 333 });
    expect(whole.frames).toBe(readAll(pcap).list.length);
    let n = 0;
    await readCaptureFile(path, () => ++n < 3, { highWaterMark: 333 });
    expect(n).toBe(3);
    expect(openFds()).toBe(before);
  });

  it('a FIFO path is read whole (as a stream)', async () => {
    const fifo = join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    // the writer opens the FIFO once the reader has: both sides run in this process's event loop
    const writer = writeFile(fifo, pcap);
    const got: KeptFrame[] = [];
    const r = await readCaptureFile(fifo, (f) => void got.push(keep(f)));
    await writer;
    expect(r.frames).toBe(got.length);
    expect(got).toEqual(readAll(pcap).list);
  });

  it('openCapture: breaking out early closes the source', async () => {
    const cap = openCapture(file('c.pcap', pcap), { highWaterMark: 256 });
    let n = 0;
    for await (const batch of cap) {
      n += batch.length;
      if (n > 3) break;
    }
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(300);
  });
});

describe('PcapWriter', () => {
  it('streams records through a small buffer; output reads back', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const w = new PcapWriter(out, { linktype: 1, nano: true, bufferSize: 1000 });
    const frames = readAll(samplePcap(50, true)).list;
    for (const f of frames) w.write({ ...f, data: Uint8Array.from(f.data) });
    expect(w.framesWritten).toBe(50);
    await w.end();
    const back = readAll(Buffer.concat(chunks));
    expect(back.list).toEqual(frames);
    expect(w.bytesWritten).toBe(Buffer.concat(chunks).length);
  });

  it('bufferSize 0 writes each record at once; header only is a valid capture', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const w = new PcapWriter(out, { linktype: 228, bufferSize: 0 });
    expect(Buffer.concat(chunks).length).toBe(24);
    w.write({ tsSec: 1, tsNsec: 5000, data: u8(0x45) });
    expect(Buffer.concat(chunks).length).toBe(24 + 17);
    await w.end();
    const r = readAll(Buffer.concat(chunks));
    expect(r.list[0]).toMatchObject({ tsSec: 1, tsNsec: 5000, linktype: 228 });
  });
});
