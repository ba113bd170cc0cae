/** Wireshark display filters and tshark -T fields over pcap-explain's frame records (docs/filters.md). */
export { type CompiledFilter, compileFilter, filterErrorLine, type Predicate } from './compile.js';
export { FIELD_TABLES, FIELDS, fieldDef } from './registry.js';
export { type FieldDef, type FieldTable, type FieldType, FilterError, type FrameView, type Value } from './types.js';
export { FrameViews, messagesByFrame, modelMatcher } from './view.js';
