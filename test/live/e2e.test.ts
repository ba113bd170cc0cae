/**
 * `pcap-explain live` for real: a Docker-like bridge of network namespaces, real peers (libzmq REQ/REP
 * and PUB/SUB through python3-zmq, MQTT through mosquitto + paho), the real tcpdump / dumpcap, the
 * built CLI. Needs root (CI runs as root); skipped otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeJson,
  cliEnv,
  firstDiff,
  HAVE_DUMPCAP,
  HAVE_MQTT,
  HAVE_NETNS,
  HAVE_TCPDUMP,
  HAVE_TSHARK,
  HAVE_ZMQ,
  jsonLines,
  Lab,
  sleep,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: the JSON model and JSON Lines records, read loosely
type Json = Record<string, any>;

const HAVE_SCRIPT = spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0;

async function waitFile(path: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`timeout waiting for ${path}`);
    await sleep(25);
  }
}

/** The model has the application layer (issue 4) when conversations carry `app`. */
function hasApp(model: Json): boolean {
  return (model.conversations as Json[]).some((c) => 'app' in c);
}

function conv(model: Json, port: number, nth = 0): Json {
  const all = (model.conversations as Json[]).filter((c) => c.transport === 'tcp' && c.server.endsWith(`:${port}`));
  const c = all[nth];
  if (!c) throw new Error(`no conversation to port ${port}: ${model.conversations.map((x: Json) => x.server)}`);
  return c;
}

describe.skipIf(!HAVE_NETNS || !HAVE_TCPDUMP || !HAVE_ZMQ)('pcap-explain live on a Docker-like bridge (root)', () => {
  let lab: Lab;

  beforeAll(() => {
    lab = new Lab().up().addHost(2).addHost(3).addHost(10);
  });
  afterAll(() => {
    lab?.down();
  });

  /** A ZeroMQ REQ/REP round on `port`: REP in container 2, REQ in container 3. */
  async function reqrep(port: number, count: number): Promise<void> {
    const rep = lab.peer(2, 'zmq_reqrep.py', [
      'server',
      '--peer',
      'rep',
      '--port',
      String(port),
      '--count',
      String(count),
      '--sleep',
      '0.02',
      '--hold',
      '0.3',
      '--log',
      lab.path(`rep-${port}.jsonl`),
    ]);
    await lab.waitPort(2, port);
    const req = lab.peer(3, 'zmq_reqrep.py', [
      'client',
      '--peer',
      'req',
      '--host',
      lab.ipOf(2),
      '--port',
      String(port),
      '--count',
      String(count),
      '--log',
      lab.path(`req-${port}.jsonl`),
    ]);
    expect(await req.done(), req.err).toBe(0);
    expect(await rep.done(), rep.err).toBe(0);
  }

  it('interfaces: the bridge is marked as Docker with its veths attached', () => {
    const r = lab.cli(['interfaces', '-f', 'json']);
    return r.done().then((code) => {
      expect(code, r.err).toBe(0);
      const list = JSON.parse(r.out).interfaces as Json[];
      const br = list.find((i) => i.name === lab.bridge)!;
      expect(br).toMatchObject({ kind: 'bridge', dockerBridge: true, up: true });
      expect(br.addresses).toContainEqual({ family: 'inet', address: '172.18.0.1', prefixlen: 16 });
      expect(br.attached).toHaveLength(3);
      for (const v of br.attached)
        expect(list.find((i) => i.name === v)).toMatchObject({ kind: 'veth', master: lab.bridge });
      const t = lab.cli(['interfaces']);
      return t.done().then(() => {
        expect(t.out).toContain('Docker bridge, 3 veths attached');
        expect(t.out).toContain(`container link on ${lab.bridge}`);
        expect(t.out).toContain(`sudo pcap-explain live -i ${lab.bridge}`);
      });
    });
  });

  it('REQ/REP, PUB/SUB and MQTT: events as JSON Lines, Ctrl+C, the report, and -w analyses to the same model', async () => {
    const pcap = lab.path('lab.pcap');
    const rep = lab.peer(2, 'zmq_reqrep.py', [
      'server',
      '--peer',
      'rep',
      '--port',
      '5555',
      '--count',
      '5',
      '--sleep',
      '0.03',
      '--hold',
      '0.5',
      '--log',
      lab.path('rep.jsonl'),
    ]);
    const pub = lab.peer(2, 'zmq_pubsub.py', [
      'pub',
      '--peer',
      'pub',
      '--port',
      '12345',
      '--count',
      '5',
      '--interval',
      '0.1',
      '--subs',
      '1',
      '--hold',
      '0.8',
      '--log',
      lab.path('pub.jsonl'),
    ]);
    if (HAVE_MQTT) await lab.mosquitto(10);
    await lab.waitPort(2, 5555);
    await lab.waitPort(2, 12345);

    // Its own process group, so Ctrl+C can be sent as a terminal sends it: to node and tcpdump at once.
    const live = lab.cli(['live', '-i', lab.bridge, '-w', pcap, '--format', 'jsonl'], cliEnv(), lab.hostNs, true);
    await live.waitFor(/Capturing on .* with tcpdump/);

    const req = lab.peer(3, 'zmq_reqrep.py', [
      'client',
      '--peer',
      'req',
      '--host',
      lab.ipOf(2),
      '--port',
      '5555',
      '--count',
      '5',
      '--log',
      lab.path('req.jsonl'),
    ]);
    const sub = lab.peer(3, 'zmq_pubsub.py', [
      'sub',
      '--peer',
      'sub',
      '--host',
      lab.ipOf(2),
      '--port',
      '12345',
      '--count',
      '5',
      '--duration',
      '10',
      '--log',
      lab.path('sub.jsonl'),
    ]);
    const peers = [req, sub, rep, pub];
    if (HAVE_MQTT) {
      const ready = lab.path('msub.ready');
      const go = lab.path('msub.go');
      const msub = lab.peer(3, 'mqtt_lab.py', [
        'sub',
        '--peer',
        'msub',
        '--broker',
        lab.ipOf(10),
        '--count',
        '3',
        '--ready-file',
        ready,
        '--go-file',
        go,
        '--log',
        lab.path('msub.jsonl'),
      ]);
      await waitFile(ready);
      const mpub = lab.peer(2, 'mqtt_lab.py', [
        'pub',
        '--peer',
        'mpub',
        '--broker',
        lab.ipOf(10),
        '--count',
        '3',
        '--interval',
        '0.2',
        '--log',
        lab.path('mpub.jsonl'),
      ]);
      expect(await mpub.done(), mpub.err).toBe(0);
      writeFileSync(go, '');
      expect(await msub.done(), msub.err).toBe(0);
    }
    for (const p of peers) expect(await p.done(), p.err).toBe(0);
    await sleep(300);
    expect(live.running).toBe(true);
    process.kill(-live.child.pid!, 'SIGINT');
    expect(await live.done(), live.err).toBe(0);
    expect(live.err).not.toContain('stopped unexpectedly');

    const recs = jsonLines(live.out);
    const events = recs.filter((r) => r.type === 'event') as Json[];
    const stats = recs.find((r) => r.type === 'stats') as Json;
    const model = (recs.find((r) => r.type === 'report') as Json).model as Json;
    expect(recs.at(-1)!.type).toBe('report');
    expect(model.capture.file).toBe(pcap);
    expect(model.capture.frames).toBeGreaterThan(40);

    // every conversation: SYN seen, handshake complete, an event for each
    const rr = conv(model, 5555);
    const ps = conv(model, 12345);
    const lab3 = [rr, ps];
    if (HAVE_MQTT) lab3.push(conv(model, 1883, 0), conv(model, 1883, 1));
    for (const c of lab3) {
      expect(c.roles_by).toBe('syn');
      expect(c.handshake.ack, `handshake of ${c.server}`).not.toBeNull();
      const codes = events.filter((e) => e.conversation === c.id).map((e) => e.code);
      expect(codes[0]).toBe('live.event.connection');
      expect(codes).toContain('live.event.handshake');
    }
    expect(rr.close.kind).toBe('fin');
    expect(events.some((e) => e.conversation === rr.id && e.code === 'live.event.ending.fin')).toBe(true);
    // events come in frame order, each with its text
    const frames = events.map((e) => e.frame as number);
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    for (const e of events) expect(e.text).toMatch(/\S/);

    const texts = (c: Json) => events.filter((e) => e.conversation === c.id).map((e) => e.text as string);
    if (hasApp(model)) {
      expect(rr).toMatchObject({ app: 'zmtp', pattern: 'REQ/REP' });
      expect(ps).toMatchObject({ app: 'zmtp', pattern: 'PUB/SUB' });
      expect(texts(rr).filter((t) => t.includes('"Hello"'))).toHaveLength(5);
      expect(texts(rr).filter((t) => t.includes('"World"'))).toHaveLength(5);
      expect(events.filter((e) => e.conversation === rr.id && e.kind === 'pair')).toHaveLength(5);
      expect(texts(ps).filter((t) => t.includes('"WAKTU '))).toHaveLength(5);
      if (HAVE_MQTT) {
        const mq = [conv(model, 1883, 0), conv(model, 1883, 1)];
        for (const c of mq) expect(c.app).toBe('mqtt');
        const publishes = mq.flatMap((c) => texts(c)).filter((t) => t.includes('MQTT PUBLISH sister/temp'));
        expect(publishes).toHaveLength(6); // 3 to the broker, 3 relayed to the subscriber
      }
    } else {
      expect(events.some((e) => e.conversation === rr.id && e.kind === 'data')).toBe(true);
    }

    // tcpdump's counts: everything it captured was analysed, nothing dropped
    expect(stats.sources).toHaveLength(1);
    expect(stats.sources[0]).toMatchObject({ iface: lab.bridge, tool: 'tcpdump', dropped: 0 });
    expect(stats.sources[0].captured).toBe(model.capture.frames);
    expect(live.err).toContain(`Saved ${model.capture.frames} frames to ${pcap}`);

    // the -w file is a valid capture of exactly these packets
    const again = analyzeJson(pcap);
    expect(again.code, again.err).toBe(0);
    expect(firstDiff(again.model, model)).toBe('');
    if (HAVE_TSHARK) {
      const n = execFileSync('tshark', ['-r', pcap, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' })
        .trim()
        .split('\n').length;
      expect(n).toBe(model.capture.frames);
    }
  });

  it('piped through tee: one explained line per event as it happens, then the text report', async () => {
    const log = lab.path('tee.txt');
    const cmd = `"${process.execPath}" "${process.cwd()}/bin/pcap-explain.js" live -i ${lab.bridge} --duration 4 --filter 'tcp port 5556' | tee "${log}"`;
    const live = lab.spawnIn(lab.hostNs, 'sh', ['-c', cmd], cliEnv());
    await live.waitFor(/Capturing on/);
    await reqrep(5556, 2);
    // the first event line went through the pipe while the capture was still running
    await live.waitFor(/opens a TCP connection to 172\.18\.0\.2:5556 \(SYN\)/, 'out', 3000);
    expect(live.running).toBe(true);
    expect(await live.done()).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(live.out);
    const lines = live.out.split('\n');
    expect(lines[0]).toMatch(
      /^\s+\d+\.\d{3}\s+#1\s+172\.18\.0\.3:\d+ opens a TCP connection to 172\.18\.0\.2:5556 \(SYN\)\.$/,
    );
    expect(live.out).toMatch(/Handshake done: 172\.18\.0\.3:\d+ and 172\.18\.0\.2:5556 are connected/);
    expect(live.out).toMatch(/closes its side of the connection/);
    expect(live.out).toContain('\nConversations\n');
    expect(live.out).toMatch(new RegExp(`tcpdump on ${lab.bridge}: \\d+ packets captured, 0 dropped by the kernel\\.`));
    if (live.out.includes('ZMTP')) {
      expect(live.out).toMatch(/ZMTP message "Hello"/);
      expect(live.out).toMatch(/ZMTP reply in frame \d+ answers the request in frame \d+/);
    }
  });

  it('--docker --count N --format json: stdout is only the JSON model of N packets, events on stderr', async () => {
    const live = lab.cli(['live', '--docker', '--count', '8', '--format', 'json', '--filter', 'tcp port 5557']);
    await live.waitFor(/Capturing on/);
    expect(live.err).toContain(`Docker bridge: ${lab.bridge}`);
    await reqrep(5557, 3);
    expect(await live.done(), live.err).toBe(0);
    const model = JSON.parse(live.out) as Json;
    expect(model.capture.frames).toBe(8);
    expect(model.frames).toHaveLength(8);
    expect(model.conversations).toHaveLength(1);
    expect(live.err).toMatch(/opens a TCP connection to 172\.18\.0\.2:5557/);
    expect(live.err).toContain(`tcpdump on ${lab.bridge}: 8 packets captured, 0 dropped by the kernel.`);
  });

  it('more than 30 conversations: the report groups alike ones and --conversations, which it names, tells each', async () => {
    // 34 connection attempts to a port nothing listens on, 20 ms apart (a burst of them overflowed
    // tcpdump's buffer): each a conversation, all alike (refused)
    const attempts =
      'import socket, time\nfor i in range(34):\n    time.sleep(0.02)\n    s = socket.socket()\n    try:\n        s.connect(("172.18.0.2", 5561))\n    except OSError:\n        pass\n    s.close()\n';
    const reports: string[] = [];
    for (const extra of [[], ['--conversations']]) {
      const live = lab.cli(['live', '-i', lab.bridge, '--duration', '4', '--filter', 'tcp port 5561', ...extra]);
      await live.waitFor(/Capturing on/);
      const py = lab.spawnIn(lab.ns(3), '/usr/bin/python3', ['-c', attempts]);
      expect(await py.done(), py.err).toBe(0);
      expect(await live.done(), live.err).toBe(0);
      reports.push(live.out);
    }
    const [grouped, each] = reports as [string, string];
    expect(grouped).toContain('34 conversations: those alike in kind');
    expect(grouped).toContain('--conversations lists each one.');
    expect(grouped).toMatch(/33 more refused attempts of the same kind as #1/);
    expect(each).not.toContain('those alike in kind');
    for (let id = 1; id <= 34; id++)
      expect(each).toMatch(new RegExp(`^- #${id} 172\\.18\\.0\\.3:\\d+ → 172\\.18\\.0\\.2:5561`, 'm'));
  });

  it.skipIf(!HAVE_DUMPCAP)('falls back to dumpcap when tcpdump is not on PATH (pcapng in, pcap out)', async () => {
    const bin = lab.path('bin-dumpcap');
    mkdirSync(bin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v dumpcap'], { encoding: 'utf8' }).trim(), `${bin}/dumpcap`);
    const pcap = lab.path('dumpcap.pcap');
    const live = lab.cli(
      ['live', '-i', lab.bridge, '--count', '6', '--format', 'json', '-w', pcap, 'tcp', 'port', '5558'],
      cliEnv({ PATH: bin }),
    );
    await live.waitFor(/Capturing on .* with dumpcap/);
    await reqrep(5558, 2);
    expect(await live.done(), live.err).toBe(0);
    const model = JSON.parse(live.out) as Json;
    expect(model.capture.frames).toBe(6);
    expect(live.err).toContain(`dumpcap on ${lab.bridge}: 6 packets captured, 0 dropped by the kernel.`);
    const again = analyzeJson(pcap);
    expect(firstDiff(again.model, model)).toBe('');
  });

  it.skipIf(!HAVE_SCRIPT)('on a terminal: the live view is redrawn in place, then the report replaces it', async () => {
    const cmd = `stty cols 120 rows 40; exec "${process.execPath}" "${process.cwd()}/bin/pcap-explain.js" live -i ${lab.bridge} --duration 3 --filter 'tcp port 5559'`;
    const live = lab.spawnIn(lab.hostNs, 'script', ['-qfec', cmd, '/dev/null'], cliEnv({ TERM: 'xterm' }));
    await live.waitFor(/Capturing on/, 'out');
    await reqrep(5559, 2);
    expect(await live.done()).toBe(0);
    const out = live.out;
    expect(out).toContain('\x1b[?25l'); // cursor hidden while the view runs
    expect(out).toContain(`pcap-explain live — ${lab.bridge} (tcpdump)`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences are what is tested
    expect(out).toMatch(/\x1b\[\d+A\r\x1b\[J/); // redrawn in place
    expect(out).toMatch(/Conversations\r?\n #\s+Proto\s+Client\s+Server\s+App\s+State\s+Pkts\s+Msgs/);
    expect(out).toMatch(/Latest events/);
    const end = out.lastIndexOf('\x1b[?25h');
    expect(end).toBeGreaterThan(0);
    expect(out.slice(end)).toMatch(/Conversations/); // the report after the view
    expect(out.slice(end)).toMatch(/tcpdump on .*: \d+ packets captured/);
  });

  it('--docker with two Docker networks: one tcpdump per bridge, merged in time order', async () => {
    const second = lab.addBridge('172.19.0');
    lab.addHost(0x102, { bridge: second, net: '172.19.0' }).addHost(0x103, { bridge: second, net: '172.19.0' });
    const live = lab.cli(['live', '--docker', '--duration', '3', '-f', 'json', '--filter', 'tcp port 5561']);
    await live.waitFor(/Capturing on .* with tcpdump/);
    for (const br of [lab.bridge, second]) expect(live.err).toContain(br);
    const other = async () => {
      const rep = lab.peer(0x102, 'zmq_reqrep.py', [
        'server',
        '--peer',
        'rep',
        '--port',
        '5561',
        '--count',
        '3',
        '--sleep',
        '0.02',
        '--hold',
        '0.3',
        '--log',
        lab.path('rep2.jsonl'),
      ]);
      await lab.waitPort(0x102, 5561);
      const req = lab.peer(0x103, 'zmq_reqrep.py', [
        'client',
        '--peer',
        'req',
        '--host',
        '172.19.0.2',
        '--port',
        '5561',
        '--count',
        '3',
        '--log',
        lab.path('req2.jsonl'),
      ]);
      expect(await req.done(), req.err).toBe(0);
      expect(await rep.done(), rep.err).toBe(0);
    };
    await Promise.all([reqrep(5561, 3), other()]);
    expect(await live.done(), live.err).toBe(0);
    const model = JSON.parse(live.out) as Json;
    expect(model.conversations.map((c: Json) => c.server).sort()).toEqual(['172.18.0.2:5561', '172.19.0.2:5561']);
    const ts = (model.frames as Json[]).map((f) => f.ts as string);
    expect(ts).toEqual([...ts].sort());
    expect((model.frames as Json[]).map((f) => f.n)).toEqual(ts.map((_, i) => i + 1));
    for (const br of [lab.bridge, second])
      expect(live.err).toMatch(new RegExp(`tcpdump on ${br}: \\d+ packets captured`));
    execFileSync('ip', ['-n', lab.hostNs, 'link', 'del', second]);
  });

  it('--docker with a busy and an idle network: the busy bridge, without asking', async () => {
    const idle = lab.addBridge('172.20.0');
    lab.addHost(0x202, { bridge: idle, net: '172.20.0' });
    // traffic on the lab's bridge while live --docker reads the counters (1 s apart)
    const traffic = reqrep(5563, 150); // about 3 s of requests
    await sleep(500);
    const live = lab.cli(['live', '--docker', '--duration', '1', '-f', 'json', '--filter', 'tcp port 5563']);
    try {
      await live.waitFor(/Capturing on/);
    } finally {
      await traffic;
      execFileSync('ip', ['-n', lab.hostNs, 'link', 'del', idle]);
    }
    expect(live.err).toMatch(
      new RegExp(
        `${lab.bridge} is the Docker bridge with the traffic \\(\\d+ packets in 1 s; the others: ${idle} \\d+ packets?\\)\\.`,
      ),
    );
    expect(live.err).toContain(`Capturing on ${lab.bridge} with tcpdump`);
    expect(live.err).not.toContain(idle.slice(3) + ' with');
    expect(await live.done(), live.err).toBe(0);
  });

  it('--docker with no bridge yet: waits, then captures the bridge that appears', async () => {
    const ns = lab.emptyNs('wait');
    const live = lab.cli(['live', '--docker', '--duration', '8', '-f', 'json'], cliEnv(), ns);
    await live.waitFor(/waiting for one to appear/);
    await sleep(600);
    expect(live.err).not.toContain('Capturing on');
    const br = 'br-0123456789ab';
    execFileSync('ip', ['-n', ns, 'link', 'add', br, 'type', 'bridge']);
    execFileSync('ip', ['-n', ns, 'link', 'set', br, 'up']);
    await live.waitFor(new RegExp(`Capturing on ${br} with`));
    live.child.kill('SIGINT');
    expect(await live.done(), live.err).toBe(0);
    expect(JSON.parse(live.out).capture.file).toBe(`live:${br}`);
  });

  // Last: it deletes the bridge.
  it('tcpdump dying mid-capture (the bridge removed): report what was captured, -w stays valid, exit 2', async () => {
    const pcap = lab.path('died.pcap');
    const live = lab.cli(['live', '-i', lab.bridge, '-w', pcap, '--filter', 'tcp port 5560']);
    await live.waitFor(/Capturing on/);
    await reqrep(5560, 2);
    await live.waitFor(/closes its side of the connection/, 'out');
    execFileSync('ip', ['-n', lab.hostNs, 'link', 'del', lab.bridge]);
    expect(await live.done()).toBe(2);
    expect(live.err).toMatch(/tcpdump on br-[0-9a-f]{12} stopped unexpectedly: .*(disappeared|No such device)/i);
    const m = /Capture: pcap, Ethernet, (\d+) frames/.exec(live.out);
    expect(m, live.out).not.toBeNull();
    const frames = Number(m![1]);
    expect(frames).toBeGreaterThan(10);
    const again = analyzeJson(pcap);
    expect(again.code, again.err).toBe(0);
    expect(again.model!.capture).toMatchObject({ frames, damaged: false });
  });
});
