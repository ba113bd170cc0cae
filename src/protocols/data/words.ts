import { groupBytes, groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, Side } from '../../explain/context.js';
import { capital, list, msgPayload, type Params, type Say } from '../../explain/format.js';
import { pickleNote } from '../../explain/frame-kit.js';
import type { Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, spanOf, valuesOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import { clockSteps, jsonFields } from './clock.js';
export function dataExchange(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const isData = (m: { proto: string }) => m.proto === 'data';
  const ms = groupOf(ctx.view, isData);
  if (!ms.count) return undefined;
  const c2s = groupOf(ctx.view, (m) => isData(m) && m.dir === 'c2s');
  const s2c = groupOf(ctx.view, (m) => isData(m) && m.dir === 's2c');
  const frames = spanOf(ms);
  if (ctx.c.transport === 'udp') {
    const answered = s2c.complete ? s2c.msgs.filter((m) => m.reply_to !== undefined).length : 0;
    if (c2s.complete && c2s.count && answered === s2c.count && answered * 2 >= c2s.count) {
      // the server's datagrams each answer one of the client's (reply_to): told as pairs, like TCP
      const pairs = pairsText(say, ctx, c2s.msgs, s2c.msgs, (m) => msgPayload(say, m));
      return {
        frames,
        conversation: ctx.c.id,
        code: 'story.udp.pairs',
        text: capital(
          say('story.udp.pairs', {
            src: ctx.c.client,
            dst: ctx.c.server,
            count: c2s.count,
            answered,
            pairs: pairsList(say, pairs, c2s.count, 6),
          }),
        ),
      };
    }
    const parts: string[] = [];
    for (const [g, src, dst] of [
      [c2s, ctx.c.client, ctx.c.server],
      [s2c, ctx.c.server, ctx.c.client],
    ] as const) {
      if (g.count) parts.push(capital(say('story.udp', { src, dst, count: g.count, values: valuesOf(say, g) })));
    }
    if (!s2c.count) parts.push(say('story.udp.oneway'));
    return { frames, conversation: ctx.c.id, code: 'story.udp', text: parts.join(' ') };
  }
  const answered = s2c.complete
    ? s2c.msgs.filter((m) => m.reply_to !== undefined).length
    : s2c.sorts.reduce((a, x) => a + x.replies, 0);
  if (c2s.count && s2c.count && answered * 2 < c2s.count) {
    // a byte stream: bytes per side, not messages (TCP keeps no boundaries between writes); the side that
    // spoke first is told first
    const first: Side = ms.complete && ms.msgs[0]?.dir === 's2c' ? 'server' : 'client';
    const [a, b] = first === 'client' ? [c2s, s2c] : [s2c, c2s];
    return phase(say, ctx, frames, 'story.data.both', {
      ...who(say, ctx, first),
      ...who(say, ctx, first === 'client' ? 'server' : 'client', 's_'),
      c2s_bytes: groupBytes(a),
      s2c_bytes: groupBytes(b),
      c_values: valuesOf(say, a),
      s_values: valuesOf(say, b),
    });
  }
  if (answered > 0) {
    const pairs = pairsText(say, ctx, c2s.msgs, s2c.msgs, (m) => msgPayload(say, m));
    return phase(say, ctx, frames, 'story.data.pairs', {
      ...who(say, ctx, 'client'),
      ...who(say, ctx, 'server', 's_'),
      // each side's turn: what it sends until the other side speaks (the answer starts a new turn)
      count: answered,
      pairs: pairsList(say, pairs, c2s.count, 6),
    });
  }
  const side: Side = c2s.count ? 'client' : 'server';
  const sent = side === 'client' ? c2s : s2c;
  return phase(say, ctx, frames, 'story.data.oneway', {
    ...who(say, ctx, side),
    bytes: groupBytes(sent),
    values: valuesOf(say, sent),
  });
}

/** The sentence for one chunk of plain TCP data or UDP datagram a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: Msg, t: Tell): string {
  const { side, one, reply } = t;
  // plain data (TCP or UDP)
  const p: Params = { payload: msgPayload(say, m) };
  let out: string;
  if (ctx.c.transport === 'udp') {
    p.dst = side === 'client' ? ctx.c.server : ctx.c.client;
    out = one('ex.udp.datagram', p);
  } else if (m.dir === 's2c' && m.reply_to !== undefined) out = reply('ex.data.reply', p);
  else out = one('ex.data.send', p);
  return out + pickleNote(say, m) + jsonNote(say, m, t);
}

/** A payload that is one JSON object: its fields; a Lamport clock among them: what the rule says of its value. */
function jsonNote(say: Say, m: Msg, t: Tell): string {
  const fields = jsonFields(m.payload);
  if (!fields || fields.length > 8) return '';
  const out = [
    say('ex.data.fields', {
      count: fields.length,
      fields: list(
        say,
        fields.map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
        8,
      ),
    }),
  ];
  // the clock this message carries after the other side's (the session compared them: DataRecord.clock)
  const c = m.proto === 'data' ? m.clock : undefined;
  if (c?.after) {
    const before = c.after;
    const p: Params = {
      field: c.field,
      value: c.value,
      prev: before.value,
      prev_frame: before.frame,
      recv_min: before.value + 1,
      min: before.value + 2,
    };
    const code =
      c.value >= before.value + 2
        ? 'ex.data.clock.recv'
        : c.value > before.value
          ? 'ex.data.clock.recv.one'
          : 'ex.data.clock.recv.bad';
    out.push(t.one(code, p));
  }
  return ` ${out.join(' ')}`;
}

/**
 * What the payloads say beyond their values: the fields of JSON objects sent each time, and a Lamport clock
 * both sides carry in one of them (Lamport's lab), step by step.
 */
export function payloadFacts(say: Say, ctx: ConvContext, ms: readonly Msg[]): string[] {
  const data = ms.filter((m) => m.proto === 'data');
  const out: string[] = [];
  const keys = data.map((m) => jsonFields(m.payload)?.map(([k]) => k));
  const first = keys[0];
  if (first && keys.length > 1 && keys.every((k) => k && k.join('\u0000') === first.join('\u0000')))
    out.push(say('story.data.fields', { count: data.length, fields: list(say, first, 8) }));
  const clock = clockSteps(data);
  if (!clock) return out;
  const sideOf = (dir: 'c2s' | 's2c'): Side => (dir === 'c2s' ? 'client' : 'server');
  const steps = clock.steps.map((s) => {
    const p: Params = { ...who(say, ctx, sideOf(s.dir)), value: s.value, frame: s.frame };
    if (!s.received) return say('story.data.clock.first', p);
    p.prev = s.received.value;
    p.min = s.received.value + 2;
    const code =
      s.value >= s.received.value + 2
        ? 'story.data.clock.step'
        : s.value > s.received.value
          ? 'story.data.clock.step.one'
          : 'story.data.clock.bad';
    return say(code, p);
  });
  const parts = [say('story.data.clock', { field: clock.field, steps: list(say, steps, 8) })];
  for (const dir of ['c2s', 's2c'] as const) {
    const r = clock.pending[dir];
    if (r)
      parts.push(
        capital(
          say('story.data.clock.last', {
            ...who(say, ctx, sideOf(dir)),
            value: r.value,
            frame: r.frame,
            min: r.value + 1,
          }),
        ),
      );
  }
  out.push(parts.join(' '));
  return out;
}

/** Plain TCP (a byte stream) and UDP: data, not numbered messages. */
export function label(say: Say): string {
  return say('lbl.data');
}

/** The bytes or datagrams each way, and their turns (the echo lab's line and its answer). */
export function phases(say: Say, ctx: ConvContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const exchange = dataExchange(say, ctx);
  return exchange ? { setup: [], exchange } : { setup: [] };
}

/** Plain TCP: a byte stream, counted in bytes (the chunks of the model are not messages). */
export function convLine(_say: Say, ctx: ConvContext): { code: string; params: Params } {
  const v = ctx.view;
  return {
    code: 'ov.conv.data',
    params: {
      c2s: groupBytes(groupOf(v, (m) => m.dir === 'c2s')),
      s2c: groupBytes(groupOf(v, (m) => m.dir === 's2c')),
    },
  };
}
