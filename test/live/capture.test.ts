/**
 * The live-capture machinery without root: stand-in `tcpdump` / `dumpcap` scripts (found first on PATH)
 * that write a real fixture capture to standard output and print what the real tools print on standard
 * error. Covers merging several interfaces in time order, --count, SIGINT and the counts, a tool dying
 * in the middle of a record (the -w file stays valid), start-up failures and the dumpcap fallback.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analyze.js';
import {
  classifyFailure,
  findTools,
  LIVE_ERROR,
  LiveCapture,
  LiveError,
  PcapFileSink,
  parseToolStats,
  toolArgs,
  toolMessage,
} from '../../src/capture/live.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { FIXTURES } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pxl-fake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A fake capture tool: for `-i IFACE` it writes $FAKE_DIR/IFACE.pcap (or its first $FAKE_CUT bytes),
 * then waits for SIGINT and prints the counts; FAKE_FAIL makes it fail at start with that message.
 */
function fakeTool(name: 'tcpdump' | 'dumpcap', binDir: string): void {
  const ready =
    name === 'tcpdump'
      ? 'echo "tcpdump: listening on $IFACE, link-type EN10MB (Ethernet), snapshot length 262144 bytes" >&2'
      : `echo "Capturing on '$IFACE'" >&2`;
  const counts =
    name === 'tcpdump'
      ? 'echo "$FAKE_N packets captured"; echo "$FAKE_N packets received by filter"; echo "0 packets dropped by kernel"'
      : `echo "Packets captured: $FAKE_N"; echo "Packets received/dropped on interface '$IFACE': $FAKE_N/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)"`;
  const script = `#!/bin/sh
IFACE=
while [ $# -gt 0 ]; do case "$1" in -i) IFACE=$2; shift 2;; *) shift;; esac; done
if [ -n "$FAKE_FAIL" ]; then ${name === 'dumpcap' ? ready : ':'}; echo "$FAKE_FAIL" >&2; exit 1; fi
FILE="\${FAKE_FILE:-$FAKE_DIR/$IFACE.pcap}"
FAKE_N=$(cat "$FAKE_DIR/$IFACE.n")
counts() { ${counts}; }
trap 'counts >&2; exit 0' INT
${ready}
if [ -n "$FAKE_CUT" ]; then head -c "$FAKE_CUT" "$FILE"; echo "${name}: pcap_loop: The interface disappeared" >&2; exit 1; fi
cat "$FILE"
while :; do sleep 0.02; done
`;
  const p = join(binDir, name);
  writeFileSync(p, script);
  chmodSync(p, 0o755);
}

function binWith(...tools: Array<'tcpdump' | 'dumpcap'>): string {
  const b = mkdtempSync(join(dir, 'bin-'));
  for (const t of tools) fakeTool(t, b);
  return b;
}

/** The frames of a fixture, copied. */
function framesOf(file: string): RawFrame[] {
  const out: RawFrame[] = [];
  readCaptureBytes(readFileSync(join(FIXTURES, file)), (f) => void out.push({ ...f, data: f.data.slice() }));
  return out;
}

function setIface(iface: string, frames: RawFrame[]): void {
  writeFileSync(join(dir, `${iface}.pcap`), pcapFile(1, frames, { nano: true }));
  writeFileSync(join(dir, `${iface}.n`), String(frames.length));
}

/** The few programs the stand-ins use, so PATH holds no real tcpdump or dumpcap. */
const util = mkdtempSync(join(dir, 'util-'));
for (const p of ['sh', 'cat', 'head', 'sleep']) {
  symlinkSync(execFileSync('sh', ['-c', `command -v ${p}`], { encoding: 'utf8' }).trim(), join(util, p));
}

function env(bin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: `${bin}:${util}`, FAKE_DIR: dir, ...extra };
}

async function capture(
  opts: ConstructorParameters<typeof LiveCapture>[0],
  stopAfterMs = 150,
): Promise<{ frames: RawFrame[]; result: Awaited<LiveCapture['done']> }> {
  const frames: RawFrame[] = [];
  const c = new LiveCapture(opts, (f) => void frames.push({ ...f, data: f.data.slice() }));
  await c.start();
  const t = setTimeout(() => c.stop(), stopAfterMs);
  const result = await c.done;
  clearTimeout(t);
  return { frames, result };
}

const reqrep = framesOf('zmq-reqrep.pcap');

describe('LiveCapture with stand-in tools', () => {
  it('one interface: every frame in order, stopped with SIGINT, counts from standard error', async () => {
    setIface('fk0', reqrep);
    const { frames, result } = await capture({ interfaces: ['fk0'], env: env(binWith('tcpdump')) });
    expect(frames.map((f) => f.n)).toEqual(reqrep.map((_, i) => i + 1));
    expect(frames.map((f) => f.tsNsec)).toEqual(reqrep.map((f) => f.tsNsec));
    expect(result).toMatchObject({ frames: reqrep.length, unexpected: false, countReached: false });
    expect(result.sources[0]).toMatchObject({
      iface: 'fk0',
      tool: 'tcpdump',
      stats: { captured: reqrep.length, received: reqrep.length, dropped: 0 },
      signal: null,
      exitCode: 0,
      damaged: false,
    });
  });

  it('two interfaces: merged in time order and renumbered', async () => {
    setIface(
      'fka',
      reqrep.filter((_, i) => i % 2 === 0),
    );
    setIface(
      'fkb',
      reqrep.filter((_, i) => i % 2 === 1),
    );
    const { frames, result } = await capture(
      { interfaces: ['fka', 'fkb'], env: env(binWith('tcpdump')), mergeLagMs: 400 },
      900,
    );
    expect(frames).toHaveLength(reqrep.length);
    expect(frames.map((f) => f.n)).toEqual(reqrep.map((_, i) => i + 1));
    expect(frames.map((f) => `${f.tsSec}.${f.tsNsec}`)).toEqual(reqrep.map((f) => `${f.tsSec}.${f.tsNsec}`));
    expect(result.sources.map((s) => s.stats.captured)).toEqual([
      Math.ceil(reqrep.length / 2),
      Math.floor(reqrep.length / 2),
    ]);
  });

  it('--count: exactly N frames, then the tools are stopped', async () => {
    setIface('fk1', reqrep);
    const { frames, result } = await capture({ interfaces: ['fk1'], count: 7, env: env(binWith('tcpdump')) }, 5000);
    expect(frames).toHaveLength(7);
    expect(result.countReached).toBe(true);
    expect(result.unexpected).toBe(false);
  });

  it('a tool dying mid-record: whole frames kept, the failure reported, the -w file valid', async () => {
    setIface('fk2', reqrep);
    const whole = 24 + reqrep.slice(0, 10).reduce((n, f) => n + 16 + f.data.length, 0);
    const out = join(dir, 'died.pcap');
    const sink = PcapFileSink.open(out);
    const frames: RawFrame[] = [];
    const c = new LiveCapture(
      { interfaces: ['fk2'], env: env(binWith('tcpdump'), { FAKE_CUT: String(whole + 30) }) },
      (f) => {
        frames.push(f);
        sink.write(f);
      },
    );
    c.onChunk = () => sink.flush();
    const failures: string[] = [];
    c.onFailure = (_i, m) => failures.push(m);
    await c.start();
    const result = await c.done;
    await sink.close();
    expect(frames).toHaveLength(10);
    expect(result.unexpected).toBe(true);
    expect(result.sources[0]!.failure).toBe('tcpdump: pcap_loop: The interface disappeared');
    expect(failures).toEqual([result.sources[0]!.failure]);
    expect(result.sources[0]!.damaged).toBe(true);
    expect(result.sources[0]!.warnings.map((w) => w.code)).toEqual(['capture.truncated_record']);
    const saved = analyzeBytes(readFileSync(out));
    expect(saved.capture).toMatchObject({ frames: 10, damaged: false, warnings: [] });
    expect(sink.header).toMatchObject({ format: 'pcap', interfaces: [{ linktype: 1, tsDigits: 9 }] });
  });

  it('start-up failures become LiveErrors with a code', async () => {
    const bin = binWith('tcpdump');
    const fail = async (msg: string) => {
      const c = new LiveCapture({ interfaces: ['x0'], env: env(bin, { FAKE_FAIL: msg }) }, () => {});
      return c.start().then(
        () => undefined,
        (e: unknown) => e,
      );
    };
    expect(await fail('tcpdump: x0: No such device exists')).toMatchObject({ code: LIVE_ERROR.NO_INTERFACE });
    expect(await fail("tcpdump: can't parse filter expression: syntax error")).toMatchObject({
      code: LIVE_ERROR.BAD_FILTER,
    });
    expect(await fail('tcpdump: x0: That device is not up')).toMatchObject({ code: LIVE_ERROR.INTERFACE_DOWN });
    const perm = await fail("tcpdump: x0: You don't have permission to perform this capture on that device");
    expect(perm).toBeInstanceOf(LiveError);
    expect(perm).toMatchObject({
      code: LIVE_ERROR.PERMISSION,
      params: { tool: 'tcpdump', path: join(bin, 'tcpdump') },
    });
  });

  it('no capture tool on PATH', async () => {
    const c = new LiveCapture({ interfaces: ['x0'], env: { PATH: mkdtempSync(join(dir, 'empty-')) } }, () => {});
    await expect(c.start()).rejects.toMatchObject({ code: LIVE_ERROR.NO_TOOL });
  });

  it('dumpcap when tcpdump is missing, writing pcapng', async () => {
    const ng = framesOf('zmq-reqrep.pcapng');
    writeFileSync(join(dir, 'fk3.n'), String(ng.length));
    const { frames, result } = await capture(
      { interfaces: ['fk3'], env: env(binWith('dumpcap'), { FAKE_FILE: join(FIXTURES, 'zmq-reqrep.pcapng') }) },
      300,
    );
    expect(frames.map((f) => f.tsNsec)).toEqual(ng.map((f) => f.tsNsec));
    expect(result.sources[0]).toMatchObject({
      tool: 'dumpcap',
      format: 'pcapng',
      stats: { captured: ng.length, dropped: 0 },
    });
  });

  it('tcpdump without rights, dumpcap with them: dumpcap is used', async () => {
    setIface('fk4', reqrep);
    const bin = binWith('dumpcap');
    writeFileSync(
      join(bin, 'tcpdump'),
      `#!/bin/sh\necho "tcpdump: fk4: You don't have permission to perform this capture on that device" >&2\nexit 1\n`,
    );
    chmodSync(join(bin, 'tcpdump'), 0o755);
    const { frames, result } = await capture({ interfaces: ['fk4'], env: env(bin) }, 300);
    expect(result.sources[0]!.tool).toBe('dumpcap');
    expect(frames).toHaveLength(reqrep.length);
  });
});

describe('tool output parsing', () => {
  it("tcpdump's counts, the last report winning (SIGUSR1 prints one line)", () => {
    const err = [
      'tcpdump: listening on br-5e2b9c1d7a40, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
      'tcpdump: 1 packet captured, 1 packet received by filter, 0 packets dropped by kernel',
      '23 packets captured',
      '25 packets received by filter',
      '2 packets dropped by kernel',
    ].join('\n');
    expect(parseToolStats('tcpdump', err)).toEqual({ captured: 23, received: 25, dropped: 2, ifDropped: null });
    expect(parseToolStats('tcpdump', 'tcpdump: listening on x')).toEqual({
      captured: null,
      received: null,
      dropped: null,
      ifDropped: null,
    });
  });

  it("dumpcap's counts", () => {
    const err =
      "Capturing on 'br-x'\nFile: -\nPackets: 1 Packets: 3 Packets captured: 3\nPackets received/dropped on interface 'br-x': 3/1 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)\n";
    expect(parseToolStats('dumpcap', err)).toEqual({ captured: 3, received: 3, dropped: 1, ifDropped: null });
  });

  it('the arguments of each tool', () => {
    expect(toolArgs('tcpdump', 'br-x', 'tcp port 5555', 10)).toEqual([
      '-U',
      '--immediate-mode',
      '-w',
      '-',
      '-i',
      'br-x',
      '-c',
      '10',
      'tcp port 5555',
    ]);
    expect(toolArgs('dumpcap', 'br-x', 'tcp', undefined)).toEqual(['-i', 'br-x', '-w', '-', '-f', 'tcp']);
  });

  it("the tool's own words without banners and counts", () => {
    expect(
      toolMessage('Capturing on \'nosuch\'\ndumpcap: There is no device named "nosuch".\n(No such device exists)\n'),
    ).toBe('dumpcap: There is no device named "nosuch". (No such device exists)');
    const e = classifyFailure(
      { name: 'dumpcap', path: '/usr/bin/dumpcap' },
      'nosuch',
      undefined,
      'dumpcap: There is no device named "nosuch".',
      'exit code 1',
    );
    expect(e.code).toBe(LIVE_ERROR.NO_INTERFACE);
  });

  it('finds tools on PATH only', () => {
    const bin = binWith('tcpdump', 'dumpcap');
    expect(findTools('auto', { PATH: bin }).map((t) => t.name)).toEqual(['tcpdump', 'dumpcap']);
    expect(findTools('dumpcap', { PATH: bin }).map((t) => t.path)).toEqual([join(bin, 'dumpcap')]);
    expect(findTools('auto', { PATH: '' })).toEqual([]);
  });
});
