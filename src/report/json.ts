/**
 * JSON rendering of the model. Frames stream: each frame is written as it is finished, so listing
 * every frame of a multi-million-frame capture needs no more memory than one frame.
 */
import type { AnalysisModel, FrameRecord } from '../analysis/model.js';

export interface Out {
  write(s: string): void;
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

  /** Finish with the rest of the model (its `frames` are ignored: they were streamed). */
  end(model: AnalysisModel): void {
    this.start();
    const { schema: _s, tool: _t, frames: _f, ...rest } = model;
    const body = JSON.stringify(rest, null, this.pretty ? 2 : undefined);
    const inner = body.slice(body.indexOf('{') + 1, body.lastIndexOf('}')).trim();
    const nl = this.pretty ? '\n  ' : '';
    this.out.write(
      `${this.n && this.pretty ? '\n  ' : ''}]${inner ? `,${nl}${inner}` : ''}${this.pretty ? '\n' : ''}}\n`,
    );
  }
}

export function renderJson(model: AnalysisModel, pretty = true): string {
  return `${JSON.stringify(model, null, pretty ? 2 : undefined)}\n`;
}
