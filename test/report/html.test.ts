/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (never a downloaded
 * browser). Skipped when /usr/bin/chromium is absent (CI installs the `chromium` package).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/analysis/model.js';
import { analyzeFile } from '../../src/analyze.js';
import type { ExplainedModel, RawRecord } from '../../src/explain/index.js';
import { fieldDef } from '../../src/filter/index.js';
import { renderHtml } from '../../src/report/html.js';
import { FIXTURES, ROOT, runCli } from '../helpers/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ART = join(ROOT, 'test-artifacts');

describe.skipIf(!existsSync(CHROMIUM))('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [fixture, lang] of [
    ['zmq.pcap', 'en'],
    ['mqtt.pcap', 'id'],
  ] as const) {
    it(`${fixture} (${lang}): renders without errors, one arrow per frame, clicking an arrow selects its frame`, async () => {
      const m = (await analyzeFile(join(FIXTURES, fixture), {
        lang,
        keepRaw: true,
        fileName: `fixtures/${fixture}`,
      })) as ExplainedModel;
      const html = renderHtml(m);
      mkdirSync(ART, { recursive: true });
      const file = join(ART, `report-${fixture}.${lang}.html`);
      writeFileSync(file, html);

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(`file://${file}`);

      // one arrow per frame of each conversation
      for (const c of m.conversations) {
        const n = m.frames.filter((f) => f.conversation === c.id).length;
        expect(await page.locator(`.ladder[data-conversation="${c.id}"] g.arrow`).count(), `conversation ${c.id}`).toBe(
          n,
        );
      }
      // clicking an arrow selects its frame: row highlighted, detail and hexdump filled
      const c1 = m.conversations[0]!;
      const target = m.frames.filter((f) => f.conversation === c1.id)[5]!;
      await page.locator(`.ladder g.arrow[data-frame="${target.n}"]`).first().click();
      expect(await page.getAttribute('body', 'data-selected')).toBe(String(target.n));
      expect(await page.locator(`#frames tr.selected`).getAttribute('data-frame')).toBe(String(target.n));
      expect(await page.locator('#detail').textContent()).toContain(target.explain!.slice(0, 30));
      expect(await page.locator('#hex span.b').count()).toBe(target.caplen);
      // the detail is Wireshark's field tree: every name one the display-filter engine knows, no JSON dump
      const names = await page
        .locator('#detail .f')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
      expect(names.length).toBeGreaterThan(10);
      for (const n of names) expect(fieldDef(n!), n!).toBeDefined();
      expect(await page.locator('#detail').textContent()).not.toContain('{"');
      // a field highlights its bytes: tcp.srcport's two bytes are the source port, big-endian
      const hl = async (): Promise<number[]> =>
        (await page.locator('#hex span.b.on').allTextContents()).map((h) => Number.parseInt(h, 16));
      const port = target.tcp!.srcport;
      await page.locator('#detail .f[data-field="tcp.srcport"]').click();
      expect(await hl()).toEqual([port >> 8, port & 0xff]);
      // ip.src: the four bytes of the address
      await page.locator('#detail .f[data-field="ip.src"]').click();
      expect(await hl()).toEqual(target.ip!.src.split('.').map(Number));
      // a protocol line highlights its header; a computed field (tcp.stream) has no bytes: nothing lit
      await page.locator('#detail .layer[data-proto="tcp"] .lname').click();
      const tcpLayer = (target as FrameRecord & { raw?: RawRecord }).raw!.layers.find((l) => l.name === 'tcp')!;
      expect((await hl()).length).toBe(tcpLayer.length);
      await page.locator('#detail .f[data-field="tcp.stream"]').click();
      expect(await hl()).toEqual([]);
      expect(await page.locator('#detail .f[data-field="tcp.stream"]').textContent()).toBe(`tcp.stream: ${c1.stream}`);
      // the filter box hides non-matching rows
      await page.fill('#filter', 'ARP');
      const visible = await page.locator('#frames tbody tr:visible').count();
      expect(visible).toBe(m.frames.filter((f) => f.arp).length);
      await page.fill('#filter', '');

      await page
        .locator('.ladder')
        .first()
        .screenshot({ path: join(ART, `report-${fixture}.${lang}.ladder.png`) });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ART, `report-${fixture}.${lang}.png`), fullPage: false });
      await page.close();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    });
  }

  it('many-short-slow.pcap, as the CLI folds and pages it: the groups, story links and filter box work', async () => {
    // issue 19: the summary tells 3 groups of 103 conversations (members folded as they retired), 300 of
    // the 1515 frames are listed
    const out = runCli([
      'analyze',
      join(FIXTURES, 'many-short-slow.pcap'),
      '-f',
      'html',
      '--limit',
      'report-frames=300',
    ]);
    expect(out.code).toBe(0);
    mkdirSync(ART, { recursive: true });
    const file = join(ART, 'report-many-short-slow.grouped.html');
    writeFileSync(file, out.out);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    // the browser's parse has the tables and lists as written (nothing left open swallowed what follows)
    expect(await page.locator('table.groups tbody tr').count()).toBe(3);
    expect(await page.locator('table.groups tbody tr').nth(1).locator('td').allTextContents()).toEqual([
      '2',
      '172.18.0.22',
      '172.18.0.20:5151',
      'HTTP',
      '24-1515',
      'FIN',
      '96',
    ]);
    expect(await page.locator('main').textContent()).toContain('95 more connections of the same kind as #2: #4, #5,');
    const rows = page.locator('#frames tbody tr[data-frame]');
    expect(await rows.count()).toBe(300);
    expect(await page.locator('p.page').textContent()).toContain('Only the first 300 of 1515 frames are listed here');
    // every arrow of a diagram has its row
    const arrows = await page
      .locator('.ladder g.arrow')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-frame')));
    const listed = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-frame'))));
    expect(arrows.length).toBeGreaterThan(0);
    for (const a of arrows) expect(listed.has(a)).toBe(true);
    // each arrowhead is its diagram's own marker, and the page's ids are unique
    const heads = await page
      .locator('.ladder line[marker-end]')
      .evaluateAll((ls) => ls.map((l) => /^url\(#(.+)\)$/.exec(l.getAttribute('marker-end') ?? '')?.[1]));
    for (const id of new Set(heads)) expect(await page.locator(`marker[id="${id}"]`).count(), id).toBe(1);
    const ids = await page.locator('[id]').evaluateAll((es) => es.map((e) => e.id));
    expect(ids.length).toBe(new Set(ids).size);
    // a story phase's frame range selects its first frame (a listed one), the group's line too
    await page.locator('ul.story .rng[data-goto="3"]').first().click();
    expect(await page.getAttribute('body', 'data-selected')).toBe('3');
    expect(await page.locator('#frames tr.selected').getAttribute('data-frame')).toBe('3');
    expect(await page.locator('#detail .f[data-field="tcp.stream"]').count()).toBe(1);
    const group = page.locator('ul.story li', { hasText: '95 more conversations of the same kind as #2' });
    expect(await group.count()).toBe(1);
    // the filter box hides the rows that do not match
    const arp = await rows.evaluateAll((trs) => trs.filter((tr) => tr.children[4]?.textContent === 'ARP').length);
    expect(arp).toBeGreaterThan(0);
    await page.fill('#filter', 'ARP');
    expect(await page.locator('#frames tbody tr:visible').count()).toBe(arp);
    await page.fill('#filter', '');
    expect(await page.locator('#frames tbody tr:visible').count()).toBe(300);
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
