/**
 * The HTML report's traffic-over-time chart and follow view: their numbers from the model, and how they
 * look in Debian's headless chromium (skipped without /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/analysis/model.js';
import { analyzeFile } from '../../src/analyze.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { renderHtml } from '../../src/report/html.js';
import { chartInterval, perInterval, TrafficBins } from '../../src/report/traffic.js';
import { FIXTURES } from '../helpers/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

async function model(fixture: string): Promise<ExplainedModel> {
  return (await analyzeFile(join(FIXTURES, fixture), { keepRaw: true, lang: 'en' })) as ExplainedModel;
}

describe('traffic chart', () => {
  it('a 1-2-5 interval with at most 60 bars', () => {
    expect(chartInterval(5.69)).toBe(0.1);
    expect(chartInterval(0.0108)).toBe(0.0002);
    expect(chartInterval(100)).toBe(2);
    expect(chartInterval(0)).toBe(0.000001);
  });

  it('counts every frame and byte once, as -z io,stat does', async () => {
    const m = await model('mqtt.pcap');
    const rows = perInterval(m.frames, 1);
    expect(rows.map((r) => r.frames)).toEqual([25, 4, 4, 4, 10, 6]); // tshark -q -z io,stat,1
    expect(rows.reduce((a, r) => a + r.bytes, 0)).toBe(m.capture.bytes);
  });
});

describe('traffic counted as frames go by (a report listing only some frames)', () => {
  /** A deterministic pseudo-random sequence (xorshift). */
  function rng(seed: number): () => number {
    let x = seed;
    return () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 2 ** 32;
    };
  }

  it('gives the rows perInterval gives over all the frames, at any span', () => {
    const r = rng(19);
    for (let trial = 0; trial < 200; trial++) {
      const scale = 10 ** (r() * 12 - 6);
      const n = 1 + Math.floor(r() * 1500);
      const frames = Array.from({ length: n }, (_, i) => ({ rel: Math.round(r() * scale * 1e6) / 1e6, len: 60 + i }));
      frames.sort((a, b) => a.rel - b.rel);
      // a time before the first frame (a damaged file) counts in the first interval
      if (trial % 10 === 0) frames.push({ rel: -1, len: 42 });
      const bins = new TrafficBins();
      for (const f of frames) bins.add(f.rel, f.len);
      const duration = frames[n - 1]!.rel;
      const span = Math.max(...frames.map((f) => f.rel));
      const { interval, rows } = bins.rows(duration);
      expect(interval).toBe(chartInterval(span));
      expect(rows).toEqual(perInterval(frames as unknown as FrameRecord[], interval));
    }
  });

  it('the mqtt capture: as tshark -z io,stat counts it', async () => {
    const m = await model('mqtt.pcap');
    const bins = new TrafficBins();
    for (const f of m.frames) bins.add(f.rel, f.len);
    expect(bins.rows(m.capture.duration).rows).toEqual(perInterval(m.frames, chartInterval(m.capture.duration)));
  });
});

describe.skipIf(!existsSync(CHROMIUM))('traffic chart and follow view in headless Chromium', () => {
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

  it('rest.pcap: the chart has its bars, each conversation its follow view coloured by direction', async () => {
    const m = await model('rest.pcap');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.setContent(renderHtml(m));
    const bars = page.locator('figure.traffic svg rect.bar');
    expect(await bars.count()).toBe(perInterval(m.frames, chartInterval(m.capture.duration)).length);
    const box = await page.locator('figure.traffic svg').boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator('details.follow').count()).toBe(m.conversations.length);
    const follow = page.locator('details.follow').first();
    await follow.locator('summary').click();
    expect(await follow.locator('pre span.c2s').first().textContent()).toContain('GET /add?a=5&b=9 HTTP/1.1');
    expect(await follow.locator('pre span.s2c').first().textContent()).toContain('HTTP/1.1 200 OK');
    const [c2s, s2c] = await Promise.all([
      follow
        .locator('pre span.c2s')
        .first()
        .evaluate((e) => getComputedStyle(e).color),
      follow
        .locator('pre span.s2c')
        .first()
        .evaluate((e) => getComputedStyle(e).color),
    ]);
    expect(c2s).not.toBe(s2c);
    expect(await follow.locator('span.msg').first().textContent()).toContain('HTTP request');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('perInterval on times out of order (a damaged or edited capture)', () => {
  it('stays bounded: a frame far after the others lands in the last interval counted, a NaN time in the first', () => {
    const f = (rel: number) => ({ rel, len: 60 }) as FrameRecord;
    const rows = perInterval([f(0), f(0.5), f(1e9), f(Number.NaN), f(-3)], 1);
    expect(rows.length).toBeLessThanOrEqual(600);
    expect(rows.reduce((a, r) => a + r.frames, 0)).toBe(5);
    expect(rows[0]!.frames).toBe(4);
  });
});
