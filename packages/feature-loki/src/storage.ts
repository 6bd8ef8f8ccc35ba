import type { RenderContext } from '@sccp/core';
import type { LokiValues } from './values.generated';

/** Name of the ObjectBucketClaim; Rook creates a Secret and a ConfigMap of the same name next to it. */
export const BUCKET_CLAIM = 'loki-chunks';

/** Where chunks and index live, after resolving `storage.type: auto` against the platform. */
export type Backend =
  | { kind: 'filesystem' }
  | { kind: 'ceph'; bucketStorageClass: string; insecure: boolean }
  | { kind: 's3'; endpoint: string; bucket: string; region?: string; secret: string; insecure: boolean; forcePathStyle: boolean };

export function resolveBackend(values: LokiValues, ctx: RenderContext): Backend {
  const type = values.storage?.type ?? 'auto';
  if (type === 's3') {
    const s3 = values.s3 ?? {};
    if (!s3.endpoint || !s3.bucket || !s3.secret?.name) throw new Error('loki: storage.type s3 needs s3.endpoint, s3.bucket and s3.secret.name');
    return {
      kind: 's3',
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      ...(s3.region ? { region: s3.region } : {}),
      secret: s3.secret.name,
      insecure: s3.insecure ?? false,
      forcePathStyle: s3.forcePathStyle ?? false,
    };
  }
  const object = ctx.provides.objectStorage;
  if (type === 'auto' && object) {
    // Rook's RGW is plain HTTP unless the object store is served over TLS.
    return { kind: 'ceph', bucketStorageClass: object.bucketStorageClass, insecure: !/^https:/i.test(object.endpoint) };
  }
  return { kind: 'filesystem' };
}

/** The loki chart's `loki.storage` plus what the single-binary container needs to expand `${VAR}`s in the config. */
export function storageValues(b: Backend): { storage: Record<string, unknown>; extraArgs: string[]; extraEnvFrom: Record<string, unknown>[] } {
  switch (b.kind) {
    case 'filesystem':
      return { storage: { type: 'filesystem' }, extraArgs: [], extraEnvFrom: [] };
    case 'ceph':
      // The OBC's ConfigMap holds BUCKET_HOST/BUCKET_NAME/BUCKET_PORT, its Secret AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY;
      // Loki expands them in its config file when started with -config.expand-env=true.
      return {
        storage: {
          type: 's3',
          bucketNames: { chunks: '${BUCKET_NAME}', ruler: '${BUCKET_NAME}' },
          s3: {
            endpoint: '${BUCKET_HOST}:${BUCKET_PORT}',
            accessKeyId: '${AWS_ACCESS_KEY_ID}',
            secretAccessKey: '${AWS_SECRET_ACCESS_KEY}',
            s3ForcePathStyle: true,
            insecure: b.insecure,
          },
        },
        extraArgs: ['-config.expand-env=true'],
        extraEnvFrom: [{ configMapRef: { name: BUCKET_CLAIM } }, { secretRef: { name: BUCKET_CLAIM } }],
      };
    case 's3':
      return {
        storage: {
          type: 's3',
          bucketNames: { chunks: b.bucket, ruler: b.bucket },
          s3: {
            endpoint: b.endpoint,
            ...(b.region ? { region: b.region } : {}),
            accessKeyId: '${AWS_ACCESS_KEY_ID}',
            secretAccessKey: '${AWS_SECRET_ACCESS_KEY}',
            s3ForcePathStyle: b.forcePathStyle,
            insecure: b.insecure,
          },
        },
        extraArgs: ['-config.expand-env=true'],
        extraEnvFrom: [{ secretRef: { name: b.secret } }],
      };
  }
}

/** Storage class of the Loki volumes: the value's, else the platform's block class, else the cluster default (unset). */
export function storageClass(values: LokiValues, ctx: RenderContext): string | undefined {
  return values.persistence?.storageClass || ctx.provides.storage?.block || undefined;
}
