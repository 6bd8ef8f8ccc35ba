import type { DeepPartial, Profile } from '@sccp/core';
import type { RookCephValues } from './values.generated';

const small = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

/**
 * kind: a single-node test cluster. One monitor and manager, one copy of everything spread over
 * OSDs (not hosts), small daemons, one CSI provisioner, and the block class is not the default
 * (kind's `standard` class already is).
 */
export const PROFILES: Partial<Record<Profile, DeepPartial<RookCephValues>>> = {
  kind: {
    mon: { count: 1 },
    mgr: { count: 1 },
    failureDomain: 'osd',
    blockPool: { replicas: 1, default: false },
    filesystem: { replicas: 1, resources: small('100m', '256Mi', '1Gi') },
    objectStore: { replicas: 1, resources: small('100m', '256Mi', '1Gi') },
    daemonResources: {
      mon: small('100m', '256Mi', '1Gi'),
      mgr: small('100m', '256Mi', '1Gi'),
      osd: small('100m', '512Mi', '2Gi'),
    },
    csi: { provisionerReplicas: 1 },
  },
};
