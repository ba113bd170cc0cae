import { groupBytes, groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, Side } from '../../explain/context.js';
import { capital, msgPayload, type Params, type Say } from '../../explain/format.js';
import { pickleNote } from '../../explain/frame-kit.js';
import type { Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, spanOf, valuesOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
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
    // a byte stream: bytes per side, not messages (TCP keeps no boundaries between writes)
    return phase(say, ctx, frames, 'story.data.both', {
      ...who(say, ctx, 'client'),
      ...who(say, ctx, 'server', 's_'),
      c2s_bytes: groupBytes(c2s),
      s2c_bytes: groupBytes(s2c),
      c_values: valuesOf(say, c2s),
      s_values: valuesOf(say, s2c),
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
  if (ctx.c.transport === 'udp') {
    p.dst = side === 'client' ? ctx.c.server : ctx.c.client;
    return one('ex.udp.datagram', p) + pickleNote(say, m);
  }
  if (m.dir === 's2c' && m.reply_to !== undefined) return reply('ex.data.reply', p) + pickleNote(say, m);
  return one('ex.data.send', p) + pickleNote(say, m);
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
