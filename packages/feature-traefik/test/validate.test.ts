import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, compileValidator } from '@sccp/core';
import feature from '../src';
import { valuesWith } from './contexts';

const v4 = DEFAULT_PLATFORM;
const dual = { ...DEFAULT_PLATFORM, ipFamilies: ['IPv4', 'IPv6'] as ('IPv4' | 'IPv6')[] };
const check = (over: unknown, platform = v4) => feature.validate!(valuesWith(over), platform);
const schema = compileValidator(feature.bundledSchema);

const t = suite('traefik validate');

t('defaults have no problems', () => {
  assert.equal(check({}), []);
  assert.equal(check({}, dual), []);
});

t('pool and addresses only with type LoadBalancer', () => {
  const p = check({ service: { type: 'NodePort', pool: 'public', loadBalancerIPs: ['192.168.1.10'] } });
  assert.equal(p.map((x) => x.pointer), ['/service/pool', '/service/loadBalancerIPs']);
  assert.match(p[0].message, /not NodePort/);
});

t('addresses: valid, of the platform families, one per family', () => {
  assert.equal(check({ service: { loadBalancerIPs: ['192.168.1.10'] } }), []);
  assert.equal(check({ service: { loadBalancerIPs: ['192.168.1.10', 'fd00::10'] } }, dual), []);
  const wrongFamily = check({ service: { loadBalancerIPs: ['fd00::10'] } });
  assert.equal(wrongFamily.map((x) => x.pointer), ['/service/loadBalancerIPs/0']);
  assert.match(wrongFamily[0].message, /IPv6 address but the platform's IP families are IPv4/);
  const twoV4 = check({ service: { loadBalancerIPs: ['192.168.1.10', '192.168.1.11'] } }, dual);
  assert.equal(twoV4.map((x) => x.pointer), ['/service/loadBalancerIPs/1']);
  const notIp = check({ service: { loadBalancerIPs: ['1.2.3.999'] } });
  assert.match(notIp[0].message, /not an IPv4 or IPv6 address/);
});

t('production dashboard needs basic auth', () => {
  const prod = { ...DEFAULT_PLATFORM, production: true };
  assert.equal(check({ dashboard: { enabled: true } }, prod).map((x) => x.pointer), ['/dashboard/basicAuthSecret']);
  assert.equal(check({ dashboard: { enabled: true, basicAuthSecret: 'users' } }, prod), []);
  assert.equal(check({ dashboard: { enabled: true } }), [], 'allowed outside production');
});

t('schema: unknown keys, bad enums and bad names are refused', () => {
  assert.ok(schema(valuesWith({ service: { typo: 1 } })).some((d) => d.pointer === '/service/typo'));
  assert.ok(schema(valuesWith({ tls: { minVersion: 'VersionTLS10' } })).some((d) => d.pointer === '/tls/minVersion'));
  assert.ok(schema(valuesWith({ service: { pool: 'Not_A_Label' } })).some((d) => d.pointer === '/service/pool'));
  assert.ok(schema(valuesWith({ service: { loadBalancerIPs: ['a', 'b', 'c'] } })).length > 0);
  assert.ok(schema(valuesWith({ replicas: 0 })).some((d) => d.pointer === '/replicas'));
  assert.equal(schema(valuesWith({ service: { loadBalancerIPs: ['fd00::1'] } })), []);
});

t('every schema property has a description', () => {
  const missing: string[] = [];
  const walk = (node: any, at: string) => {
    for (const [k, child] of Object.entries<any>(node.properties ?? {})) {
      if (!child.description) missing.push(`${at}/${k}`);
      walk(child, `${at}/${k}`);
    }
  };
  walk(feature.schema, '');
  assert.equal(missing, []);
});

t.run();
