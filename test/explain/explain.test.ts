/** The explanation step on real captures (and captures cut from them): frames, story, overview, teaching notes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel } from '../../src/analysis/model.js';
import { analyzeBytes, analyzeFile } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { type ExplainedModel, explainModel } from '../../src/explain/index.js';
import { catalogue } from '../../src/explain/text.js';
import { FIXTURES, fixtureCaptures } from '../helpers/fixtures.js';

const en = catalogue('en');
const id = catalogue('id');

const fx = (n: string) => join(FIXTURES, n);

async function model(name: string, lang: 'en' | 'id' = 'en'): Promise<ExplainedModel> {
  return (await analyzeFile(fx(name), { lang })) as ExplainedModel;
}

/** A capture made of some frames of a real one (frame numbers restart at 1). */
function cut(name: string, keep: (n: number) => boolean, lang: 'en' | 'id' = 'en'): ExplainedModel {
  const frames: RawFrame[] = [];
  let linktype = 1;
  readCaptureBytes(new Uint8Array(readFileSync(fx(name))), (f) => {
    linktype = f.linktype;
    if (keep(f.n)) frames.push({ ...f, data: f.data.slice() });
  });
  return analyzeBytes(pcapFile(linktype, frames), { lang }) as ExplainedModel;
}

const codes = (m: ExplainedModel) => m.story.map((s) => s.code);

describe('frame explanations', () => {
  it('names the request, its number, the pattern and the server (zmq-reqrep)', async () => {
    const m = await model('zmq-reqrep.pcap');
    const ex = m.frames.map((f) => f.explain ?? '');
    expect(
      ex.some((e) =>
        e.startsWith("Client 172.18.0.3 sends its 4th request 'Hello' on the REQ/REP connection to 172.18.0.2:5555. "),
      ),
    ).toBe(true);
    expect(
      ex.some((e) =>
        /^Server 172\.18\.0\.2:5555 answers the 1st request \(frame \d+\) with the reply 'World', 1\d\d ms after it\. /.test(
          e,
        ),
      ),
    ).toBe(true);
    const c = m.conversations[0]!;
    expect(m.frames.find((f) => f.n === c.handshake!.syn[0])!.explain).toMatch(/^Handshake step 1 of 3/);
    expect(m.frames.find((f) => f.n === c.handshake!.synack[0])!.explain).toMatch(/^Handshake step 2 of 3/);
    expect(m.frames.find((f) => f.n === c.handshake!.ack)!.explain).toMatch(/^Handshake step 3 of 3/);
    expect(m.frames[0]!.explain).toMatch(/who has 172\.18\.0\.2\?/);
    expect(m.frames[1]!.explain).toMatch(/172\.18\.0\.2 is at 02:42:ac:12:00:02/);
    // pure ACKs are TCP receipts, not replies
    expect(
      ex.some((e) =>
        /acknowledges the \d+(st|nd|rd|th) request of frame \d+ \(ACK, no data\)\. This is TCP's receipt/.test(e),
      ),
    ).toBe(true);
  });

  it('explains every frame of every fixture, in both languages, without leaking a code', async () => {
    for (const p of fixtureCaptures()) {
      for (const lang of ['en', 'id'] as const) {
        const m = (await analyzeFile(p, { lang })) as ExplainedModel;
        for (const f of m.frames) {
          expect(f.explain, `${p} #${f.n}`).toBeTruthy();
          expect(f.explain).not.toMatch(/\b(ex|lbl|fmt|noun)\.[a-z]/);
          expect(f.explain).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });

  it('retransmissions carry the meaning of their flag', async () => {
    const m = await model('tcp-loss-after.pcap');
    const r = m.frames.find((f) => f.tcp?.analysis?.includes('retransmission'));
    // a data retransmission is told as such (a SYN or FIN one has its own sentence: fidelity.test.ts)
    expect(r?.explain).toContain(en['ex.tcp.retrans.data']);
  });
});

describe('the story', () => {
  it('puts the phases of each conversation on the right frames', async () => {
    for (const p of fixtureCaptures()) {
      const m = (await analyzeFile(p)) as ExplainedModel;
      for (const c of m.conversations) {
        const phases = m.story.filter((s) => s.conversation === c.id);
        if (c.transport !== 'tcp') continue;
        const hs = phases.find((s) => /^story\.tcp\.(handshake|syn_unanswered)/.test(s.code));
        if (c.handshake && c.close.kind !== 'refused') {
          // from the first SYN to the handshake's ACK, else to its last SYN or SYN-ACK
          expect(hs?.frames, `${p} #${c.id}`).toEqual([
            c.handshake.syn[0],
            c.handshake.ack ?? Math.max(...c.handshake.synack, ...c.handshake.syn),
          ]);
        }
        const end = phases.find((s) => s.code.startsWith('story.end.'));
        if (c.close.kind === 'fin' || c.close.kind === 'rst') {
          expect(end, `${p} #${c.id}`).toBeDefined();
          expect(end!.frames[1]).toBe(c.last);
        }
        for (const s of phases) {
          expect(s.frames[0]).toBeGreaterThanOrEqual(c.first);
          expect(s.frames[1]).toBeLessThanOrEqual(c.last);
        }
      }
      // time order
      for (let i = 1; i < m.story.length; i++)
        expect(m.story[i]!.frames[0]).toBeGreaterThanOrEqual(m.story[i - 1]!.frames[0]);
    }
  });

  it('says the capture began mid-connection instead of calling the first frames a setup', () => {
    const m = cut('zmq-reqrep.pcap', (n) => n > 20);
    expect(codes(m)).toContain('story.tcp.midstream');
    expect(codes(m)).not.toContain('story.tcp.handshake');
    const mid = m.story.find((s) => s.code === 'story.tcp.midstream')!;
    expect(mid.frames[0]).toBe(1);
    expect(mid.text).toMatch(/began mid-connection/);
    expect(m.frames[0]!.explain).toMatch(/^The capture began mid-connection/);
    expect(m.overview.teaching.map((t) => t.code)).toContain('teach.midstream');
  });

  it('says a ZeroMQ connection was still open when the capture stopped (no FIN)', () => {
    const full = cut('zmq-reqrep.pcap', () => true);
    const fin = full.conversations[0]!.close.frames[0]!;
    const m = cut('zmq-reqrep.pcap', (n) => n < fin);
    expect(codes(m)).toContain('story.end.open.zmtp');
    expect(m.story.at(-1)!.text).toMatch(/still open when the capture stopped/);
    expect(m.overview.teaching.map((t) => t.code)).toContain('teach.zmq_no_fin');
  });

  it('tells SYN → RST retries while the server is down (tcp-refused)', async () => {
    const m = await model('tcp-refused.pcap');
    expect(codes(m).filter((c) => c === 'story.tcp.refused.attempt')).toHaveLength(3);
    expect(m.overview.teaching.map((t) => t.code)).toContain('teach.refused_retries.ok');
    const hosts = Object.fromEntries(m.overview.hosts.map((h) => [h.ip, h.text]));
    expect(hosts['172.18.0.60']).toMatch(/refused connections on :2222/);
    expect(hosts['172.18.0.60']).toMatch(/TCP server on :2222/);
    // three attempts refused, then a connection (#4)
    expect(hosts['172.18.0.61']).toBe(
      'tried to connect to 172.18.0.60:2222 (refused) and TCP client of 172.18.0.60:2222',
    );
  });

  it('a SYN without an answer: never opened, not "still open"; its hosts neither client nor server (tcp-refused cut)', () => {
    // tcp-refused.pcap's ARP and first SYN, without the RST that answered it
    for (const [lang, ending, client, server, story] of [
      [
        'en',
        'never opened: no answer to its SYN',
        'tried to connect to 172.18.0.60:2222 (no answer)',
        'did not answer connection attempts on :2222',
        /never opened, since no SYN-ACK answered its SYN/,
      ],
      [
        'id',
        'tidak pernah terbentuk: SYN-nya tidak dijawab',
        'mencoba membuka koneksi ke 172.18.0.60:2222 (tidak dijawab)',
        'tidak menjawab permintaan koneksi di :2222',
        /koneksi tidak pernah terbentuk/,
      ],
    ] as const) {
      const m = cut('tcp-refused.pcap', (n) => n <= 3, lang);
      const [c] = m.conversations;
      expect(c!.handshake?.synack).toEqual([]);
      expect(c!.close.kind).toBe('open');
      const line = m.overview.conversations.find((x) => x.id === c!.id)!.text;
      expect(line).toContain(ending);
      expect(line).not.toMatch(/still open|masih terbuka/);
      const hosts = Object.fromEntries(m.overview.hosts.map((h) => [h.ip, h.text]));
      expect(hosts['172.18.0.61']).toBe(client);
      expect(hosts['172.18.0.60']).toBe(server);
      expect(m.story.at(-1)!.text).toMatch(story);
    }
  });

  it('a SYN-ACK no ACK answered: never opened, not "still open" (tcp-noanswer, real capture)', async () => {
    // tcp-noanswer.pcap: conversation #2 to :7002, whose SYN-ACKs nftables dropped before the client
    // (tshark: SYN at 7, 10, 12, 14; SYN-ACK at 8, 9, 11, 13, 15, 26; no ACK; tcp.completeness 3)
    for (const [lang, ending, client, abnormal, story, again, end] of [
      [
        'en',
        'never opened: no ACK answered the SYN-ACK',
        'tried to connect to 172.18.0.70:7002 (handshake not completed)',
        'Connection #2: 3 retransmissions of the SYN and 5 retransmissions of the SYN-ACK.',
        'After the server had answered, the client sent its SYN 3 more times: the SYN-ACK did not reach it. The server sent its SYN-ACK 5 more times, and no ACK came.',
        'though the server answered it in frame 8',
        /never opened, since no ACK answered the SYN-ACK \(last frame 26\)/,
      ],
      [
        'id',
        'tidak pernah terbentuk: SYN-ACK-nya tidak dijawab dengan ACK',
        'mencoba membuka koneksi ke 172.18.0.70:7002 (jabat tangan tidak selesai)',
        'Koneksi #2: 3 retransmisi SYN dan 5 retransmisi SYN-ACK.',
        'Setelah server menjawab, client masih mengirim SYN-nya 3 kali lagi: SYN-ACK itu tidak sampai kepadanya. Server mengirim ulang SYN-ACK-nya 5 kali, dan tidak ada ACK yang datang.',
        'padahal server sudah menjawabnya di frame 8',
        /koneksi tidak pernah terbentuk karena SYN-ACK dari server tidak dijawab dengan ACK \(frame terakhir 26\)/,
      ],
    ] as const) {
      const m = await model('tcp-noanswer.pcap', lang);
      const c = m.conversations.find((x) => x.server === '172.18.0.70:7002')!;
      expect(c.handshake).toEqual({ syn: [7, 10, 12, 14], synack: [8, 9, 11, 13, 15, 26], ack: null });
      const line = m.overview.conversations.find((x) => x.id === c.id)!.text;
      expect(line).toContain(ending);
      expect(line).not.toMatch(/still open|masih terbuka/);
      expect(m.overview.hosts.find((h) => h.ip === '172.18.0.71')!.text).toContain(client);
      const ab = m.overview.abnormal.filter((x) => x.conversation === c.id);
      expect(ab.map((x) => x.code)).toEqual(['ov.ab.unfinished', 'ov.ab.tcp']);
      expect(ab[1]!.text).toBe(abnormal);
      const phases = m.story.filter((s) => s.conversation === c.id);
      expect(phases.map((s) => s.code)).toEqual(['story.tcp.handshake.unfinished', 'story.end.open.unfinished']);
      expect(phases[0]!.text).toContain(story);
      // the SYN before the server's answer is no "retry before the server answered"
      expect(phases[0]!.text).not.toMatch(/before the server answered|sebelum server menjawab/);
      expect(phases[1]!.text).toMatch(end);
      expect(m.frames.find((f) => f.n === 10)!.explain).toContain(again);
      // the SYN without any answer (#1, to :7000): its resends are the SYN's, said once
      const one = m.overview.abnormal.filter((x) => x.conversation === 1).map((x) => x.code);
      expect(one).toEqual(['ov.ab.noanswer', 'ov.ab.tcp']);
    }
  });

  it('a capture that stops right after the SYN-ACK: nothing follows it, not "still open" nor "never opened"', () => {
    // tcp-noanswer.pcap up to frame 8, the first SYN-ACK of #2: one SYN-ACK, no SYN after it
    const m = cut('tcp-noanswer.pcap', (n) => n <= 8);
    const c = m.conversations.at(-1)!;
    expect(c.handshake).toEqual({ syn: [7], synack: [8], ack: null });
    const line = m.overview.conversations.find((x) => x.id === c.id)!.text;
    expect(line).toContain('nothing after the SYN-ACK in the capture');
    expect(m.story.filter((s) => s.conversation === c.id).map((s) => s.code)).toEqual([
      'story.tcp.handshake.partial',
      'story.end.open.cut',
    ]);
    expect(m.overview.abnormal.some((x) => x.conversation === c.id)).toBe(false);
  });

  it('TCP corners of a real capture (tcp-corners): half-close, window probes, keep-alive, 20 digits', async () => {
    for (const lang of ['en', 'id'] as const) {
      const m = await model('tcp-corners.pcap', lang);
      const ex = (n: number) => m.frames.find((f) => f.n === n)!.explain ?? '';
      const phases = (id: number) => m.story.filter((s) => s.conversation === id);
      // #1: the client's FIN (frame 8) comes before the server's answer (frame 9, tshark: Len=12)
      const end = phases(1).at(-1)!;
      expect(end.code).toBe('story.end.fin.halfclose');
      expect(end.text).toContain(lang === 'en' ? 'still sends data after it (frame 9)' : 'sesudahnya (frame 9)');
      // #2: frames 22, 24, 25 (tshark: TCP Keep-Alive) follow the server's zero window of frame 21
      for (const n of [22, 24, 25])
        expect(ex(n)).toContain(
          lang === 'en' ? 'A window probe: the receiver advertised a zero window' : 'Window probe:',
        );
      // #3: keep-alive probes on an idle connection (tshark: frames 239, 241, 243)
      for (const n of [239, 241, 243]) {
        expect(ex(n)).toContain(lang === 'en' ? 'A keep-alive probe: the sender checks' : 'Probe keep-alive: pengirim');
        expect(ex(n)).not.toMatch(/window probe/i);
      }
      expect(phases(3).map((s) => s.code)).toEqual([
        'story.tcp.handshake',
        'story.tcp.idle.keepalive',
        'story.end.fin',
      ]);
      expect(phases(3)[1]!.text).toMatch(/ 3 /);
      // #4: the 20 digits as the client sent them (the peers' log), not as a rounded number
      expect(ex(252)).toContain("'12345678901234567890'");
    }
    // the same half-close in the bulk transfer: the sink's 'OK 200000 bytes' (frame 248) after the FIN (247)
    const bulk = await model('tcp-bulk.pcap');
    const last = bulk.story.filter((s) => s.conversation === 1).at(-1)!;
    expect([last.code, last.frames[0]]).toEqual(['story.end.fin.halfclose', 247]);
    expect(last.text).toContain('(frame 248)');
  });

  it('HTTP corners of a real capture (http-corners): cut-short responses, pipelining, who asked to close', async () => {
    const m = await model('http-corners.pcap');
    const phases = (id: number) => m.story.filter((s) => s.conversation === id);
    const ex = (n: number) => m.frames.find((f) => f.n === n)!.explain ?? '';
    // #6: the client gave up after 0.5 s (its FIN, frame 66); the headers came 2 s later (frame 68), then its
    // RST (69); tshark shows no HTTP response: it is not "answered", and the RST is no part of it
    expect(phases(6)[1]!.text).toContain('GET /slow → 200 OK (incomplete: 0 of 10 bytes of its body in the capture)');
    expect(phases(6).at(-1)!.code).toBe('story.end.rst.afterfin.data');
    expect(phases(6).at(-1)!.text).toContain('(FIN, frame 66)');
    expect(ex(68)).toContain('It is incomplete: 0 of the 10 bytes of its body are in the capture.');
    expect(ex(69)).not.toMatch(/HTTP/);
    const slow = m.conversations.find((c) => c.id === 6)!.messages!.find((x) => x.kind === 'response')!;
    expect([slow.frame, slow.frames]).toEqual([68, [68]]);
    // #7: 27512 of the 2,000,000 bytes announced
    expect(phases(7)[1]!.text).toContain('(incomplete: 27512 of 2000000 bytes of its body in the capture)');
    // #4: two requests in frame 36, answered in order (tshark: 'hello' in frame 40, 'versioned' in 44)
    expect(phases(4)[1]!.text).toMatch(
      /GET \/hello → 200 OK 'hello⏎' \([\d.]+ ms\) and GET \/etag → 200 OK 'versioned⏎'/,
    );
    expect(phases(4)[1]!.text).toContain('Both requests travel over this one TCP connection');
    // #5: the server closes because the HTTP/1.0 request did not ask to keep the connection
    expect(phases(5)[1]!.text).toContain('The client had asked for it: its request is HTTP/1.0');
  });

  it('MQTT sessions of a real capture (mqtt-session): queued messages are no slow relay; UNSUBSCRIBE is told', async () => {
    for (const lang of ['en', 'id'] as const) {
      const m = await model('mqtt-session.pcap', lang);
      const story = (id: number) =>
        m.story
          .filter((s) => s.conversation === id)
          .map((s) => s.text)
          .join(' ');
      // #5: 'probe-persist' back with its session (tshark: CONNACK session present 1, frame 109): the QoS 1
      // messages of frames 63 and 66 (published while it was away) come in frames 111 and 113
      expect(story(5)).toContain(
        lang === 'en'
          ? 'that were published before this connection began (frames 63 and 66): the broker kept them'
          : 'yang sudah dipublikasikan sebelum koneksi ini dimulai (frame 63 dan 66)',
      );
      expect(story(5)).not.toMatch(/after it arrived from the publisher|setelah tiba dari publisher/);
      const ex = m.frames.find((f) => f.n === 111)!.explain ?? '';
      expect(ex).toContain(lang === 'en' ? 'before this connection began' : 'sebelum koneksi ini dimulai');
      // #3: UNSUBSCRIBE of probe/q1 in frame 93, UNSUBACK in 95
      expect(story(3)).toContain(
        lang === 'en'
          ? "unsubscribes from 'probe/q1' in frame 93 (UNSUBSCRIBE); the broker confirms (UNSUBACK)"
          : "berhenti berlangganan 'probe/q1' di frame 93 (UNSUBSCRIBE)",
      );
    }
  });

  it('a host whose every attempt to a server was refused is no client of it, nor connected to it (many-named)', async () => {
    // 172.18.0.52 only tried :6000, where nothing listened (tshark: each SYN answered by RST, ACK)
    for (const [lang, want] of [
      ['en', 'tried to connect to 172.18.0.50:6000 (refused)'],
      ['id', 'mencoba membuka koneksi ke 172.18.0.50:6000 (ditolak)'],
    ] as const) {
      const m = await model('many-named.pcap', lang);
      expect(
        m.conversations.filter((c) => c.client.startsWith('172.18.0.52:')).every((c) => c.close.kind === 'refused'),
      ).toBe(true);
      expect(m.overview.hosts.find((h) => h.ip === '172.18.0.52')?.text).toBe(want);
    }
  });

  it('the MQTT story: connect, subscribe, publish with TCP-only ACKs, relay, disconnect', async () => {
    const m = await model('mqtt.pcap');
    const t = m.story.map((s) => s.text).join('\n');
    expect(t).toMatch(/connects to the broker 172\.18\.0\.10:1883 as 'sister-sub' \(CONNECT, MQTT 3\.1\.1/);
    expect(t).toMatch(/publishes 5 messages on 'sister\/temp' \(QoS 0\): 'Suhu: 28°C' each time/);
    expect(t).toMatch(/The broker forwards 5 messages on 'sister\/temp' to subscriber 172\.18\.0\.11/);
    expect(m.overview.teaching.map((x) => x.code)).toContain('teach.tcp_ack_not_mqtt_ack');
    const hosts = Object.fromEntries(m.overview.hosts.map((h) => [h.ip, h.text]));
    expect(hosts['172.18.0.10']).toBe('MQTT broker on :1883');
    expect(hosts['172.18.0.11']).toBe("MQTT subscriber 'sister-sub'");
    expect(hosts['172.18.0.12']).toBe("MQTT publisher 'sister-pub'");
  });

  it('roles of the all-patterns ZeroMQ capture', async () => {
    const m = await model('zmq.pcap');
    const hosts = Object.fromEntries(m.overview.hosts.map((h) => [h.ip, h.text]));
    expect(hosts['172.18.0.2']).toBe('ZeroMQ REP server on :5555');
    expect(hosts['172.18.0.4']).toBe('ZeroMQ PUB publisher on :12345');
    expect(hosts['172.18.0.6']).toBe('ZeroMQ PUSH producer on :9999');
    expect(hosts['172.18.0.7']).toBe('ZeroMQ PULL worker connected to 172.18.0.6:9999');
    expect(m.overview.teaching.map((x) => x.code)).toEqual(
      expect.arrayContaining([
        'teach.checksum_offload',
        'teach.zmtp_greeting_split',
        'teach.several_in_one_segment',
        'teach.round_robin',
      ]),
    );
  });

  it('a subscriber whose topic never matches gets nothing, and the report says the publisher filters', async () => {
    const m = await model('zmq-pubsub.pcap');
    expect(codes(m)).toContain('story.zmtp.pubsub.none');
    expect(m.overview.teaching.find((t) => t.code === 'teach.pub_filters')?.text).toMatch(/'JAM'/);
  });

  it('RST after DISCONNECT (synthetic: the publisher aborts instead of FIN)', async () => {
    const m = (await analyzeFile(fx('mqtt.pcap'), { explain: false })) as AnalysisModel;
    const c = m.conversations.find((x) => x.client.startsWith('172.18.0.12'))!;
    const fin = m.frames.find((f) => f.conversation === c.id && f.tcp?.flags.includes('FIN'))!;
    fin.tcp!.flags = ['RST', 'ACK'];
    c.close = { kind: 'rst', by: 'client', frames: [fin.n] };
    m.frames = m.frames.filter((f) => !(f.conversation === c.id && f.n > fin.n));
    const x = explainModel(m, 'en');
    expect(x.overview.teaching.map((t) => t.code)).toContain('teach.rst_after_disconnect');
    expect(x.story.find((s) => s.conversation === c.id && s.code === 'story.end.rst')?.text).toMatch(/DISCONNECT.*RST/);
    expect(x.overview.abnormal.map((a) => a.code)).toContain('ov.ab.rst');
  });

  it('is deterministic', async () => {
    const a = JSON.stringify(await model('zmq.pcap', 'id'));
    const b = JSON.stringify(await model('zmq.pcap', 'id'));
    expect(a).toBe(b);
  });

  it('Indonesian output holds no English catalogue sentence', async () => {
    const fragments: string[] = [];
    for (const [k, t] of Object.entries(en)) {
      if (id[k] === t) continue;
      for (const part of t.split(/\{[^{}]*(?:\{\w+\}[^{}]*)*\}/)) {
        const p = part.trim();
        if (p.split(/\s+/).length >= 4) fragments.push(p);
      }
    }
    expect(fragments.length).toBeGreaterThan(150);
    // the check bites: the English report of the same capture is full of them
    const enText = JSON.stringify(((await analyzeFile(fx('zmq.pcap'))) as ExplainedModel).story);
    expect(fragments.filter((f) => enText.includes(f)).length).toBeGreaterThan(5);
    for (const p of fixtureCaptures()) {
      const m = (await analyzeFile(p, { lang: 'id' })) as ExplainedModel;
      const all = [
        ...m.frames.map((f) => f.explain ?? ''),
        ...m.frames.flatMap((f) => f.notes.map((n) => n.text)),
        ...m.story.map((s) => s.text),
        m.overview.summary,
        ...m.overview.hosts.map((h) => h.text),
        ...m.overview.conversations.map((c) => c.text),
        ...m.overview.abnormal.map((a) => a.text),
        ...m.overview.teaching.map((a) => a.text),
      ].join('\n');
      const found = fragments.filter((f) => all.includes(f));
      expect(found, p).toEqual([]);
    }
  });
});
