import type { ValuesProblem } from '@sccp/core';
import type { PrometheusValues } from './values.generated';

/** External label names the platform or the Prometheus Operator sets themselves. */
export const RESERVED_EXTERNAL_LABELS = ['cluster', 'prometheus', 'prometheus_replica'] as const;

const K8S_SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  m: 1e-3,
};

/** Bytes of a Kubernetes quantity (10Gi, 500M, 1e9); undefined when it cannot be read. */
export function quantityBytes(q: string): number | undefined {
  const m = /^\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e([0-9]+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] !== undefined) return n * 10 ** Number(m[2]);
  return n * K8S_SUFFIX[m[3] ?? ''];
}

/** Bytes of a Prometheus byte size (40GB, 40GiB, 512MB). Prometheus reads KB, MB, ... as powers of 1024, like KiB. */
export function byteSizeBytes(s: string): number | undefined {
  const m = /^(?:0|([0-9]*\.?[0-9]+)(K|M|G|T|P|E)?i?B)$/.exec(s);
  if (!m) return undefined;
  if (s === '0') return 0;
  const power = m[2] ? 'KMGTPE'.indexOf(m[2]) + 1 : 0;
  return Number(m[1]) * 1024 ** power;
}

/** Semantic checks beyond schema.json. */
export function validateValues(values: PrometheusValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const name of Object.keys(values.externalLabels ?? {})) {
    if ((RESERVED_EXTERNAL_LABELS as readonly string[]).includes(name)) {
      problems.push({
        pointer: `/externalLabels/${name}`,
        message: `"${name}" is reserved: ${name === 'cluster' ? 'the platform sets it to the platform name' : 'the Prometheus Operator sets it to tell instances and replicas apart'}`,
      });
    } else if (name.startsWith('__')) {
      problems.push({ pointer: `/externalLabels/${name}`, message: `label names starting with "__" are reserved by Prometheus` });
    }
  }
  if (values.retentionSize && values.storage?.size) {
    const cap = byteSizeBytes(values.retentionSize);
    const disk = quantityBytes(values.storage.size);
    if (cap !== undefined && disk !== undefined && cap >= disk) {
      problems.push({
        pointer: '/retentionSize',
        message: `retentionSize ${values.retentionSize} must be smaller than storage.size ${values.storage.size}, or the volume fills up before old blocks are removed`,
      });
    }
  }
  return problems;
}
