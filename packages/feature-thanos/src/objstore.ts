import { UserError, type RenderContext } from '@sccp/core';
import { BUCKET_CLAIM, BUCKET_NAME_PREFIX, DEFAULT_OBJSTORE_SECRET, NAMESPACE } from './names';
import type { ThanosValues } from './values.generated';

export interface SecretRef {
  name: string;
  key: string;
}

/**
 * Where the metrics archive lives, after looking at the values and the platform.
 * - `existing`: the user's Secret (`objstore.existingSecret`), any Thanos objstore provider.
 * - `rook-ceph`: rook-ceph provides object storage: an ObjectBucketClaim provisions the bucket and the
 *   objstore Secret `thanos-objstore` is built once by hand from the claim's outputs (see README).
 * - `standalone`: the chart rendered outside a platform (no prometheus `metrics` capability, e.g. the
 *   published chart): it expects Secret `thanos-objstore`.
 */
export type Archive =
  | { kind: 'existing'; secret: SecretRef }
  | { kind: 'rook-ceph'; secret: SecretRef; bucketStorageClass: string; endpoint: string; insecure: boolean }
  | { kind: 'standalone'; secret: SecretRef };

/** The objstore config Secret (name and key) every component and the Prometheus sidecar read. */
export function objstoreSecret(values: ThanosValues): SecretRef {
  const existing = values.objstore?.existingSecret;
  if (existing) return { name: existing.name, key: existing.key || DEFAULT_OBJSTORE_SECRET.key };
  return { ...DEFAULT_OBJSTORE_SECRET };
}

/** The value a user sets when the platform has no object storage. */
export function existingSecretPointer(feature: string): string {
  return `/features/${feature}/values/objstore/existingSecret`;
}

export function resolveArchive(values: ThanosValues, ctx: RenderContext): Archive {
  const secret = objstoreSecret(values);
  if (values.objstore?.existingSecret) return { kind: 'existing', secret };
  const object = ctx.provides.objectStorage;
  if (object) {
    // Rook's RGW is plain HTTP unless the object store is served over TLS.
    return { kind: 'rook-ceph', secret, bucketStorageClass: object.bucketStorageClass, endpoint: object.endpoint, insecure: !/^https:/i.test(object.endpoint) };
  }
  if (!ctx.provides.metrics) return { kind: 'standalone', secret };
  throw new UserError([
    {
      pointer: existingSecretPointer(ctx.feature.name),
      message:
        `thanos needs object storage for the metrics archive and this platform has none (rook-ceph is not enabled): ` +
        `create a Secret in namespace ${NAMESPACE} whose key holds the Thanos objstore config (type: S3, config: bucket, endpoint, access_key, secret_key) ` +
        `and set features.${ctx.feature.name}.values.objstore.existingSecret to {name: <secret>, key: objstore.yml}`,
    },
  ]);
}

/** The claim rendered with rook-ceph (read by templates/object-bucket-claim.yaml.hbs through .Values.wiring). */
export function bucketClaimWiring(archive: Extract<Archive, { kind: 'rook-ceph' }>): Record<string, unknown> {
  return {
    claimName: BUCKET_CLAIM,
    generateBucketName: BUCKET_NAME_PREFIX,
    storageClassName: archive.bucketStorageClass,
    objstoreSecret: `${archive.secret.name}/${archive.secret.key}`,
  };
}
