import type { ValuesProblem } from '@sccp/core';
import type { RookCephValues } from './values.generated';

/** Semantic checks beyond schema.json. */
export function validateValues(values: RookCephValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const mons = values.mon?.count ?? 3;
  if (mons % 2 === 0) {
    problems.push({ pointer: '/mon/count', message: `${mons} monitors: use an odd number (1, 3, 5) so that a majority can always form a quorum` });
  }

  const s = values.storage ?? {};
  const nodes = s.nodes ?? [];
  if ((s.useAllNodes ?? true) && nodes.length) {
    problems.push({ pointer: '/storage/nodes', message: 'storage nodes are listed but useAllNodes is true: Rook would ignore the list; set storage.useAllNodes to false' });
  }
  if (!(s.useAllNodes ?? true) && !nodes.length) {
    problems.push({ pointer: '/storage/useAllNodes', message: 'useAllNodes is false but no storage nodes are listed: the cluster would have no OSDs; list them in storage.nodes' });
  }
  if (s.useAllDevices && s.deviceFilter) {
    problems.push({ pointer: '/storage/deviceFilter', message: 'useAllDevices is true, so the deviceFilter is ignored and every empty device is consumed; set useAllDevices to false or clear deviceFilter' });
  }
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    if (seen.has(n.name)) problems.push({ pointer: `/storage/nodes/${i}/name`, message: `node "${n.name}" is listed twice` });
    seen.add(n.name);
  });

  // With failure domain `host`, each copy needs its own storage node.
  if ((values.failureDomain ?? 'host') === 'host' && !(s.useAllNodes ?? true) && nodes.length) {
    const pools: [string, number, boolean][] = [
      ['/blockPool/replicas', values.blockPool?.replicas ?? 3, true],
      ['/filesystem/replicas', values.filesystem?.replicas ?? 3, values.filesystem?.enabled ?? true],
      ['/objectStore/replicas', values.objectStore?.replicas ?? 3, values.objectStore?.enabled ?? true],
    ];
    for (const [pointer, replicas, on] of pools) {
      if (on && replicas > nodes.length) {
        problems.push({ pointer, message: `${replicas} replicas with failureDomain "host" need ${replicas} storage nodes, but only ${nodes.length} are listed; lower the replicas or use failureDomain "osd"` });
      }
    }
  }

  const classes: [string, string, boolean][] = [
    ['/blockPool/storageClass', values.blockPool?.storageClass ?? 'ceph-block', true],
    ['/filesystem/storageClass', values.filesystem?.storageClass ?? 'ceph-filesystem', values.filesystem?.enabled ?? true],
    ['/objectStore/storageClass', values.objectStore?.storageClass ?? 'ceph-bucket', values.objectStore?.enabled ?? true],
  ];
  const byName = new Map<string, string>();
  for (const [pointer, name, on] of classes) {
    if (!on) continue;
    const prev = byName.get(name);
    if (prev) problems.push({ pointer, message: `storage class "${name}" is already used by ${prev.slice(1).replace('/', '.')}; every storage class needs its own name` });
    else byName.set(name, pointer);
  }

  if (values.dashboard?.ingress?.enabled && values.dashboard?.enabled === false) {
    problems.push({ pointer: '/dashboard/ingress/enabled', message: 'the dashboard ingress is enabled but the dashboard is not; enable dashboard.enabled or turn the ingress off' });
  }
  return problems;
}
