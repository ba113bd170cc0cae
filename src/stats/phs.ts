/**
 * tshark's `-z io,phs` (protocol hierarchy, tap-protohierstat.c): every frame adds one to the frames and
 * its length to the bytes of each protocol on its path, the path being the frame's layers from the link
 * layer down to the application protocol. The tree has one node per distinct path prefix (protocols ×
 * depth), never one per frame.
 *
 * Names are pcap-explain's layer names, which are Wireshark's for the layers both dissect (eth, sll, vlan,
 * arp, ip, ipv6, icmp, icmpv6, igmp, tcp, udp, data and the protocol modules' names). Where tshark dissects
 * more, its tree is deeper or differs (docs/wireshark.md lists how, protocol by protocol).
 */
import type { AppProto } from '../analysis/model.js';
import type { Dissection } from '../dissectors/types.js';
import { protocolModule } from '../protocols/registry.js';

interface PhsNode {
  name: string;
  frames: number;
  bytes: number;
  children: PhsNode[];
}

export class ProtocolHierarchy {
  private readonly root: PhsNode = { name: '', frames: 0, bytes: 0, children: [] };

  /**
   * `filter`: the display filter of `-z io,phs,FILTER` (for the title; only matched frames are pushed).
   * `frame`: the tree starts at tshark's `frame` protocol, as tshark 4.0 draws it when a display filter of
   * the run reads a frame.* field (the filter makes the frame protocol a node of the tree).
   */
  constructor(
    private readonly filter?: string,
    private readonly frame = false,
  ) {}

  /**
   * `appCount`: the messages of `app` the frame completed; each further one is a level deeper for a
   * protocol whose module says so (ProtocolModule.phsNests: HTTP).
   */
  push(d: Dissection, app: AppProto | undefined, len: number, appCount = 1): void {
    let node = this.root;
    const add = (name: string): void => {
      let child = node.children.find((c) => c.name === name);
      if (!child) {
        child = { name, frames: 0, bytes: 0, children: [] };
        node.children.push(child);
      }
      child.frames++;
      child.bytes += len;
      node = child;
    };
    if (this.frame) add('frame');
    for (const l of d.layers) {
      if (l.kind === 'unknown') continue;
      if (l.kind === 'data' && app) continue; // the application protocol names the payload
      add(l.kind);
    }
    if (app) add(app);
    if (app && appCount > 1 && protocolModule(app)?.phsNests) for (let i = 1; i < appCount; i++) add(app);
  }

  render(): string {
    const lines: string[] = [];
    const draw = (nodes: readonly PhsNode[], depth: number): void => {
      for (const n of nodes) {
        const indent = depth > 16 ? `${'  '.repeat(16)}...` : '  '.repeat(depth);
        lines.push(`${`${indent}${n.name}`.padEnd(40)} frames:${n.frames} bytes:${n.bytes}`);
        draw(n.children, depth + 1);
      }
    };
    draw(this.root.children, 0);
    const rule = '='.repeat(67);
    return `\n${rule}\nProtocol Hierarchy Statistics\nFilter: ${this.filter ?? ''}\n\n${lines.map((l) => `${l}\n`).join('')}${rule}\n`;
  }
}
