/**
 * `pcap-explain annotate IN -o OUT.pcapng [--lang en|id|both]`: the capture again, packet for packet (the
 * same bytes, original lengths, timestamps at the capture's resolution, link types and interface numbers),
 * each packet carrying its explanation as a pcapng packet comment (opt_comment) and the section header
 * carrying the report (overview, hosts, conversations, story) as comments. Wireshark shows packet comments
 * in the packet details, in Expert Information and as `frame.comment`.
 *
 * Explanations come from the explained frame stream (two passes, as `analyze --frames`); the output is
 * written while pass 2 reads, so memory does not grow with the capture. A comment stays under
 * COMMENT_BYTES (well below the option's 16-bit length): a longer text is split into several comments.
 * Comments the input already had are kept, before ours. `--lang both` annotates twice (English, then
 * Indonesian over a temporary file), so every packet has both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { FrameRecord } from '../../analysis/model.js';
import { CaptureError, toolVersion } from '../../analyze.js';
import { PcapngWriter, splitComment } from '../../capture/pcapng-writer.js';
import type { RawFrame } from '../../capture/types.js';
import type { ExplainedModel } from '../../explain/index.js';
import { type Lang, langFromEnv } from '../../explain/text.js';
import { renderTextReport } from '../../report/text.js';
import { ANNOTATE_EXAMPLES } from '../examples.js';
import { EXIT, openOutput, type Sink, STDIN_ARG } from '../io.js';
import { LIMIT_OPTION, limitsFromArgs } from '../limits.js';
import { streamExplainedFrames } from './analyze-frames.js';
import { type CommandModule, defineCommand } from './types.js';

/** Most UTF-8 bytes in one comment we write (the option length field allows 65,535). */
export const COMMENT_BYTES = 8000;

export interface AnnotateArgs {
  file: string;
  output?: string;
  lang?: Lang | 'both';
  limit?: string | string[];
}

/** A sink that takes the text of the report and lets it go (annotate writes blocks, not text). */
function discard(): Sink {
  return { write: () => {}, close: async () => {}, isTTY: false };
}

/** The comment(s) of one frame: its explanation (or its Info line when it has none). */
function frameComments(f: FrameRecord | undefined): string[] {
  const text = f?.explain ?? f?.summary;
  return text ? splitComment(text, COMMENT_BYTES) : [];
}

/**
 * One annotation pass: reads `file`, writes the annotated pcapng to `out`. Returns the model of pass 1
 * (capture warnings, damage).
 */
async function annotateOnce(
  file: string,
  out: Sink,
  lang: Lang,
  limits: Exclude<ReturnType<typeof limitsFromArgs>, { error: string }>,
): Promise<ExplainedModel> {
  let summary: ExplainedModel | undefined;
  let record: FrameRecord | undefined;
  // the section header needs pass 1's report: the writer is made when the first packet (or the end) comes
  let w: PcapngWriter | undefined;
  const writer = (): PcapngWriter => {
    if (w) return w;
    const comments = [...(summary?.capture.comments ?? [])];
    if (summary) {
      const report = renderTextReport(summary, { tty: false, color: false });
      comments.push(...splitComment(`pcap-explain ${toolVersion()} (${lang})\n\n${report}`, COMMENT_BYTES));
    }
    w = new PcapngWriter(
      { write: (b) => out.writeBytes!(b) },
      { application: `pcap-explain ${toolVersion()}`, comments },
    );
    return w;
  };
  const onRaw = (raw: RawFrame): void => {
    const ng = writer();
    const d = Math.min(9, Math.max(0, raw.tsDigits));
    // interfaces keep their numbers; one not seen yet before this one gets this frame's link type
    while (ng.interfaces <= raw.ifIndex) ng.addInterface({ linktype: raw.linktype, tsDigits: d });
    const comments = [...(raw.comments ?? []), ...frameComments(record?.n === raw.n ? record : undefined)];
    record = undefined;
    ng.write(raw.ifIndex, raw, comments);
    ng.flush();
  };
  const { model } = await streamExplainedFrames(discard(), {
    file,
    format: 'text',
    lang,
    style: { tty: false, color: false },
    selection: {},
    limits,
    pace: () => out.drained?.(),
    onSummary: (m) => {
      summary = m;
    },
    onWritten: (f) => {
      record = f;
    },
    onRaw,
  });
  summary = summary ?? (model as ExplainedModel);
  writer().flush(); // a capture without packets still gets its section header
  return model as ExplainedModel;
}

export async function runAnnotate(args: AnnotateArgs): Promise<number> {
  if (args.file === STDIN_ARG) args.file = '-';
  if (args.output === undefined || args.output === '') {
    process.stderr.write(
      'pcap-explain: annotate writes a pcapng file: give -o OUT.pcapng (or -o - for standard output)\n',
    );
    return EXIT.UNREADABLE;
  }
  const output = args.output === STDIN_ARG ? '-' : args.output;
  if (output === '-' && process.stdout.isTTY) {
    process.stderr.write('pcap-explain: annotate: standard output is a terminal; give -o OUT.pcapng\n');
    return EXIT.UNREADABLE;
  }
  const limits = limitsFromArgs(args.limit);
  if ('error' in limits) {
    process.stderr.write(`pcap-explain: ${limits.error}\n`);
    return EXIT.UNREADABLE;
  }
  const langs: Lang[] = args.lang === 'both' ? ['en', 'id'] : [args.lang ?? langFromEnv()];
  const tmp = langs.length > 1 ? mkdtempSync(join(tmpdir(), 'pcap-explain-annotate-')) : undefined;
  try {
    let input = args.file;
    let model: ExplainedModel | undefined;
    for (let i = 0; i < langs.length; i++) {
      const last = i === langs.length - 1;
      const target = last ? output : join(tmp!, `${i}.pcapng`);
      const sink = await openOutput(target === '-' ? undefined : target);
      if (!sink) return EXIT.UNREADABLE;
      try {
        const m = await annotateOnce(input, sink, langs[i]!, limits);
        if (i === 0) model = m;
      } catch (err) {
        await sink.close();
        if (!(err instanceof CaptureError)) throw err;
        process.stderr.write(`pcap-explain: ${args.file}: ${err.message}\n`);
        return EXIT.UNREADABLE;
      }
      await sink.close();
      if (sink.broken) return EXIT.OK;
      input = target;
    }
    for (const w of model?.capture.warnings ?? []) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
    return model?.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

export const annotateCommand: CommandModule = defineCommand({
  command: 'annotate <file>',
  describe: 'Write the capture as pcapng with every explanation as a packet comment (for Wireshark)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'capture file, or - for stdin', demandOption: true })
      .option('output', { alias: 'o', type: 'string', describe: 'the pcapng file to write (- for stdout)' })
      .option('lang', {
        choices: ['en', 'id', 'both'] as const,
        describe: 'language of the comments (both: one comment in each; default from LANG)',
      })
      .option('limit', LIMIT_OPTION)
      .example(ANNOTATE_EXAMPLES),
  run: (a) => runAnnotate(a),
});
