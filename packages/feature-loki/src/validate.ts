import type { ValuesProblem } from '@sccp/core';
import type { LokiValues } from './values.generated';

const HOURS: Record<string, number> = { h: 1, d: 24, w: 168 };

/** Retention in hours, or undefined when it is not of the schema's form. */
export function retentionHours(retention: string): number | undefined {
  const m = /^([0-9]+)(h|d|w)$/.exec(retention);
  return m ? Number(m[1]) * HOURS[m[2]] : undefined;
}

export function validateValues(values: LokiValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const hours = retentionHours(values.retention ?? '');
  if (hours !== undefined && hours < 24) {
    problems.push({ pointer: '/retention', message: `retention must be at least 24h (Loki's index period), got ${values.retention}` });
  }
  const type = values.storage?.type ?? 'auto';
  if (type === 'filesystem' && (values.replicas ?? 1) > 1) {
    problems.push({ pointer: '/replicas', message: 'more than 1 replica needs object storage: use storage.type auto (with rook-ceph) or s3' });
  }
  if (type === 's3') {
    for (const key of ['endpoint', 'bucket'] as const) {
      if (!values.s3?.[key]) problems.push({ pointer: `/s3/${key}`, message: `storage.type s3 needs s3.${key}` });
    }
    if (!values.s3?.secret?.name) {
      problems.push({ pointer: '/s3/secret', message: 'storage.type s3 needs s3.secret.name: an existing Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' });
    }
  }
  return problems;
}
