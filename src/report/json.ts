/**
 * JSON rendering of the model. Frames stream: each frame is written as it is finished, so listing
 * every frame of a multi-million-frame capture needs no more memory than one frame.
 */
import type { AnalysisModel, FrameRecord } from '../analysis/model.js';

export interface Out {
  write(s: string): void;
}

/**
 * The elements of an array member given as their JSON texts (elementText() of the same writer), in order:
 * elements kept elsewhere than in the model (conversation records spooled to a file).
 */
export interface JsonElements {
  readonly length: number;
  [Symbol.iterator](): Iterator<string>;
}

/** Writes `{"schema":…,"tool":…,"frames":[ …frames… ],"capture":…,"conversations":…}` incrementally. */
export class JsonStreamWriter {
  private n = 0;
  private started = false;
  constructor(
    private readonly out: Out,
    private readonly schema: string,
    private readonly tool: { name: string; version: string },
    private readonly pretty: boolean,
  ) {}

  private start(): void {
    if (this.started) return;
    this.started = true;
    const head = JSON.stringify({ schema: this.schema, tool: this.tool }, null, this.pretty ? 2 : undefined);
    this.out.write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},${this.pretty ? '\n  ' : ''}"frames": [`);
  }

  frame(f: FrameRecord): void {
    this.start();
    const s = JSON.stringify(f);
    this.out.write(this.n++ === 0 ? `${this.pretty ? '\n    ' : ''}${s}` : `,${this.pretty ? '\n    ' : ''}${s}`);
  }

  /** The text of one element of an array member, as end() writes it (before its indentation). */
  elementText(v: unknown): string {
    return JSON.stringify(v, null, this.pretty ? 2 : undefined) ?? 'null';
  }

  /** The elements' texts, each made as it is written. */
  private texts(values: readonly unknown[]): JsonElements {
    const text = (v: unknown) => this.elementText(v);
    return {
      length: values.length,
      *[Symbol.iterator]() {
        for (const v of values) yield text(v);
      },
    };
  }

  /**
   * Finish with the rest of the model (its `frames` are ignored: they were streamed). Written member by
   * member, arrays (conversations) element by element: the same text as JSON.stringify of the whole, without
   * ever holding it in one string (a capture's conversations with their messages can pass V8's string limit).
   * `given`: members whose elements are given as texts instead of the model's (same key, same place).
   */
  end(model: AnalysisModel, given: Readonly<Record<string, JsonElements>> = {}): void {
    for (const s of this.ending(model, given)) this.out.write(s);
  }

  /**
   * What end() writes, piece by piece (an element of an array member at most), for a writer that waits
   * while its output cannot take more.
   */
  *ending(model: AnalysisModel, given: Readonly<Record<string, JsonElements>> = {}): Generator<string> {
    this.start();
    const { schema: _s, tool: _t, frames: _f, ...rest } = model;
    const pretty = this.pretty;
    yield `${this.n && pretty ? '\n  ' : ''}]`;
    for (const [key, value] of Object.entries(rest)) {
      const head = `,${pretty ? '\n  ' : ''}${JSON.stringify(key)}${pretty ? ': ' : ':'}`;
      const texts: JsonElements | undefined = given[key] ?? (Array.isArray(value) ? this.texts(value) : undefined);
      if (texts && texts.length > 0) {
        yield `${head}[`;
        let i = 0;
        for (const el of texts) yield `${i++ ? ',' : ''}${pretty ? `\n    ${el.replace(/\n/g, '\n    ')}` : el}`;
        yield pretty ? '\n  ]' : ']';
        continue;
      }
      if (texts) {
        yield `${head}[]`;
        continue;
      }
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      if (text === undefined) continue; // undefined, a function: JSON.stringify leaves the member out
      yield `${head}${pretty ? text.replace(/\n/g, '\n  ') : text}`;
    }
    yield `${pretty ? '\n' : ''}}\n`;
  }
}

export function renderJson(model: AnalysisModel, pretty = true): string {
  return `${JSON.stringify(model, null, pretty ? 2 : undefined)}\n`;
}
