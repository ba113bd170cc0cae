/**
 * Docker's bridge names, apart from capture/interfaces.ts: the report names a Docker bridge without
 * loading what lists interfaces (node:child_process, node:os).
 */

/** Docker names the bridge of a user-defined network `br-` + the first 12 hex digits of the network id. */
const DOCKER_BRIDGE_NAME = /^(docker0|br-[0-9a-f]{12})$/;

export function isDockerBridgeName(name: string): boolean {
  return DOCKER_BRIDGE_NAME.test(name);
}
