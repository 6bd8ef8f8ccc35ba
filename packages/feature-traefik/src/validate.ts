import { parseIp, type PlatformInfo, type ValuesProblem } from '@sccp/core';
import type { TraefikValues } from './values.generated';

/**
 * Checks beyond the JSON Schema. Whether a named pool exists depends on the load balancer feature's
 * values, which validate() cannot see (no render context): render() checks that and throws.
 */
export function validateValues(values: TraefikValues, platform: PlatformInfo): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const svc = values.service ?? {};
  const ips = svc.loadBalancerIPs ?? [];
  const isLb = (svc.type ?? 'LoadBalancer') === 'LoadBalancer';

  if (!isLb && svc.pool) {
    problems.push({ pointer: '/service/pool', message: `a load balancer pool only applies to a Service of type LoadBalancer, not ${svc.type}` });
  }
  if (!isLb && ips.length) {
    problems.push({ pointer: '/service/loadBalancerIPs', message: `load balancer addresses only apply to a Service of type LoadBalancer, not ${svc.type}` });
  }
  const seen = new Set<string>();
  ips.forEach((ip, i) => {
    const parsed = parseIp(ip);
    const pointer = `/service/loadBalancerIPs/${i}`;
    if (!parsed) {
      problems.push({ pointer, message: `"${ip}" is not an IPv4 or IPv6 address` });
      return;
    }
    if (!platform.ipFamilies.includes(parsed.family)) {
      problems.push({ pointer, message: `${ip} is an ${parsed.family} address but the platform's IP families are ${platform.ipFamilies.join(', ')}` });
    } else if (seen.has(parsed.family)) {
      problems.push({ pointer, message: `a second ${parsed.family} address: give at most one address per IP family` });
    }
    seen.add(parsed.family);
  });

  const dash = values.dashboard ?? {};
  if (dash.enabled && platform.production && !dash.basicAuthSecret) {
    problems.push({
      pointer: '/dashboard/basicAuthSecret',
      message: 'the dashboard of a production platform must be protected: name a Secret with htpasswd users, or disable the dashboard',
    });
  }
  return problems;
}
