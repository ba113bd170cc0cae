/** `pcap-explain analyze FILE` (also `pcap-explain FILE`): summary, frame list or the JSON model. */
import type { Argv } from 'yargs';
import type { FrameRecord } from '../../analysis/model.js';
import { AnalysisSession, CaptureError, toolVersion } from '../../analyze.js';
import { readCaptureFile } from '../../capture/reader.js';
import { type Lang, langFromEnv } from '../../explain/text.js';
import { JsonStreamWriter } from '../../report/json.js';
import { frameLine, renderText } from '../../report/text.js';
import { EXIT, openOutput, STDIN_ARG, useColor } from '../io.js';
import type { CommandModule } from './types.js';

export interface AnalyzeArgs {
  file: string;
  format: 'text' | 'json';
  output?: string;
  frames: boolean;
  lang?: Lang;
  color?: boolean;
}

export async function runAnalyze(args: AnalyzeArgs): Promise<number> {
  const lang = args.lang ?? langFromEnv();
  if (args.file === STDIN_ARG) args.file = '-';
  const sink = await openOutput(args.output);
  if (!sink) return EXIT.UNREADABLE;
  const color = useColor(args.color, sink);
  const style = { tty: sink.isTTY, color };
  let onFrame: ((f: FrameRecord) => void) | undefined;
  let json: JsonStreamWriter | undefined;
  if (args.format === 'json') {
    json = new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true);
    onFrame = (f) => json!.frame(f);
  } else if (args.frames) {
    let first = true;
    onFrame = (f) => {
      if (first) {
        first = false;
        sink.write(
          `${'No.'.padStart(6)} ${'Time'.padStart(12)} ${'Source'.padEnd(21)} ${'Destination'.padEnd(21)} ${'Protocol'.padEnd(8)} ${'Len'.padStart(5)} Info\n`,
        );
      }
      sink.write(`${frameLine(f)}\n`);
    };
  }
  // Text summaries need the frames for their notes summary; JSON and frame lines stream them.
  const session = new AnalysisSession({ lang, keepFrames: args.format === 'text', onFrame });
  let res: Awaited<ReturnType<typeof readCaptureFile>>;
  try {
    res = await readCaptureFile(args.file, (f) => session.push(f));
  } catch (err) {
    if (err instanceof CaptureError) {
      process.stderr.write(`pcap-explain: ${args.file}: ${err.message}\n`);
      await sink.close();
      return EXIT.UNREADABLE;
    }
    throw err;
  }
  const model = session.finish(args.file === '-' ? '(stdin)' : args.file, res.header, res.warnings, res.damaged);
  if (json) json.end(model);
  else {
    if (args.frames && model.frames.length) sink.write('\n');
    sink.write(renderText(model, style, { frames: false }));
  }
  await sink.close();
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
  return model.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
}

export const analyzeCommand: CommandModule = {
  command: ['analyze <file>', '$0 <file>'],
  describe: 'Analyse a capture (.pcap, .pcapng, gzip-compressed, or - for standard input)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'capture file, or - for stdin', demandOption: true })
      .option('format', {
        alias: 'f',
        choices: ['text', 'json'] as const,
        default: 'text' as const,
        describe: 'output format',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
      .option('frames', {
        type: 'boolean',
        default: false,
        describe: 'list every frame (No., Time, Source, Destination, Protocol, Length, Info)',
      })
      .option('lang', {
        choices: ['en', 'id'] as const,
        describe: 'language of explanations (default from LANG: id_* → Indonesian)',
      })
      .option('color', {
        type: 'boolean',
        describe: 'colour output (default: on a terminal unless NO_COLOR is set)',
      })
      .example('$0 fixtures/zmq.pcap', 'summary of the ZeroMQ lab capture')
      .example('$0 analyze fixtures/mqtt.pcap --frames', "one line per frame, like Wireshark's packet list")
      .example('$0 analyze capture.pcapng --format json -o report.json', 'the JSON model (docs/json.md)')
      .example('sudo tcpdump -i br-xxxx -w - | $0 -', 'read from standard input'),
  run: (a) => runAnalyze(a as unknown as AnalyzeArgs),
};
