import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { standaloneContext } from '@sccp/core';
import feature from '../src';
import { manifests } from './helpers';
import { dualStack, standalone, wired } from './contexts';
import { MINIMAL, values } from './tenants';
import type { Tenant } from '../src';

const t = suite('tenants render: network policies');
const policies = (tenant: Tenant, ctx = standalone) => (manifests(values(tenant), ctx)['shop/network-policy.yaml'] ?? []) as any[];
const byName = (ps: any[], name: string) => ps.find((p) => p.metadata.name === name);
const names = (ps: any[]) => ps.map((p) => p.metadata.name);

t('with ingress and metrics capabilities: allow from their namespaces', () => {
  const ps = policies(MINIMAL, wired);
  assert.equal(names(ps), ['default-deny', 'allow-dns', 'allow-same-tenant', 'allow-from-ingress', 'allow-from-monitoring']);
  assert.equal(byName(ps, 'allow-from-ingress').spec.ingress, [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }] }]);
  assert.equal(byName(ps, 'allow-from-monitoring').spec.ingress, [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }]);
});

t('ingress capability only: allow-from-ingress follows its namespace, no monitoring policy', () => {
  const ctx = standaloneContext(feature, undefined, { provides: { ingress: { className: 'nginx', namespace: 'ingress-nginx' } } });
  const ps = policies(MINIMAL, ctx);
  assert.equal(names(ps), ['default-deny', 'allow-dns', 'allow-same-tenant', 'allow-from-ingress']);
  assert.is(byName(ps, 'allow-from-ingress').spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], 'ingress-nginx');
});

t('metrics capability only: monitoring policy, no ingress policy', () => {
  const ctx = standaloneContext(feature, undefined, {
    provides: { metrics: { serviceMonitorLabels: {}, url: 'http://prom.observability.svc:9090', namespace: 'observability' } },
  });
  const ps = policies(MINIMAL, ctx);
  assert.equal(names(ps), ['default-deny', 'allow-dns', 'allow-same-tenant', 'allow-from-monitoring']);
  assert.is(byName(ps, 'allow-from-monitoring').spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], 'observability');
});

t('the allow switches turn their policies off even when the capability is there', () => {
  const ps = policies({ ...MINIMAL, networkPolicy: { allowDns: false, allowFromIngress: false, allowFromSameTenant: false, allowFromMonitoring: false } }, wired);
  assert.equal(names(ps), ['default-deny']);
  assert.equal(ps[0].spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
});

t('defaultDeny false: no network-policy.yaml at all', () => {
  const f = manifests(values({ ...MINIMAL, networkPolicy: { defaultDeny: false } }), wired);
  assert.not.ok('shop/network-policy.yaml' in f);
  assert.ok('shop/resource-quota.yaml' in f);
});

t('IPv6 CIDRs on a dual-stack platform, next to IPv4 ones', () => {
  const tenant: Tenant = {
    ...MINIMAL,
    networkPolicy: {
      extraIngress: [{ from: [{ cidr: 'fd00:10::/64' }, { cidr: '192.168.10.0/24' }], ports: [{ port: 8080 }] }],
      extraEgress: [{ to: [{ cidr: '::/0', except: ['fd00::/8'] }], ports: [{ port: 443 }] }],
    },
  };
  const ps = policies(tenant, dualStack);
  assert.equal(byName(ps, 'allow-extra-ingress').spec.ingress, [
    { from: [{ ipBlock: { cidr: 'fd00:10::/64' } }, { ipBlock: { cidr: '192.168.10.0/24' } }], ports: [{ protocol: 'TCP', port: 8080 }] },
  ]);
  assert.equal(byName(ps, 'allow-extra-egress').spec.egress, [{ to: [{ ipBlock: { cidr: '::/0', except: ['fd00::/8'] } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
  assert.equal(byName(ps, 'allow-extra-egress').spec.policyTypes, ['Egress']);
});

t('peers: namespace by name, namespaces by labels, pods by labels alone; rule without ports allows every port', () => {
  const tenant: Tenant = {
    ...MINIMAL,
    networkPolicy: {
      extraIngress: [{ from: [{ namespace: 'batch' }, { namespaceLabels: { team: 'data' }, podLabels: { role: 'etl' } }, { podLabels: { app: 'web' } }] }],
    },
  };
  assert.equal(byName(policies(tenant), 'allow-extra-ingress').spec.ingress, [
    {
      from: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'batch' } } },
        { namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { role: 'etl' } } },
        { podSelector: { matchLabels: { app: 'web' } } },
      ],
    },
  ]);
});

t('every tenant namespace gets the same set of policies, in its own namespace', () => {
  const ps = policies({ ...MINIMAL, namespaces: [{ name: 'shop' }, { name: 'shop-dev' }] }, wired);
  const perNs = (ns: string) => ps.filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name);
  assert.equal(perNs('shop'), perNs('shop-dev'));
  assert.is(ps.length, 10);
});

t.run();
