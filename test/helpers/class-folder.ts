/**
 * A lecturer's folder of hand-ins, built at test time from the bundled real captures (issue 23): every good
 * fixture of several labs (ZeroMQ REQ/REP, PUB/SUB, PUSH/PULL, DEALER/ROUTER, MQTT, REST, TCP echo, UDP,
 * lossy captures) under a student's name, two damaged captures (fixtures/bad, made by
 * fixtures/make/damage.py), the empty capture, and a text file that is not a capture: 30 files with the
 * default `size`. Larger sizes repeat the good captures under more students' names (for memory tests).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FIXTURES, fixtureCaptures } from './fixtures.js';

export interface ClassFolder {
  dir: string;
  /** Every file, in the order `pcap-explain` lists a directory (sorted by path). */
  files: string[];
  /** Captured with a good capture of this fixture (file → fixture path). */
  source: Map<string, string>;
  damaged: string[];
  empty: string;
  notCapture: string;
}

export const DAMAGED = ['truncated.pcap', 'garbage-after.pcap'];

/**
 * The hand-ins' labs, in this order, so the folder does not change when fixtures are added: the ZeroMQ lab
 * (whose captures pass the REQ/REP spec), MQTT, REST, TCP and UDP, lossy captures.
 */
const LABS = [
  'capture-loss-http.pcap',
  'capture-loss.pcap',
  'http-keepalive.pcap',
  'mqtt-any.pcap',
  'mqtt-gz.pcap',
  'mqtt.pcap',
  'mqtt.pcap.gz',
  'mqtt5.pcap',
  'rest.pcap',
  'tcp-echo.pcap',
  'tcp-loss-after.pcap',
  'tcp-loss-before.pcap',
  'tcp-refused.pcap',
  'tcp-rst.pcap',
  'udp.pcap',
  'zmq-dealer-router.pcap',
  'zmq-plain.pcap',
  'zmq-pubsub.pcap',
  'zmq-pushpull.pcap',
  'zmq-reqrep-be.pcap',
  'zmq-reqrep-ns.pcap',
  'zmq-reqrep.pcap',
  'zmq-reqrep.pcapng',
  'zmq.pcap',
];

/** The good fixtures of LABS (not the empty one), in that order. */
export function goodFixtures(): string[] {
  const have = new Set(fixtureCaptures().map((f) => basename(f)));
  return LABS.filter((n) => have.has(n)).map((n) => join(FIXTURES, n));
}

export function makeClassFolder(size = 30, into?: string): ClassFolder {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'pcx-class-'));
  mkdirSync(dir, { recursive: true });
  const good = goodFixtures();
  const source = new Map<string, string>();
  const nGood = size - DAMAGED.length - 2;
  let student = 0;
  const name = (rest: string): string => join(dir, `s${String(++student).padStart(3, '0')}-${rest}`);
  for (let i = 0; i < nGood; i++) {
    const from = good[i % good.length]!;
    const to = name(basename(from));
    copyFileSync(from, to);
    source.set(to, from);
  }
  const damaged = DAMAGED.map((b) => {
    const to = name(b);
    copyFileSync(join(FIXTURES, 'bad', b), to);
    return to;
  });
  const empty = name('empty.pcap');
  copyFileSync(join(FIXTURES, 'empty.pcap'), empty);
  const notCapture = name('notes.txt');
  writeFileSync(notCapture, 'Lab 3: I could not start tcpdump on my laptop, sorry. Capture to follow.\n');
  const files = [...source.keys(), ...damaged, empty, notCapture].sort();
  return { dir, files, source, damaged, empty, notCapture };
}
