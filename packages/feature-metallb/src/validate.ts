import { contains, overlaps, parseAddressRange, parseCidr, parseIp, type AddressRange, type PlatformInfo, type ValuesProblem } from '@sccp/core';
import type { MetallbValues } from './values.generated';

interface SeenRange {
  text: string;
  range: AddressRange;
  pool: string;
  pointer: string;
}

/**
 * Semantic checks JSON Schema cannot express: address families against the platform, overlapping
 * ranges, ranges outside the node networks (L2 only), unique names, and a usable BGP setup.
 */
export function validateValues(values: MetallbValues, platform: PlatformInfo): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const mode = values.advertisement?.mode ?? 'l2';
  const nodeNets = platform.nodeCidrs.map((c) => ({ text: c, range: parseCidr(c) })).filter((n): n is { text: string; range: AddressRange } => n.range !== null);
  const families = `[${platform.ipFamilies.join(', ')}]`;

  const poolNames = new Map<string, number>();
  const seen: SeenRange[] = [];
  (values.pools ?? []).forEach((pool, i) => {
    const first = poolNames.get(pool.name);
    if (first !== undefined) problems.push({ pointer: `/pools/${i}/name`, message: `pool name "${pool.name}" is already used by /pools/${first}` });
    else poolNames.set(pool.name, i);

    pool.addresses.forEach((text, k) => {
      const pointer = `/pools/${i}/addresses/${k}`;
      const range = parseAddressRange(text);
      if (!range) {
        problems.push({ pointer, message: `${text} is not a CIDR or a first-last range of one IP family` });
        return;
      }
      for (const other of seen) {
        if (overlaps(other.range, range)) {
          problems.push({ pointer, message: `${text} (pool ${pool.name}) overlaps ${other.text} (pool ${other.pool}, ${other.pointer})` });
        }
      }
      seen.push({ text, range, pool: pool.name, pointer });
      if (!platform.ipFamilies.includes(range.family)) {
        problems.push({ pointer, message: `${text} is an ${range.family} range but network.ipFamilies is ${families}` });
        return;
      }
      // L2 answers ARP/NDP on the node links, so the addresses must be on a node network. BGP
      // announces routes, so its pools are usually separate networks: no containment check there.
      if (mode === 'l2' && nodeNets.length > 0) {
        const sameFamily = nodeNets.filter((n) => n.range.family === range.family);
        if (!sameFamily.some((n) => contains(n.range, range))) {
          const listed = sameFamily.length ? sameFamily.map((n) => n.text).join(', ') : `none of family ${range.family}`;
          problems.push({ pointer, message: `${text} is not inside any node network (network.nodeCidrs: ${listed}); L2 mode can only announce addresses on the nodes' own networks` });
        }
      }
    });
  });

  const peers = values.advertisement?.bgp?.peers ?? [];
  if (mode === 'bgp' && peers.length === 0) {
    problems.push({ pointer: '/advertisement/bgp/peers', message: 'advertisement.mode is bgp but no BGP peers are listed: add at least one router to advertisement.bgp.peers' });
  }
  const peerNames = new Map<string, number>();
  peers.forEach((peer, i) => {
    const first = peerNames.get(peer.name);
    if (first !== undefined) problems.push({ pointer: `/advertisement/bgp/peers/${i}/name`, message: `peer name "${peer.name}" is already used by /advertisement/bgp/peers/${first}` });
    else peerNames.set(peer.name, i);
    if (!parseIp(peer.peerAddress)) {
      problems.push({ pointer: `/advertisement/bgp/peers/${i}/peerAddress`, message: `"${peer.peerAddress}" is not an IPv4 or IPv6 address` });
    }
  });
  return problems;
}
