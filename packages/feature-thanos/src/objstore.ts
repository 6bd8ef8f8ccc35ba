import { UserError, type Capabilities, type RenderContext } from '@sccp/core';
import { BUCKET_CLAIM, BUCKET_NAME_PREFIX, DEFAULT_OBJSTORE_SECRET, NAMESPACE } from './names';
import type { ThanosValues } from './values.generated';

export interface SecretRef {
  name: string;
  key: string;
}

/**
 * Where the metrics archive lives, after looking at the values and the platform.
 * - `existing`: the user's Secret (`objstore.existingSecret`), any Thanos objstore provider.
 * - `rook-ceph`: rook-ceph provides object storage: an ObjectBucketClaim provisions the bucket, and the
 *   objstore Secret `thanos-objstore` is rendered with `$(VAR)` references only; every consumer gets
 *   the variables from the claim's ConfigMap and Secret (`bucketEnv`).
 * - `standalone`: the chart rendered outside a platform (no prometheus `metrics` capability, e.g. the
 *   published chart): it expects Secret `thanos-objstore`.
 */
export type Archive =
  | { kind: 'existing'; secret: SecretRef }
  | { kind: 'rook-ceph'; secret: SecretRef; bucketStorageClass: string; endpoint: string; insecure: boolean }
  | { kind: 'standalone'; secret: SecretRef };

/** One environment variable taken from a Secret or ConfigMap key (`metricsArchive.env` entries). */
export type EnvFromRef = NonNullable<NonNullable<Capabilities['metricsArchive']>['env']>[number];

/** Keys of the ConfigMap Rook writes next to an ObjectBucketClaim (same name as the claim). */
export const BUCKET_CONFIGMAP_KEYS = ['BUCKET_NAME', 'BUCKET_HOST', 'BUCKET_PORT'] as const;
/** Keys of the Secret Rook writes next to an ObjectBucketClaim (same name as the claim). */
export const BUCKET_SECRET_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

/**
 * The variables the rendered objstore config refers to, each taken from the claim's ConfigMap or
 * Secret under its own key. `optional: true`: `provides()` cannot see whether rook-ceph is enabled,
 * and a reference to a missing object must not block a container that does not need it; a consumer
 * that does need a missing variable stops with Thanos' own error
 * (`found reference to unset environment variable "BUCKET_NAME"`) and starts once Rook has answered the claim.
 */
export function bucketEnv(claim: string = BUCKET_CLAIM): EnvFromRef[] {
  return [
    ...BUCKET_CONFIGMAP_KEYS.map((key) => ({ name: key, valueFrom: { configMapKeyRef: { name: claim, key, optional: true } } })),
    ...BUCKET_SECRET_KEYS.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: claim, key, optional: true } } })),
  ];
}

/**
 * The S3 objstore config of the rook-ceph bucket: only `$(VAR)` references, expanded by every Thanos
 * component (and the Prometheus sidecar) from `bucketEnv()` at start-up. No value of it is secret, so
 * it is committed to Git. Path-style addressing: the RGW Service name has no per-bucket DNS names.
 * The references are single-quoted so that whatever Rook writes stays one YAML string.
 */
export function objstoreConfig(insecure: boolean): string {
  return [
    'type: S3',
    'config:',
    "  bucket: '$(BUCKET_NAME)'",
    "  endpoint: '$(BUCKET_HOST):$(BUCKET_PORT)'",
    "  access_key: '$(AWS_ACCESS_KEY_ID)'",
    "  secret_key: '$(AWS_SECRET_ACCESS_KEY)'",
    `  insecure: ${insecure}`,
    '  bucket_lookup_type: path',
    '',
  ].join('\n');
}

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

/**
 * What the archive asks of every consumer of the objstore config (`metricsArchive.env`): the claim's
 * variables unless the user brings their own Secret. Decided from the values alone (`provides()` has
 * no render context); on a platform, no `existingSecret` means rook-ceph (otherwise render fails with
 * a UserError), and the published chart on its own has no Prometheus to hand them to.
 */
export function archiveEnv(values: ThanosValues): EnvFromRef[] {
  return values.objstore?.existingSecret ? [] : bucketEnv();
}

/** The objstore config Secret rendered with rook-ceph (read by templates/objstore-secret.yaml.hbs through .Values.wiring). */
export function objstoreSecretWiring(archive: Extract<Archive, { kind: 'rook-ceph' }>): Record<string, unknown> {
  return { name: archive.secret.name, key: archive.secret.key, config: objstoreConfig(archive.insecure) };
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
