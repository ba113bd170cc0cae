/**
 * Issue 17 item 22: the Indonesian report is Indonesian from its first line (header, protocol counts, notes),
 * writes decimals with a comma, calls UDP flows what they are, and its catalogue uses the terms a lecturer
 * uses instead of colloquial calques.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/explain/text.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

const id = catalogue('id');

const fx = (n: string) => join(FIXTURES, n);

describe('the Indonesian text report', () => {
  it('has no English header, protocol counts or notes heading (--lang id and LANG=id_ID)', () => {
    for (const out of [
      runCli([fx('capture-loss.pcap'), '--lang', 'id']).out,
      runCli([fx('capture-loss.pcap')], undefined, { LANG: 'id_ID.UTF-8' }).out,
      runCli([fx('capture-loss.pcap'), '--lang', 'id', '--no-explain']).out,
    ]) {
      expect(out).not.toMatch(/^(Capture|Time|Protocols|Comment|Warning):/m);
      expect(out).not.toMatch(/^Notes$/m);
      expect(out).not.toMatch(/first in frame/);
      expect(out).toMatch(/^Berkas: pcap, Ethernet, 138 frame, 10013 byte$/m);
      expect(out).toMatch(/^Waktu: {2}\S+ → \S+ \(3,942 detik\)$/m);
      expect(out).toMatch(/^Protokol: eth 138,/m);
      expect(out).toMatch(/^Catatan$/m);
      expect(out).toMatch(/\(pertama di frame \d+\)/);
    }
    // English stays as it was
    const en = runCli([fx('capture-loss.pcap')]).out;
    expect(en).toMatch(/^Capture: pcap, Ethernet, 138 frames, 10013 bytes$/m);
    expect(en).toMatch(/^Time: {4}\S+ → \S+ \(3\.942 s\)$/m);
  });

  it('--no-explain: the conversations table in Indonesian too', () => {
    const out = runCli([fx('tcp-rst.pcap'), '--lang', 'id', '--no-explain']).out;
    expect(out).toMatch(/^Percakapan$/m);
    expect(out).toMatch(/ lengkap +RST oleh client +RSTO$/m);
    expect(out).not.toMatch(/^Conversations|complete|RST by/m);
    expect(runCli([fx('empty.pcap'), '--lang', 'id', '--no-explain']).out).toMatch(/^Percakapan: tidak ada$/m);
  });

  it('writes decimals with a comma, seconds as detik', () => {
    const out = runCli([fx('zmq-reqrep.pcap'), '--lang', 'id']).out.replace(/\s+/g, ' ');
    expect(out).toMatch(/round trip \d+,\d+ ms/);
    expect(out).toMatch(/\d+ frame dalam 1,01 detik/);
    expect(out).not.toMatch(/\d\.\d+ (ms|s|detik)\b/);
  });

  it('tells why a file cannot be read in Indonesian (English unchanged)', () => {
    const missing = join(FIXTURES, 'no-such-capture.pcap');
    const r = runCli([missing, '--lang', 'id']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`pcap-explain: ${missing}: tidak dapat membaca ${missing}: berkas tidak ada\n`);
    expect(runCli([missing], undefined, { LANG: 'id_ID.UTF-8' }).err).toContain('berkas tidak ada');
    expect(runCli([FIXTURES, '--lang', 'id']).err).toContain(': itu sebuah direktori');
    expect(runCli([fx('bad/not-a-capture.pcap'), '--lang', 'id']).err).toMatch(
      /: bukan berkas pcap atau pcapng \(diawali [0-9a-f ]+\)\n$/,
    );
    expect(runCli([missing]).err).toBe(`pcap-explain: ${missing}: cannot read ${missing}: no such file\n`);
  });

  it('calls the UDP flows of a capture percakapan, not koneksi', () => {
    const out = runCli([fx('udp-reply.pcap'), '--lang', 'id']).out;
    expect(out).toMatch(/^Percakapan$/m);
    expect(out).not.toMatch(/^Koneksi$/m);
    expect(out).toMatch(/1 aliran UDP/);
  });
});

describe('the Indonesian catalogue', () => {
  const entries = Object.entries(id);

  it('uses the terms a lecturer uses, not colloquial calques', () => {
    const calques: [RegExp, string][] = [
      [/di jalan\b/, 'data yang sudah dikirim tetapi belum diterima'],
      [/berpamitan/, 'memutus koneksi secara normal (DISCONNECT)'],
      [/\blisten\b/, 'tidak ada proses yang mendengarkan port itu'],
      [/\{count\} (fast )?retransmission/, 'retransmisi'],
      [/meng-ACK|meng-acknowledge|meng-capture/, 'mengirim ACK untuk / mengonfirmasi / merekam'],
      [/\bsubscribe ke\b/, 'berlangganan'],
      [/bekerja keras/, 'gangguan yang harus dipulihkan'],
      [/3-way handshake/, 'jabat tangan tiga arah'],
    ];
    for (const [re, better] of calques) {
      const bad = entries.filter(([, t]) => re.test(t)).map(([k]) => k);
      expect(bad, `${re} (use: ${better})`).toEqual([]);
    }
  });

  it('says which bytes of a cut hex dump are shown: the first N, of M', () => {
    expect(id['payload.hex.truncated']).toBe(
      'Hanya {shown} byte pertama (dari {length} byte) yang ditampilkan sebagai hex.',
    );
  });

  it('names conversations (TCP connections and UDP flows) percakapan in its headings', () => {
    expect(id['ui.conversations']).toBe('Percakapan');
    expect(id['ui.conversation']).toMatch(/^Percakapan #\{id\}/);
  });
});
