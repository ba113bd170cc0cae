/** `pcap-explain interfaces`: the interfaces a live capture can use, Docker bridges and veths marked. */
import type { Argv } from 'yargs';
import { describeNetwork, readDocker, readFdb, vethContainers } from '../../capture/docker.js';
import { listInterfaces } from '../../capture/interfaces.js';
import { type Lang, langFromEnv } from '../../explain/text.js';
import { renderInterfaces } from '../../report/live-view.js';
import { EXIT, useColor } from '../io.js';
import { type CommandModule, defineCommand } from './types.js';

interface InterfacesArgs {
  format: 'text' | 'json';
  lang?: Lang;
  color?: boolean;
}

export async function runInterfaces(args: InterfacesArgs): Promise<number> {
  const [list, view, fdb] = await Promise.all([listInterfaces(), readDocker(), readFdb()]);
  const containers = vethContainers(view, fdb);
  if (args.format === 'json') {
    const doc = view
      ? { interfaces: list, docker: { ...view, veths: Object.fromEntries(containers) } }
      : { interfaces: list };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.OK;
  }
  const networks = new Map<string, string>();
  for (const n of view?.networks ?? []) if (n.bridge) networks.set(n.bridge, describeNetwork(n));
  const color = useColor(args.color, { isTTY: Boolean(process.stdout.isTTY), write: () => {}, close: async () => {} });
  process.stdout.write(renderInterfaces(list, args.lang ?? langFromEnv(), color, networks, containers));
  return EXIT.OK;
}

export const interfacesCommand: CommandModule = defineCommand({
  command: ['interfaces', 'ifaces'],
  describe: 'List the network interfaces to capture on: addresses, state, Docker bridges and their veths',
  builder: (y: Argv) =>
    y
      .option('format', {
        alias: 'f',
        choices: ['text', 'json'] as const,
        default: 'text' as const,
        describe: 'output format',
      })
      .option('lang', { choices: ['en', 'id'] as const, describe: 'language (default from LANG: id_* → Indonesian)' })
      .option('color', { type: 'boolean', describe: 'colour output (default: on a terminal unless NO_COLOR is set)' })
      .example('$0 interfaces', 'find the br-xxxx bridge of a Docker network')
      .example('$0 interfaces -f json', 'the same as JSON'),
  run: (a) => runInterfaces(a),
});
