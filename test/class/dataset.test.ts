/**
 * Issue 23: `analyze FILES… --log DIR` on a folder of 30 hand-ins (several labs, two damaged, one empty, one
 * text file): every line validates against schema/dataset.schema.json, the logs load into DuckDB (through
 * @duckdb/node-api) with one conn record per conversation (tshark `-q -z conv,tcp` as the oracle for the TCP
 * ones), and the recipes of docs/dataset.md answer their questions (tshark and the JSON model as oracles) in
 * DuckDB and, when Debian's clickhouse-server is installed, in ClickHouse.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { type ClassFolder, makeClassFolder } from '../helpers/class-folder.js';
import { HAVE_TSHARK, hasCommand, ROOT, runCli } from '../helpers/fixtures.js';

const LOGS = ['captures', 'conn', 'messages', 'notes'] as const;
let cls: ClassFolder;
let out: string;
let run: ReturnType<typeof runCli>;
let db: DuckDBConnection;

function lines(log: string): Array<Record<string, unknown>> {
  return readFileSync(join(out, `${log}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The fenced ```sql / ```sh blocks of a section of docs/dataset.md. */
function recipes(section: string, lang: 'sql' | 'sh'): string[] {
  const doc = readFileSync(join(ROOT, 'docs/dataset.md'), 'utf8');
  const start = doc.indexOf(`## ${section}`);
  const end = doc.indexOf('\n## ', start + 3);
  const body = doc.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

function question(section: string, q: string): string {
  const sql = recipes(section, 'sql').find((s) => s.startsWith(`-- ${q}`));
  if (!sql) throw new Error(`docs/dataset.md, ${section}: no query for "${q}"`);
  return sql;
}

async function duck(sql: string): Promise<Array<Record<string, unknown>>> {
  const inDir = sql.replace(/read_json_auto\('(\w+\.jsonl)'\)/g, (_, f: string) => `read_json_auto('${join(out, f)}')`);
  return (await db.runAndReadAll(inDir)).getRowObjectsJS() as Array<Record<string, unknown>>;
}

/** Per file, from one tshark run: frames with ARP, and frames tshark flags as lost_segment or ack_lost_segment. */
function tsharkFacts(file: string): { arp: number; lost: number } {
  const r = spawnSync(
    'tshark',
    [
      '-r',
      file,
      '-n',
      '-T',
      'fields',
      '-e',
      'arp.opcode',
      '-e',
      'tcp.analysis.lost_segment',
      '-e',
      'tcp.analysis.ack_lost_segment',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  let arp = 0;
  let lost = 0;
  for (const l of r.stdout.split('\n')) {
    const [a, ls, als] = l.split('\t');
    if (a) arp++;
    if (ls || als) lost++;
  }
  return { arp, lost };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

beforeAll(async () => {
  cls = makeClassFolder(30);
  out = mkdtempSync(join(tmpdir(), 'pcx-dataset-'));
  run = runCli(['analyze', cls.dir, '--log', out, '-j', '2']);
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  db?.closeSync();
  rmSync(cls.dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('analyze FILES… --log DIR', { timeout: 300_000 }, () => {
  it('writes four logs whose every line validates against schema/dataset.schema.json; a capture per file, exit 1', () => {
    expect(run.code).toBe(1); // one file is not a capture
    expect(run.err).toContain(`pcap-explain: ${cls.notCapture}: not a pcap or pcapng file`);
    const counts = Object.fromEntries(LOGS.map((l) => [l, lines(l).length]));
    expect(run.out).toBe(LOGS.map((l) => `${join(out, `${l}.jsonl`)}: ${counts[l]} records\n`).join(''));
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/dataset.schema.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    for (const log of LOGS) {
      const validate = ajv.getSchema(`${schema.$id}#/$defs/${log}`)!;
      for (const rec of lines(log)) {
        if (!validate(rec)) throw new Error(`${log}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(rec)}`);
      }
    }
    const caps = lines('captures');
    expect(caps.map((c) => c.capture)).toEqual(cls.files);
    expect(caps.find((c) => c.capture === cls.notCapture)).toMatchObject({ error: expect.any(String), frames: 0 });
    expect(caps.find((c) => c.capture === cls.empty)).toMatchObject({ error: null, frames: 0, start: null });
    for (const d of cls.damaged) expect(caps.find((c) => c.capture === d)).toMatchObject({ damaged: true });
    expect(caps.find((c) => c.capture === cls.damaged[0])).toMatchObject({
      damage: 'capture.truncated_record',
      damage_offset: 4057,
      frames: 45,
    });
    // uids join: every message and conversation note names a conversation of its capture
    const uids = new Set(lines('conn').map((c) => c.uid));
    expect(uids.size).toBe(counts.conn);
    for (const m of lines('messages')) expect(uids.has(m.uid)).toBe(true);
    for (const n of lines('notes')) if (n.uid !== null) expect(uids.has(n.uid)).toBe(true);
  });

  it('one capture, analysed in this thread, gives the lines the worker threads gave it; -o with --log is refused', () => {
    const one = cls.files.find((f) => f.endsWith('-capture-loss.pcap'))!;
    const dir = mkdtempSync(join(tmpdir(), 'pcx-dataset-one-'));
    try {
      const r = runCli(['analyze', one, '--log', dir]);
      expect(r).toMatchObject({ code: 0, err: '' });
      for (const log of LOGS) {
        const alone = readFileSync(join(dir, `${log}.jsonl`), 'utf8');
        const inRun = lines(log)
          .filter((rec) => rec.capture === one)
          .map((rec) => `${JSON.stringify(rec)}\n`)
          .join('');
        expect(alone).toBe(inRun);
        expect(alone.length).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = runCli(['analyze', cls.empty, '--log', out, '-o', join(out, 'x')]);
    expect(bad).toMatchObject({ code: 1, out: '' });
    expect(bad.err).toBe(
      'pcap-explain: --log DIR writes the dataset instead of a report: leave out -o, -f and --frames\n',
    );
  });

  it.skipIf(!HAVE_TSHARK)(
    'loads into DuckDB with one conn record per conversation (tshark -z conv,tcp for TCP)',
    async () => {
      const rows = await duck(
        "SELECT capture, count(*) FILTER (WHERE proto = 'tcp') AS tcp, count(*) AS n FROM read_json_auto('conn.jsonl') GROUP BY capture",
      );
      const byCapture = new Map(rows.map((r) => [r.capture as string, r]));
      const caps = await duck("SELECT capture, conversations, error FROM read_json_auto('captures.jsonl')");
      expect(caps).toHaveLength(30);
      let total = 0;
      for (const c of caps) {
        const file = c.capture as string;
        const got = byCapture.get(file);
        if (c.error !== null) {
          expect(got).toBeUndefined();
          continue;
        }
        const tshark = convTcp(file);
        expect({ file, tcp: Number(got?.tcp ?? 0) }).toEqual({ file, tcp: tshark });
        expect(Number(got?.n ?? 0)).toBe(Number(c.conversations));
        total += tshark;
      }
      expect(total).toBeGreaterThan(30);
      // ISO times at µs and ns precision (zmq-reqrep-ns) mixed: read as text, cast as docs/dataset.md says
      const ts = await duck("SELECT count(*) AS n, count(ts::TIMESTAMP_NS) AS t FROM read_json_auto('conn.jsonl')");
      expect(Number(ts[0]!.t)).toBe(Number(ts[0]!.n));
    },
  );

  it.skipIf(!HAVE_TSHARK)("answers the lecturer's three questions of docs/dataset.md in DuckDB", async () => {
    const expected = await oracleAnswers();
    const noArp = await duck(question('Asking questions: DuckDB', 'who captured no ARP?'));
    expect(noArp.map((r) => r.capture)).toEqual(expected.noArp);
    const rtt = await duck(question('Asking questions: DuckDB', 'median REQ/REP round trip per capture'));
    expect(rtt.map((r) => r.capture)).toEqual([...expected.rtt.keys()]);
    for (const r of rtt) {
      expect(r.median_s).toBeCloseTo(expected.rtt.get(r.capture as string)!.median, 12);
      expect(Number(r.replies)).toBe(expected.rtt.get(r.capture as string)!.replies);
    }
    const lost = await duck(question('Asking questions: DuckDB', 'which captures lost frames?'));
    expect(lost.map((r) => r.capture)).toEqual(expected.lost);
  });

  const HAVE_CLICKHOUSE = hasCommand('clickhouse-server') && hasCommand('clickhouse-client');
  it.skipIf(!HAVE_CLICKHOUSE || !HAVE_TSHARK)(
    "loads into ClickHouse with INSERT … FORMAT JSONEachRow and answers the same questions (skipped unless Debian's clickhouse-server and clickhouse-client are installed)",
    async () => {
      const ch = await startClickHouse();
      try {
        const client = (args: string[], input?: string) => {
          const r = spawnSync('clickhouse-client', ['--port', String(ch.port), ...args], {
            encoding: 'utf8',
            input,
            cwd: out,
          });
          if (r.status !== 0) throw new Error(`clickhouse-client ${args.join(' ')}: ${r.stderr}`);
          return r.stdout;
        };
        client(['--multiquery', '--query', recipes('Asking questions: ClickHouse', 'sql')[0]!]);
        const load = recipes('Asking questions: ClickHouse', 'sh')[0]!;
        const sh = spawnSync(
          'bash',
          ['-ec', `clickhouse-client() { command clickhouse-client --port ${ch.port} "$@"; }\n${load}`],
          { cwd: out, encoding: 'utf8' },
        );
        expect(sh.stderr).toBe('');
        expect(sh.status).toBe(0);
        for (const log of LOGS) {
          expect(Number(client(['--query', `SELECT count() FROM ${log}`]))).toBe(lines(log).length);
        }
        const ask = (q: string) =>
          client(['--query', question('Asking questions: ClickHouse', q)])
            .split('\n')
            .filter((l) => l.length > 0)
            .map((l) => l.split('\t'));
        const expected = await oracleAnswers();
        expect(ask('who captured no ARP?').map((r) => r[0])).toEqual(expected.noArp);
        const rtt = ask('median REQ/REP round trip per capture');
        expect(rtt.map((r) => r[0])).toEqual([...expected.rtt.keys()]);
        for (const r of rtt) {
          expect(Number(r[1])).toBeCloseTo(expected.rtt.get(r[0]!)!.median, 12);
          expect(Number(r[2])).toBe(expected.rtt.get(r[0]!)!.replies);
        }
        expect(ask('which captures lost frames?').map((r) => r[0])).toEqual(expected.lost);
      } finally {
        await ch.stop();
      }
    },
  );
});

/** tshark's TCP conversations of a file (lines of `-q -z conv,tcp` with `<->`). */
function convTcp(file: string): number {
  const r = spawnSync('tshark', ['-r', file, '-n', '-q', '-z', 'conv,tcp'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes('<->')).length;
}

interface Answers {
  noArp: string[];
  rtt: Map<string, { median: number; replies: number }>;
  lost: string[];
}

let answers: Answers | undefined;

/**
 * The answers, from tshark where it dissects (ARP frames; tcp.analysis.lost_segment/ack_lost_segment) and
 * from the JSON model where it does not (ZeroMQ REQ/REP latencies; missed bytes); damaged files from
 * fixtures/bad/damage.json's list.
 */
async function oracleAnswers(): Promise<Answers> {
  if (answers) return answers;
  const noArp: string[] = [];
  const rtt = new Map<string, { median: number; replies: number }>();
  const lost: string[] = [];
  for (const f of cls.files) {
    if (f === cls.notCapture) continue;
    const facts = tsharkFacts(f);
    if (facts.arp === 0) noArp.push(f);
    const model = await analyzeFile(f, { keepFrames: false });
    const lat = model.conversations
      .filter((c) => c.pattern === 'REQ/REP')
      .flatMap((c) => c.messages ?? [])
      .filter((m) => m.kind === 'message' && typeof m.latency === 'number')
      .map((m) => m.latency as number);
    if (lat.length) rtt.set(f, { median: median(lat), replies: lat.length });
    const missed = model.conversations.some((c) => c.missed_bytes > 0);
    if (cls.damaged.includes(f) || missed || facts.lost > 0) lost.push(f);
  }
  answers = { noArp: noArp.sort(), rtt: new Map([...rtt].sort(([a], [b]) => (a < b ? -1 : 1))), lost: lost.sort() };
  return answers;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A clickhouse-server of our own: a temporary directory, a free port on 127.0.0.1, stopped by its pid. */
async function startClickHouse(): Promise<{ port: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pcx-clickhouse-'));
  const port = await freePort();
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(
    join(dir, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <tcp_port>${port}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>5368709</mark_cache_size>
  <uncompressed_cache_size>8589934</uncompressed_cache_size>
</yandex>
`,
  );
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  const server: ChildProcess = spawn('clickhouse-server', [`--config-file=${join(dir, 'config.xml')}`], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((res) => server.once('exit', () => res()));
  const stop = async (): Promise<void> => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const r = spawnSync('clickhouse-client', ['--port', String(port), '--query', 'SELECT 1'], { encoding: 'utf8' });
    if (r.status === 0) return { port, stop };
    await new Promise((res) => setTimeout(res, 200));
  }
  await stop();
  throw new Error('clickhouse-server did not start');
}
