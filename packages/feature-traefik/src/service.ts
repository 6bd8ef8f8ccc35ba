import { UserError, type Capabilities, type IpFamily, type RenderContext } from '@sccp/core';
import type { TraefikValues } from './values.generated';

type LoadBalancer = NonNullable<Capabilities['loadBalancer']>;


/**
 * IP family policy for the platform's families. Two families → RequireDualStack: the platform
 * declares the cluster dual-stack, and an ingress controller that silently came up single-stack
 * (what PreferDualStack does when the cluster lacks a family) would leave half the clients
 * unreachable without an error; RequireDualStack makes that mismatch fail at Service creation.
 */
export function ipFamilyPolicy(families: readonly IpFamily[]): 'SingleStack' | 'RequireDualStack' {
  return families.length > 1 ? 'RequireDualStack' : 'SingleStack';
}

const covers = (pool: { families: IpFamily[] }, families: readonly IpFamily[]) => families.every((f) => pool.families.includes(f));

/**
 * The load balancer pool the Service takes its address from: the named pool (which must exist and
 * serve every platform family), else the first pool that serves every platform family, else none
 * (the load balancer then picks from its automatically assigned pools).
 */
export function choosePool(values: TraefikValues, lb: LoadBalancer | undefined, families: readonly IpFamily[]): string | undefined {
  const wanted = values.service?.pool;
  if (!lb) {
    if (wanted) throw new UserError(`traefik: service.pool is "${wanted}" but no enabled feature provides a load balancer (enable metallb, or remove service.pool)`);
    return undefined;
  }
  if (wanted) {
    const pool = lb.pools.find((p) => p.name === wanted);
    if (!pool) {
      const known = lb.pools.map((p) => p.name);
      throw new UserError(`traefik: service.pool "${wanted}" is not a load balancer pool; known pools: ${known.length ? known.join(', ') : '(none)'}`);
    }
    if (!covers(pool, families)) {
      throw new UserError(`traefik: service.pool "${wanted}" serves ${pool.families.join(', ')} but the platform needs ${families.join(' and ')}`);
    }
    return pool.name;
  }
  return lb.pools.find((p) => covers(p, families))?.name;
}

/** Values of the upstream chart's `service` key. */
export function serviceValues(values: TraefikValues, ctx: RenderContext): Record<string, unknown> {
  const svc = values.service!;
  const families = ctx.platform.ipFamilies;
  const isLb = svc.type === 'LoadBalancer';
  const lb = isLb ? (ctx.provides.loadBalancer as LoadBalancer | undefined) : undefined;
  const annotations: Record<string, string> = {};
  const spec: Record<string, unknown> = {};

  if (isLb) {
    const pool = choosePool(values, lb, families);
    if (pool && lb) annotations[lb.annotation] = pool;
    const ips = svc.loadBalancerIPs ?? [];
    if (ips.length && lb?.addressesAnnotation) annotations[lb.addressesAnnotation] = ips.join(',');
    else if (ips.length === 1) spec.loadBalancerIP = ips[0];
    else if (ips.length > 1) {
      throw new UserError('traefik: service.loadBalancerIPs lists two addresses, but the load balancer provider offers no annotation to pin several addresses; give one address or none');
    }
  }
  if (svc.type !== 'ClusterIP') spec.externalTrafficPolicy = svc.externalTrafficPolicy;

  return {
    type: svc.type,
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(Object.keys(spec).length ? { spec } : {}),
    ipFamilyPolicy: ipFamilyPolicy(families),
    ipFamilies: [...families],
  };
}
