import type { Capabilities } from '@sccp/core';
import { NAMESPACE, rgwEndpoint } from './upstream';
import type { RookCephValues } from './values.generated';

/** Storage classes for every feature's PVCs, and the object store for ObjectBucketClaims. */
export function capabilities(values: RookCephValues): Capabilities {
  const storage: NonNullable<Capabilities['storage']> = { block: values.blockPool?.storageClass ?? 'ceph-block' };
  const fsOn = values.filesystem?.enabled ?? true;
  const objOn = values.objectStore?.enabled ?? true;
  if (fsOn) storage.filesystem = values.filesystem?.storageClass ?? 'ceph-filesystem';
  const out: Capabilities = { storage };
  if (objOn) {
    const bucketStorageClass = values.objectStore?.storageClass ?? 'ceph-bucket';
    storage.object = bucketStorageClass;
    out.objectStorage = { bucketStorageClass, endpoint: rgwEndpoint(NAMESPACE) };
  }
  return out;
}
