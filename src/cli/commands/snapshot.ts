/** `pcap-explain snapshot CAPTURE -o golden.json`: the stable subset of the model, for `check --golden`. */
import type { Argv } from 'yargs';
import { analyzeFile, CaptureError } from '../../analyze.js';
import { snapshotModel, snapshotText } from '../../check/index.js';
import { EXIT, openOutput, STDIN_ARG } from '../io.js';
import { type CommandModule, defineCommand } from './types.js';

export interface SnapshotArgs {
  file: string;
  output?: string;
  mask?: string[];
}

export async function runSnapshot(args: SnapshotArgs): Promise<number> {
  if (args.file === STDIN_ARG) args.file = '-';
  let model: Awaited<ReturnType<typeof analyzeFile>>;
  try {
    model = await analyzeFile(args.file, { fileName: args.file === '-' ? '(stdin)' : args.file });
  } catch (err) {
    if (err instanceof CaptureError) {
      process.stderr.write(`pcap-explain: ${args.file}: ${err.message}\n`);
      return EXIT.UNREADABLE;
    }
    throw err;
  }
  const sink = await openOutput(args.output);
  if (!sink) return EXIT.UNREADABLE;
  sink.write(snapshotText(snapshotModel(model, args.mask ?? [])));
  await sink.close();
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
  return model.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
}

export const snapshotCommand: CommandModule = defineCommand({
  command: 'snapshot <file>',
  describe: 'Write a golden snapshot of a capture (the model without times, versions and prose)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'capture file, or - for stdin', demandOption: true })
      .option('output', { alias: 'o', type: 'string', describe: 'write the snapshot to FILE instead of stdout' })
      .option('mask', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'also leave out this path (dotted, * and ** wildcards), e.g. conversations.*.client',
      })
      .example('$0 snapshot fixtures/zmq.pcap -o test/golden/zmq.json', 'write the golden file')
      .example('$0 check fixtures/zmq.pcap --golden test/golden/zmq.json', 'compare later (exit 3 on a difference)'),
  run: (a) => runSnapshot(a),
});
