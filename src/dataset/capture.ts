/**
 * One capture into the dataset logs (logs.ts): the analysis in summary mode (no frame records, messages
 * listed as they complete and handed over at once, notes as frames are analysed), so what is kept is the
 * conversation table and nothing per frame or per message. A file that is not a capture is a captures
 * record with its error.
 */

import { isoTime } from '../analysis/time.js';
import { AnalysisSession, CaptureError } from '../analyze.js';
import { readCaptureFile } from '../capture/reader.js';
import type { RawFrame } from '../capture/types.js';
import { captureOptions, type Limits } from '../limits.js';
import { CaptureLog, type LogWrite } from './logs.js';

export interface LogCaptureOptions {
  limits?: Partial<Limits>;
  /** Resolves when the logs' outputs can take more (reading waits for a slow disk instead of buffering). */
  pace?: () => Promise<void> | undefined;
  /** The capture's name in the logs (default: the path as given). */
  name?: string;
}

/** Damaged: `warnings` are the texts of the file's problems (English), for standard error. */
export type LogCaptureResult =
  | { damaged: boolean; warnings: string[]; error?: undefined }
  | { error: string; damaged?: undefined };

/** Analyse `file` and write its records with `write` (see the header). Other errors than CaptureError throw. */
export async function logCapture(
  file: string,
  write: LogWrite,
  opts: LogCaptureOptions = {},
): Promise<LogCaptureResult> {
  const log = new CaptureLog(opts.name ?? file, write);
  let current: RawFrame | undefined;
  const ts = (): string | null => (current ? isoTime(current.tsSec, current.tsNsec, current.tsDigits) : null);
  const session = new AnalysisSession({
    keepFrames: false,
    summary: true,
    explain: false,
    tapMessages: true,
    ...(opts.limits ? { limits: opts.limits } : {}),
    onNotes: (frame, notes, conversation) => log.notes(frame, notes, conversation, ts()),
  });
  let res: Awaited<ReturnType<typeof readCaptureFile>>;
  try {
    const copts = captureOptions(session.limits);
    res = await readCaptureFile(
      file,
      (raw) => {
        current = raw;
        session.push(raw);
        const tapped = session.takeMessages();
        if (tapped.length > 0) log.messages(tapped, ts());
      },
      opts.pace ? { ...copts, pace: opts.pace } : copts,
    );
  } catch (err) {
    if (!(err instanceof CaptureError)) throw err;
    log.unreadable(err.message);
    return { error: err.message };
  }
  current = undefined;
  const model = session.finish(opts.name ?? file, res.header, res.warnings, res.damaged);
  log.messages(session.takeMessages(), null);
  log.finish(model, session.protocolCounts);
  return { damaged: model.capture.damaged, warnings: model.capture.warnings.map((w) => w.text) };
}
