// @ts-check
/**
 * @typedef {{ peer: string, case: string, rps?: number, cpuRps?: number, standinRps?: number, ratio?: number, note?: string }} PeerRow
 */

/**
 * @param {{ log: (line: string) => void }} options
 * @returns {Promise<PeerRow[]>}
 */
export async function measurePeers(options) {
  options.log('bench: peers: not measured in this build')
  return []
}
