// @ts-check
/**
 * One case through the whole pipeline, the way a user of the library meets it: analyzeBytes(bytes)
 * (capture reader → dissectors → conversations, TCP analysis, reassembly, application layer →
 * explanations), then the renderers (JSON and text; Markdown and HTML for some cases). The outcome is one of
 *
 *   ok             a model came back and passed the checks below
 *   capture-error  CaptureError (not a capture / unreadable header): the one allowed exception
 *   escaped        any other exception out of analyzeBytes or a renderer
 *   backstop       a `*.dissector_bug` note: the per-frame try/catch caught a dissector throwing
 *   bad-model      the model breaks its own invariants (frame count, JSON round trip)
 *
 * Time and memory are bounded by the caller (worker.mjs runs this in a worker thread with a heap
 * limit and a watchdog).
 */
import { writeFileSync } from 'node:fs';
import { analyzeBytes, analyzeFile, CaptureError } from '../dist/analyze.js';
import { streamExplainedFrames } from '../dist/cli/commands/analyze-frames.js';
import { renderJson } from '../dist/report/json.js';
import { renderText } from '../dist/report/text.js';

/** Renderers that are still being written are used when present. */
const markdown = await import('../dist/report/markdown.js').catch(() => undefined);
const html = await import('../dist/report/html.js').catch(() => undefined);

/**
 * @typedef {{ kind: 'ok' | 'capture-error' | 'escaped' | 'backstop' | 'bad-model', code?: string,
 *             where?: string, error?: string, frames?: number, conversations?: number }} Outcome
 */

/** @param {unknown} e */
function describe(e) {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 12).join('\n')}`;
  return String(e);
}

/**
 * @param {Uint8Array} bytes
 * @param {{ render?: boolean, tty?: boolean, keepFrames?: boolean, documents?: boolean, measure?: () => void }} [opts]
 *   documents: also the Markdown and HTML reports
 *   keepFrames false: the summary mode (no frame records); measure runs while the model is alive
 * @returns {Outcome}
 */
export function runPipeline(bytes, opts = {}) {
  /** @type {import('../dist/analysis/model.js').AnalysisModel} */
  let model;
  try {
    model = analyzeBytes(bytes, opts.keepFrames === false ? { keepFrames: false } : {});
  } catch (e) {
    if (e instanceof CaptureError) return { kind: 'capture-error', code: e.code };
    return { kind: 'escaped', where: 'analyzeBytes', error: describe(e) };
  }
  opts.measure?.();
  try {
    const bug = findBackstop(model);
    if (bug) return { kind: 'backstop', where: bug.where, error: bug.text };
    if (opts.keepFrames !== false && model.frames.length !== model.capture.frames) {
      return { kind: 'bad-model', error: `frames ${model.frames.length} != capture.frames ${model.capture.frames}` };
    }
  } catch (e) {
    return { kind: 'bad-model', error: describe(e) };
  }
  if (opts.render !== false) {
    try {
      const json = renderJson(model, false);
      JSON.parse(json);
    } catch (e) {
      return { kind: 'escaped', where: 'renderJson', error: describe(e) };
    }
    try {
      renderText(model, { tty: opts.tty ?? false, color: false }, { frames: true });
    } catch (e) {
      return { kind: 'escaped', where: 'renderText', error: describe(e) };
    }
    if (opts.documents) {
      try {
        markdown?.renderMarkdown?.(/** @type {any} */ (model));
      } catch (e) {
        return { kind: 'escaped', where: 'renderMarkdown', error: describe(e) };
      }
      try {
        html?.renderHtml?.(/** @type {any} */ (model));
      } catch (e) {
        return { kind: 'escaped', where: 'renderHtml', error: describe(e) };
      }
    }
  }
  return { kind: 'ok', frames: model.capture.frames, conversations: model.conversations.length };
}

/**
 * The streaming path (what the CLI uses: chunked reading, streaming gunzip) against the in-memory one:
 * the input is written to `path` and read by analyzeFile in summary mode. Both must give the same frames,
 * warnings and conversations (a gzip stream broken part-way may legitimately yield more frames when
 * streamed, so gzip inputs are only checked for exceptions). With `opts.frames`, the streamed explained
 * frame list is also compared with the whole model's explanations (streamedVsWhole).
 * @param {Uint8Array} bytes @param {string} path @param {{ frames?: boolean }} [opts] @returns {Promise<Outcome>}
 */
export async function runFileVsBytes(bytes, path, opts = {}) {
  writeFileSync(path, bytes);
  /** @param {import('../dist/analysis/model.js').AnalysisModel} m */
  const digest = (m) =>
    JSON.stringify({
      frames: m.capture.frames,
      damaged: m.capture.damaged,
      warnings: m.capture.warnings.map((w) => `${w.code}@${w.offset ?? ''}`),
      conversations: m.conversations.map((c) => `${c.id}/${c.state}/${c.packets.c2s}/${c.packets.s2c}/${c.bytes.c2s}/${c.bytes.s2c}`),
    });
  /** @type {string} */
  let a;
  /** @type {string} */
  let b;
  try {
    a = digest(await analyzeFile(path, { keepFrames: false }));
  } catch (e) {
    if (e instanceof CaptureError) a = `CaptureError ${e.code}`;
    else return { kind: 'escaped', where: 'analyzeFile', error: describe(e) };
  }
  try {
    b = digest(analyzeBytes(bytes, { keepFrames: false }));
  } catch (e) {
    if (e instanceof CaptureError) b = `CaptureError ${e.code}`;
    else return { kind: 'escaped', where: 'analyzeBytes', error: describe(e) };
  }
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gz && a !== b) return { kind: 'bad-model', where: 'analyzeFile vs analyzeBytes', error: `file:  ${a.slice(0, 600)}\nbytes: ${b.slice(0, 600)}` };
  if (opts.frames && !gz) return streamedVsWhole(bytes, path);
  return { kind: 'ok' };
}

/**
 * The streamed explained frame list (two passes, `--frames` / `-f json`) tells every frame as the whole
 * model does (analyzeBytes with every frame kept and explained).
 * @param {Uint8Array} bytes @param {string} path
 */
async function streamedVsWhole(bytes, path) {
  /** @type {Map<number, string | undefined>} */
  const streamed = new Map();
  const sink = { write: () => true, close: async () => {}, isTTY: false };
  try {
    await streamExplainedFrames(sink, {
      file: path,
      format: 'json',
      lang: 'en',
      style: { tty: false, color: false },
      selection: {},
      onWritten: (f) => streamed.set(f.n, f.explain),
    });
  } catch (e) {
    if (e instanceof CaptureError) return { kind: 'ok' };
    return { kind: 'escaped', where: 'streamExplainedFrames', error: describe(e) };
  }
  let whole;
  try {
    whole = analyzeBytes(bytes, { keepFrames: true });
  } catch (e) {
    if (e instanceof CaptureError) return { kind: 'ok' };
    return { kind: 'escaped', where: 'analyzeBytes', error: describe(e) };
  }
  if (streamed.size !== whole.frames.length)
    return { kind: 'bad-model', where: 'streamed frames vs whole model', error: `${streamed.size} frames streamed, ${whole.frames.length} in the model` };
  for (const f of whole.frames) {
    const t = streamed.get(f.n);
    if (t !== f.explain)
      return { kind: 'bad-model', where: 'streamed frames vs whole model', error: `frame ${f.n}\nstreamed: ${String(t).slice(0, 400)}\nwhole:    ${String(f.explain).slice(0, 400)}` };
  }
  return { kind: 'ok' };
}

/**
 * Any note whose code ends in `.dissector_bug` (frame backstop, application backstops).
 * @param {import('../dist/analysis/model.js').AnalysisModel} model
 * @returns {{ where: string, text: string } | undefined}
 */
export function findBackstop(model) {
  /** @type {[unknown, string][]} */
  const stack = [];
  for (const f of model.frames) stack.push([f, `frame ${f.n}`]);
  for (const c of model.conversations) stack.push([c, `conversation ${c.id}`]);
  let visited = 0;
  while (stack.length > 0) {
    const [v, where] = /** @type {[unknown, string]} */ (stack.pop());
    if (++visited > 50_000_000) return { where, text: 'model too large to scan (50M nodes)' };
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push([x, where]);
    } else if (v !== null && typeof v === 'object') {
      const o = /** @type {Record<string, unknown>} */ (v);
      if (typeof o.code === 'string' && o.code.endsWith('dissector_bug')) {
        return { where, text: `${o.code} ${JSON.stringify(o.params ?? {})}` };
      }
      for (const k in o) {
        const x = o[k];
        if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x)) stack.push([x, where]);
      }
    }
  }
  return undefined;
}
