/** Library entry: the same model `pcap-explain analyze --format json` prints. */

export type * from './analysis/model.js';
export {
  AnalysisSession,
  type AnalyzeOptions,
  analyzeBytes,
  analyzeFile,
  CaptureError,
  toolVersion,
} from './analyze.js';
export type { Layer, Note, Severity } from './dissectors/types.js';
export type { Lang } from './explain/text.js';
export * from './check/index.js';
