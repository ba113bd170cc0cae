/**
 * `pcap-explain check` and `snapshot` as a user runs them (built dist/, spawned node) on every fixture:
 * each fixture's example spec (fixtures/specs/<capture>.yaml) passes; mutated specs fail with the right
 * message and exit 3; bad specs, captures and golden files exit 1; damaged captures exit 2 unless the
 * spec expects the damage. The application-level specs (<capture>.app.yaml) run as soon as the model
 * has conversations[].messages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { analyzeFile } from '../../src/analyze.js';
import { type CheckReport, checkCapture } from '../../src/check/index.js';
import { FIXTURES, fixtureCaptures, ROOT } from '../helpers/fixtures.js';
import { assertJUnitShape } from './xml.js';

const BIN = join(ROOT, 'bin/pcap-explain.js');
const SPECS = join(FIXTURES, 'specs');
const OUT = join(ROOT, 'test-artifacts', 'check');
mkdirSync(OUT, { recursive: true });

function run(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function json(args: string[]): { code: number | null; report: CheckReport; err: string } {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, report: JSON.parse(r.out), err: r.err };
}

const f = (name: string) => join(FIXTURES, name);
const spec = (capture: string, app = false) => join(SPECS, `${capture}${app ? '.app' : ''}.yaml`);
const names = fixtureCaptures().map((p) => p.slice(FIXTURES.length + 1));
const damaged = ['bad/truncated.pcap', 'bad/garbage-after.pcap', 'bad/truncated.pcapng'].filter((n) =>
  existsSync(f(n)),
);
/** The application layer is there when the model of the REQ/REP lab has messages. */
const HAS_MESSAGES = (await analyzeFile(f('zmq-reqrep.pcap'))).conversations.some((c) => Array.isArray(c.messages));
const DIST_HAS_MESSAGES = (() => {
  const r = run(['analyze', f('zmq-reqrep.pcap'), '--format', 'json']);
  return r.code === 0 && JSON.parse(r.out).conversations.some((c: { messages?: unknown }) => Array.isArray(c.messages));
})();

/** A spec read as plain YAML data, to be changed by a test. */
// biome-ignore lint/suspicious/noExplicitAny: specs are free-form YAML data here
type SpecData = Record<string, any>;

function mutated(capture: string, change: (s: SpecData) => void, app = false): string {
  const s = parseYaml(readFileSync(spec(capture, app), 'utf8'));
  change(s);
  const path = join(OUT, `mutated-${capture.replace(/\W/g, '_')}-${Math.random().toString(36).slice(2, 8)}.yaml`);
  writeFileSync(path, stringify(s));
  return path;
}

describe('every fixture has an example spec', () => {
  it.each(names)('%s', (n) => {
    expect(existsSync(spec(n)), `fixtures/specs/${n}.yaml`).toBe(true);
  });
  it.each(damaged)('%s', (n) => {
    expect(existsSync(spec(n))).toBe(true);
  });
});

describe('every example spec passes (transport level, now)', () => {
  it.each(names)('%s', (n) => {
    const { code, report, err } = json(['check', f(n), '--expect', spec(n)]);
    expect(report.failures).toEqual([]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(report.total).toBeGreaterThan(3);
  });

  it.each(damaged)('%s: the spec expects the damage, so exit 0', (n) => {
    const { code, report, err } = json(['check', f(n), '--expect', spec(n)]);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ damaged: true, damage_expected: true, exit: 0 });
    expect(code).toBe(0);
    expect(err).toMatch(/byte \d+/); // the warning still goes to stderr
  });
});

describe.skipIf(!HAS_MESSAGES)('every application-level spec passes (once the model has messages)', () => {
  it.each(names.filter((n) => existsSync(spec(n, true))))('%s', async (n) => {
    const report = await checkCapture(f(n), spec(n, true));
    expect(report.failures).toEqual([]);
    expect(report.exit).toBe(0);
  });

  it.skipIf(!DIST_HAS_MESSAGES)('the five-line REQ/REP example through the CLI', () => {
    const r = run(['check', f('zmq-reqrep.pcap'), '--expect', join(ROOT, 'examples/reqrep.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('5 expectations: 5 hold, 0 failed');
  });
});

describe('the five-line REQ/REP example (examples/reqrep.yaml)', () => {
  it('its TCP-level parts hold now: handshake complete, close fin', async () => {
    const report = await checkCapture(f('zmq-reqrep.pcap'), join(ROOT, 'examples/reqrep.yaml'));
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['conversations[0].match']?.ok).toBe(true);
    expect(byId['conversations[0].handshake']).toMatchObject({ ok: true, actual: 'complete', frames: [3, 4, 5] });
    expect(byId['conversations[0].close']).toMatchObject({ ok: true, actual: 'fin by client', frames: [44, 45] });
    if (!HAS_MESSAGES) expect(byId['conversations[0].messages[0]']?.actual).toMatch(/no messages in the model/);
  });

  it.each(['zmq-reqrep.pcap', 'zmq-reqrep-ns.pcap', 'zmq-reqrep.pcapng', 'zmq-reqrep-be.pcap'])(
    'examples/reqrep-ci.yaml holds on %s (a fresh capture of the lab)',
    (n) => {
      expect(run(['check', f(n), '-e', join(ROOT, 'examples/reqrep-ci.yaml')]).code).toBe(0);
    },
  );

  it.skipIf(!HAS_MESSAGES).each([
    ['zmq.pcap', 'zmq-lab.yaml'],
    ['mqtt.pcap', 'mqtt-lab.yaml'],
  ])('%s passes examples/%s', async (n, s) => {
    expect((await checkCapture(f(n), join(ROOT, 'examples', s))).failures).toEqual([]);
  });
});

describe('mutated specs fail with the right message and exit 3', () => {
  const cases: Array<[string, string, (s: SpecData) => void, RegExp, number?]> = [
    [
      'zmq-reqrep.pcap',
      'close fin → rst',
      (s) => {
        s.conversations[0].close = 'rst';
      },
      /✗ conversations\[0\] server=:5555 › close: expected rst, actual fin by client · frames 44-45/,
    ],
    [
      'zmq-reqrep.pcap',
      'one frame more',
      (s) => {
        s.capture.frames = 47;
      },
      /✗ capture › frames: expected 47, actual 46/,
    ],
    [
      'zmq-reqrep.pcap',
      'frame 2 is not a request',
      (s) => {
        s.frames[1].arp = 'request';
      },
      /✗ frames\[1\] n=2 › arp: expected request, actual reply · frame 2/,
    ],
    [
      'zmq-reqrep.pcap',
      'FIN must be absent',
      (s) => {
        s.absent.push('fin');
      },
      /✗ absent › fin: expected none, actual 2 frames in conversation #1 · frames 44-45/,
    ],
    [
      'tcp-echo.pcap',
      'no handshake',
      (s) => {
        s.conversations[0].handshake = 'none';
      },
      /✗ conversations\[0\] server=:2222 › handshake: expected none, actual complete · frames 3-5/,
    ],
    [
      'tcp-refused.pcap',
      'two refusals',
      (s) => {
        s.conversations[0].count = 2;
      },
      /✗ conversations\[0\] "refused attempts" › selects: expected exactly 2 conversations matching \{server: :2222, close: refused\}, actual 3 conversations/,
    ],
    [
      'tcp-rst.pcap',
      'a FIN instead of the RST',
      (s) => {
        s.conversations[0].close = { kind: 'fin', by: 'client' };
      },
      /✗ conversations\[0\] server=172\.18\.0\.70:2222 › close: expected \{kind: fin, by: client\}, actual \{kind: rst, by: client, frames: \[10\]\}/,
    ],
    [
      'udp.pcap',
      'an answered flow',
      (s) => {
        s.conversations[0].packets = { c2s: 5, s2c: 5 };
      },
      /✗ conversations\[0\] transport=udp › packets: expected \{c2s: 5, s2c: 5\}, actual \{c2s: 5, s2c: 0\}/,
    ],
    [
      'mqtt-any.pcap',
      'the -i any copies counted as packets',
      (s) => {
        s.conversations[1].packets = { c2s: 28, s2c: 22 };
      },
      /✗ conversations\[1\] client=172\.18\.0\.11 › packets: expected \{c2s: 28, s2c: 22\}, actual \{c2s: 14, s2c: 11\}/,
    ],
    [
      'tcp-loss-after.pcap',
      'no lost segments → no retransmissions',
      (s) => {
        s.absent.push('tcp.analysis.retransmission');
      },
      /✗ absent › tcp\.analysis\.retransmission: expected none, actual 7 frames in conversation #1/,
    ],
    [
      'zmq.pcap',
      'the PUB/SUB server elsewhere',
      (s) => {
        s.conversations[3].match.server = '172.18.0.9:12345';
      },
      /✗ conversations\[3\] "PUB\/SUB" › selects: expected exactly 1 conversation matching \{server: 172\.18\.0\.9:12345\}, actual no conversation/,
      3, // and its two facts, not evaluated
    ],
  ];
  it.each(cases)('%s: %s', (capture, _what, change, message, failed = 1) => {
    const path = mutated(capture, change);
    const r = run(['check', f(capture), '--expect', path]);
    expect(r.out).toMatch(message);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`expectations: \\d+ hold, ${failed} failed`));
    const { report } = json(['check', f(capture), '--expect', path]);
    expect(report.failed).toBe(failed);
    expect(report.exit).toBe(3);
  });

  it.skipIf(!HAS_MESSAGES)('application level: a reply that is not World', async () => {
    const path = mutated(
      'zmq-reqrep.pcap',
      (s) => {
        s.conversations[0].messages[4].payload = 'Welt';
      },
      true,
    );
    const report = await checkCapture(f('zmq-reqrep.pcap'), path);
    expect(report.exit).toBe(3);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatch(
      /messages \{kind: message, dir: s2c, payload: Welt\}: expected exactly 10 messages, actual 0 messages/,
    );
    expect(report.failures[0]).toMatch(/payload of those 10: World ×10/);
  });

  it.skipIf(!HAS_MESSAGES)('application level: one PUBLISH too many', async () => {
    const path = mutated(
      'mqtt.pcap',
      (s) => {
        s.conversations[2].messages[1].count = 6;
      },
      true,
    );
    const report = await checkCapture(f('mqtt.pcap'), path);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatch(/"publisher" › messages .*: expected exactly 6 messages, actual 5 messages/);
  });
});

describe('exit codes and output', () => {
  it('damaged capture and a spec that does not expect it: exit 2, results still reported', () => {
    const r = run(['check', f('bad/truncated.pcap'), '--expect', spec('zmq-reqrep.pcap')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('the capture is damaged');
    expect(r.out).toMatch(/✗ capture › frames: expected 46, actual 45/);
    expect(r.err).toMatch(/byte 4057/);
  });

  it.each([
    [['check', f('zmq-reqrep.pcap')], /check needs --expect SPEC, --golden FILE, or both/],
    [
      ['check', f('zmq-reqrep.pcap'), '--expect', join(OUT, 'nope.yaml')],
      /nope\.yaml: cannot read the spec: no such file/,
    ],
    [['check', f('no-such.pcap'), '--expect', spec('zmq-reqrep.pcap')], /no-such\.pcap/],
    [['check', f('bad/not-a-capture.pcap'), '--expect', spec('zmq-reqrep.pcap')], /not a pcap or pcapng/],
    [['check', f('zmq-reqrep.pcap'), '--golden', join(OUT, 'nope.json')], /cannot read the golden file: no such file/],
    [['check', f('zmq-reqrep.pcap'), '--golden', spec('zmq-reqrep.pcap')], /not JSON/],
    [['check', f('zmq-reqrep.pcap'), '--expect'], /Not enough arguments|expect/],
  ])('%j → exit 1', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a bad spec: every problem, one per line, exit 1, before reading the capture', () => {
    const path = join(OUT, 'bad-spec.yaml');
    writeFileSync(path, 'absent: [retransmision]\nconversations:\n  - close: reset\n    count: 1\n    min: 1\n');
    const r = run(['check', f('no-such.pcap'), '--expect', path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path}: invalid spec:`);
    expect(r.err).toContain("absent[0]: unknown word 'retransmision' (did you mean 'retransmission'?)");
    expect(r.err).toContain('conversations[0].close: must be one of fin, rst, refused, open');
    expect(r.err).toContain('conversations[0]: count cannot be combined with min or max');
  });

  it('text output: each expectation ✓/✗ with the actual value and frames; --quiet only failures', () => {
    const path = mutated('zmq-reqrep.pcap', (s) => {
      s.capture.frames = 47;
    });
    const r = run(['check', f('zmq-reqrep.pcap'), '--expect', path]);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`pcap-explain check ${f('zmq-reqrep.pcap')} (${path})`);
    expect(lines.filter((l) => l.startsWith('  ✓ ')).length).toBeGreaterThan(20);
    expect(r.out).toContain('  ✓ conversations[0] server=:5555 › handshake: complete · frames 3-5');
    expect(r.out).toContain('  ✓ frames[0] n=1 › arp: request · frame 1');
    const q = run(['check', f('zmq-reqrep.pcap'), '--expect', path, '-q']);
    expect(q.out.trim().split('\n')).toHaveLength(3);
  });

  it('several specs, -o FILE and the JSON report', () => {
    const out = join(OUT, 'report.json');
    const r = run([
      'check',
      f('tcp-echo.pcap'),
      '-e',
      spec('tcp-echo.pcap'),
      '-e',
      spec('tcp-echo.pcap', true),
      '-f',
      'json',
      '-o',
      out,
    ]);
    expect(r.out).toBe('');
    const report: CheckReport = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.schema).toBe('pcap-explain-check/1');
    expect(report.sources).toEqual([spec('tcp-echo.pcap'), spec('tcp-echo.pcap', true)]);
    expect(new Set(report.results.map((x) => x.suite))).toEqual(
      new Set(['tcp-echo.pcap (TCP)', 'tcp-echo.pcap (data)']),
    );
    expect(r.code).toBe(HAS_MESSAGES && DIST_HAS_MESSAGES ? 0 : 3);
  });

  it('reads the capture from standard input', () => {
    const r = run(['check', '-', '--expect', spec('zmq-reqrep.pcap')], readFileSync(f('zmq-reqrep.pcap')));
    expect(r.code).toBe(0);
    expect(r.out).toContain('pcap-explain check (stdin)');
  });
});

describe('--junit', () => {
  it('writes JUnit XML that CI tools read, passing and failing', () => {
    const ok = join(OUT, 'junit-ok.xml');
    expect(run(['check', f('mqtt.pcap'), '-e', spec('mqtt.pcap'), '--junit', ok]).code).toBe(0);
    const a = assertJUnitShape(readFileSync(ok, 'utf8'));
    expect(a.failures).toBe(0);
    expect(a.tests).toBeGreaterThan(10);

    const bad = join(OUT, 'junit-fail.xml');
    const path = mutated('mqtt.pcap', (s) => {
      s.conversations[0].close = 'rst';
      s.capture.frames = 1;
    });
    expect(run(['check', f('mqtt.pcap'), '-e', spec('mqtt.pcap'), '-e', path, '--junit', bad]).code).toBe(3);
    const xml = readFileSync(bad, 'utf8');
    expect(assertJUnitShape(xml)).toMatchObject({ failures: 2, suites: 2 });
    expect(xml).toContain('message="expected rst, actual fin by client (2 of 2)"');
  });

  it('an unwritable JUnit path: exit 1', () => {
    const r = run(['check', f('mqtt.pcap'), '-e', spec('mqtt.pcap'), '--junit', join(OUT, 'no/such/dir/x.xml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write/);
  });
});

describe('snapshot and --golden', () => {
  it('round trip: snapshot, then check against it', () => {
    const g = join(OUT, 'golden-zmq.json');
    const s = run(['snapshot', f('zmq.pcap'), '-o', g]);
    expect(s.code).toBe(0);
    expect(s.out).toBe('');
    const golden = JSON.parse(readFileSync(g, 'utf8'));
    expect(golden.snapshot).toBe('pcap-explain-snapshot/1');
    expect(golden.model.capture.file).toBeUndefined();
    expect(golden.model.frames).toHaveLength(150);
    const r = run(['check', f('zmq.pcap'), '--golden', g]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`✓ golden › ${g}`);
    // the same capture read through gzip-by-content and stdin is the same snapshot
    expect(run(['snapshot', '-'], readFileSync(f('zmq.pcap'))).out).toBe(readFileSync(g, 'utf8'));
  });

  it('a different capture: exit 3 and a readable diff (path, expected, actual)', () => {
    const g = join(OUT, 'golden-reqrep.json');
    run(['snapshot', f('zmq-reqrep.pcap'), '-o', g]);
    const r = run(['check', f('zmq-reqrep.pcapng'), '--golden', g]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/✗ golden › .*: expected the snapshot in .*, actual \d+ differences · frames 3-46/);
    expect(r.out).toContain('capture.format: expected pcap, actual pcapng');
    expect(r.out).toContain('conversations[0].client: expected 172.18.0.3:54624, actual 172.18.0.3:42416');
    expect(r.out).toMatch(/and \d+ more differences/);
    const { report } = json(['check', f('zmq-reqrep-be.pcap'), '--golden', g]);
    expect(report.results[0]!.diff).toEqual([{ path: 'capture.byte_order', expected: 'le', actual: 'be' }]);
  });

  it('--mask leaves paths out (recorded in the golden, applied when checking)', () => {
    const g = join(OUT, 'golden-be-masked.json');
    expect(run(['snapshot', f('zmq-reqrep.pcap'), '-o', g, '--mask', 'capture.byte_order']).code).toBe(0);
    expect(JSON.parse(readFileSync(g, 'utf8')).masked).toContain('capture.byte_order');
    expect(run(['check', f('zmq-reqrep-be.pcap'), '--golden', g]).code).toBe(0);
    const plain = join(OUT, 'golden-reqrep-plain.json');
    run(['snapshot', f('zmq-reqrep.pcap'), '-o', plain]);
    expect(run(['check', f('zmq-reqrep-be.pcap'), '--golden', plain]).code).toBe(3);
    expect(run(['check', f('zmq-reqrep-be.pcap'), '--golden', plain, '--mask', 'capture.byte_order']).code).toBe(0);
  });

  it('spec and golden together, and snapshot of a damaged capture exits 2', () => {
    const g = join(OUT, 'golden-echo.json');
    run(['snapshot', f('tcp-echo.pcap'), '-o', g]);
    const { code, report } = json(['check', f('tcp-echo.pcap'), '-e', spec('tcp-echo.pcap'), '--golden', g]);
    expect(code).toBe(0);
    expect(report.results.at(-1)!.id).toBe('golden');
    const d = run(['snapshot', f('bad/truncated.pcap'), '-o', join(OUT, 'golden-truncated.json')]);
    expect(d.code).toBe(2);
    expect(JSON.parse(readFileSync(join(OUT, 'golden-truncated.json'), 'utf8')).model.capture.damaged).toBe(true);
  });
});

describe('examples/github-actions.yml', () => {
  const wf = parseYaml(readFileSync(join(ROOT, 'examples/github-actions.yml'), 'utf8'));
  const steps: Array<{ run?: string; uses?: string }> = wf.jobs['capture-and-check'].steps;
  const script = steps.map((s) => s.run ?? '').join('\n');

  it('is a workflow that builds the lab, captures, and asserts with JUnit output', () => {
    expect(wf.on).toHaveProperty('push');
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
    expect(script).toContain('bash fixtures/make/zmq-reqrep.sh');
    expect(script).toMatch(/pcap-explain check captures\/reqrep\.pcap[\s\\]+--expect/);
    expect(script).toContain('--junit');
  });

  it('refers only to files that exist', () => {
    for (const m of script.matchAll(/(?:fixtures|examples)\/[\w./-]+\.(?:sh|yaml)/g)) {
      expect(existsSync(join(ROOT, m[0])), m[0]).toBe(true);
    }
  });
});

describe('docs/check.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/check.md'), 'utf8');
  it('its example vitest test is test/check/library.test.ts, verbatim', () => {
    const test = readFileSync(join(ROOT, 'test/check/library.test.ts'), 'utf8');
    const code = test.slice(test.indexOf("import { analyzeFile, checkCapture } from 'pcap-explain';"));
    const block =
      /```ts\n(import \{ analyzeFile, checkCapture \} from 'pcap-explain';\nimport \{ describe[\s\S]*?)```/.exec(doc);
    expect(block?.[1]).toBe(code);
  });
  it('documents every keyword and every default mask', async () => {
    const { KEYWORDS, DEFAULT_MASKS } = await import('../../src/check/index.js');
    for (const k of Object.keys(KEYWORDS)) expect(doc).toContain(`\`${k}\``);
    for (const m of DEFAULT_MASKS) expect(doc).toContain(`\`${m}\``);
  });
});
