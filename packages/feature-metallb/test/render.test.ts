import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles, compileValidator, deepMerge, DEFAULT_PLATFORM, standaloneContext } from '@sccp/core';
import { helmTemplate, materializeChart } from '@sccp/test-kit';
import feature from '../src/index';
import { DUAL_STACK, helmRender, METRICS, values, wiredContext } from './helpers';

const standalone = standaloneContext(feature);
const V4_POOL = { name: 'default', addresses: ['192.168.10.240/28', '192.168.10.200-192.168.10.210'] };
const PEER = { name: 'tor-1', myASN: 64500, peerASN: 4294967295, peerAddress: '192.168.10.1', holdTime: '90s', passwordSecret: { name: 'bgp-tor-1' } };
const CR_KINDS = ['IPAddressPool', 'L2Advertisement', 'BGPPeer', 'BGPAdvertisement'];

const t = suite('metallb render');

t('IPv4 pool, L2: IPAddressPool with exactly the addresses, one L2Advertisement, no BGP objects', () => {
  const { of, manifests } = helmRender(values({ pools: [{ ...V4_POOL, avoidBuggyIPs: true }] }));
  const pools = of('IPAddressPool');
  assert.is(pools.length, 1);
  assert.is(pools[0].apiVersion, 'metallb.io/v1beta1');
  assert.is(pools[0].metadata.name, 'default');
  assert.is(pools[0].metadata.namespace, 'metallb-system');
  assert.equal(pools[0].spec, { addresses: ['192.168.10.240/28', '192.168.10.200-192.168.10.210'], autoAssign: true, avoidBuggyIPs: true });
  const l2 = of('L2Advertisement');
  assert.is(l2.length, 1);
  assert.is(l2[0].metadata.namespace, 'metallb-system');
  assert.equal(l2[0].spec, { ipAddressPools: ['default'] });
  assert.is(of('BGPPeer').length, 0);
  assert.is(of('BGPAdvertisement').length, 0);
  // every MetalLB object comes after the chart (CRDs, webhook) in a later sync wave
  for (const m of manifests.filter((m) => CR_KINDS.includes(m.kind))) assert.is(m.metadata.annotations['argocd.argoproj.io/sync-wave'], '1', m.kind);
});

t('several pools: one IPAddressPool each, autoAssign and namespaces mapped, L2Advertisement lists all', () => {
  const { of } = helmRender(values({
    pools: [V4_POOL, { name: 'reserved', addresses: ['192.168.10.230/32'], autoAssign: false, namespaces: ['traefik', 'dns'] }],
    advertisement: { interfaces: ['eth0', 'bond0'] },
  }));
  const byName = Object.fromEntries(of('IPAddressPool').map((p) => [p.metadata.name, p.spec]));
  assert.equal(Object.keys(byName).sort(), ['default', 'reserved']);
  assert.equal(byName.reserved, { addresses: ['192.168.10.230/32'], autoAssign: false, avoidBuggyIPs: false, serviceAllocation: { namespaces: ['traefik', 'dns'] } });
  assert.equal(of('L2Advertisement')[0].spec, { ipAddressPools: ['default', 'reserved'], interfaces: ['eth0', 'bond0'] });
});

t('no pools: no MetalLB objects, only the upstream chart', () => {
  const { manifests } = helmRender(values());
  assert.equal(manifests.filter((m) => CR_KINDS.includes(m.kind)), []);
  assert.ok(manifests.some((m) => m.kind === 'ConfigMap' && m.metadata.name === 'metallb-standin'));
});

t('IPv6 pool on a dual-stack platform: valid, rendered verbatim, provided with its families', () => {
  const v = values({ pools: [{ name: 'dual', addresses: ['192.168.10.240/28', 'fd00:10::100-fd00:10::1ff'] }, { name: 'v6', addresses: ['fd00:10::f0/124'] }] });
  assert.equal(feature.validate!(v, DUAL_STACK), []);
  assert.equal(feature.provides!(v, DUAL_STACK), {
    loadBalancer: {
      annotation: 'metallb.io/address-pool',
      addressesAnnotation: 'metallb.io/loadBalancerIPs',
      pools: [{ name: 'dual', families: ['IPv4', 'IPv6'] }, { name: 'v6', families: ['IPv6'] }],
    },
  });
  const { of } = helmRender(v, standaloneContext(feature, DUAL_STACK));
  const byName = Object.fromEntries(of('IPAddressPool').map((p) => [p.metadata.name, p.spec.addresses]));
  assert.equal(byName, { dual: ['192.168.10.240/28', 'fd00:10::100-fd00:10::1ff'], v6: ['fd00:10::f0/124'] });
});

t('provides: families sorted IPv4 first whatever the order of the addresses', () => {
  const v = values({ pools: [{ name: 'p', addresses: ['fd00::/120', '10.0.0.0/30'] }] });
  assert.equal(feature.provides!(v, DUAL_STACK).loadBalancer!.pools, [{ name: 'p', families: ['IPv4', 'IPv6'] }]);
  assert.equal(feature.provides!(values(), DEFAULT_PLATFORM).loadBalancer, { annotation: 'metallb.io/address-pool', addressesAnnotation: 'metallb.io/loadBalancerIPs', pools: [] });
});

t('BGP: BGPPeer per peer and a BGPAdvertisement, no L2Advertisement', () => {
  const peers = [PEER, { name: 'tor-2', myASN: 64500, peerASN: 64502, peerAddress: 'fd00:10::1', peerPort: 1179, ebgpMultiHop: true }];
  const { of } = helmRender(values({
    pools: [V4_POOL],
    advertisement: { mode: 'bgp', bgp: { peers, localPref: 100, communities: ['65000:100', 'large:65000:1:2'] } },
  }));
  assert.is(of('L2Advertisement').length, 0);
  const bgpPeers = of('BGPPeer');
  assert.equal(bgpPeers.map((p) => [p.apiVersion, p.metadata.name, p.metadata.namespace]), [
    ['metallb.io/v1beta2', 'tor-1', 'metallb-system'],
    ['metallb.io/v1beta2', 'tor-2', 'metallb-system'],
  ]);
  assert.equal(bgpPeers[0].spec, {
    myASN: 64500,
    peerASN: 4294967295,
    peerAddress: '192.168.10.1',
    holdTime: '90s',
    // MetalLB reads the key "password" of a kubernetes.io/basic-auth Secret in its own namespace
    passwordSecret: { name: 'bgp-tor-1', namespace: 'metallb-system' },
  });
  assert.equal(bgpPeers[1].spec, { myASN: 64500, peerASN: 64502, peerAddress: 'fd00:10::1', peerPort: 1179, ebgpMultiHop: true });
  const adv = of('BGPAdvertisement');
  assert.is(adv.length, 1);
  assert.is(adv[0].metadata.namespace, 'metallb-system');
  assert.equal(adv[0].spec, { ipAddressPools: ['default'], localPref: 100, communities: ['65000:100', 'large:65000:1:2'] });
  assert.equal(of('IPAddressPool')[0].spec.addresses, V4_POOL.addresses);
});

t('FRR: on only in BGP mode with speaker.frr; never in L2 mode', () => {
  const frr = (over: Record<string, unknown>) => (feature.render(values(over), standalone).values as any).metallb.speaker.frr.enabled;
  const bgp = { advertisement: { mode: 'bgp', bgp: { peers: [PEER] } } };
  assert.is(frr({ ...bgp, speaker: { frr: true } }), true);
  assert.is(frr({ ...bgp, speaker: { frr: false } }), false);
  assert.is(frr({ speaker: { frr: true } }), false);
  assert.is(frr({}), false);
  // and the upstream chart receives it
  const { upstream } = helmRender(values({ ...bgp, pools: [V4_POOL], speaker: { frr: true } }));
  assert.is(upstream.speaker.frr.enabled, true);
  assert.is(upstream.frrk8s.enabled, false);
});

t('standalone: upstream values without monitoring (no ServiceMonitor, no Prometheus RBAC)', () => {
  const { out, upstream } = helmRender(values({ pools: [V4_POOL] }));
  assert.equal(upstream.prometheus, { rbacPrometheus: false, serviceMonitor: { enabled: false }, podMonitor: { enabled: false }, prometheusRule: { enabled: false } });
  assert.equal(upstream.crds, { enabled: true });
  assert.equal(upstream.controller, { logLevel: 'info' });
  assert.equal(upstream.speaker, { logLevel: 'info', ignoreExcludeLB: false, frr: { enabled: false } });
  assert.is(upstream.loadBalancerClass, '');
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
  assert.equal(out.ignoreDifferences!.map((d) => d.name), ['bgppeers.metallb.io', 'metallb-webhook-configuration']);
});

t('wired to prometheus: ServiceMonitors of controller and speaker carry the selector labels, rules too', () => {
  const { upstream } = helmRender(values({ pools: [V4_POOL] }), wiredContext());
  assert.equal(upstream.prometheus, {
    rbacPrometheus: false,
    serviceMonitor: {
      enabled: true,
      controller: { additionalLabels: METRICS.serviceMonitorLabels },
      speaker: { additionalLabels: METRICS.serviceMonitorLabels },
    },
    podMonitor: { enabled: false },
    prometheusRule: { enabled: true, additionalLabels: METRICS.serviceMonitorLabels },
  });
  const noAlerts = (feature.render(values({ monitoring: { alerts: false } }), wiredContext()).values as any).metallb.prometheus;
  assert.is(noAlerts.prometheusRule.enabled, false);
  assert.is(noAlerts.serviceMonitor.enabled, true);
});

t('resources, placement, log level and loadBalancerClass reach the upstream chart', () => {
  const resources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } };
  const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'edge', effect: 'NoSchedule' }];
  const { upstream } = helmRender(values({
    loadBalancerClass: 'metallb.io/metallb',
    controller: { logLevel: 'debug', resources, placement: { nodeSelector: { 'kubernetes.io/os': 'linux' } } },
    speaker: { resources, placement: { nodeSelector: { edge: 'true' }, tolerations }, ignoreExcludeLB: true },
  }));
  assert.equal(upstream.controller, { logLevel: 'debug', resources, nodeSelector: { 'kubernetes.io/os': 'linux' } });
  assert.equal(upstream.speaker, { logLevel: 'info', resources, nodeSelector: { edge: 'true' }, tolerations, ignoreExcludeLB: true, frr: { enabled: false } });
  assert.is(upstream.loadBalancerClass, 'metallb.io/metallb');
});

t('kind profile: the speaker ignores the exclude-from-external-load-balancers label', () => {
  const kind = deepMerge<any>(feature.defaults, feature.profiles!.kind);
  assert.is(kind.speaker.ignoreExcludeLB, true);
  assert.is(feature.defaults.speaker!.ignoreExcludeLB, false);
  const { upstream } = helmRender({ ...kind, pools: [{ name: 'kind', addresses: ['172.18.255.200-172.18.255.250'] }] });
  assert.is(upstream.speaker.ignoreExcludeLB, true);
});

t('sccp key holds the (schema-valid) values; list-item defaults are filled in', () => {
  const out = feature.render(values({ pools: [V4_POOL] }), standalone);
  const sccp = (out.values as any).sccp;
  assert.equal(sccp.pools, [{ ...V4_POOL, autoAssign: true, avoidBuggyIPs: false, namespaces: [] }]);
  assert.equal(compileValidator(feature.bundledSchema)(sccp), []);
});

t('a user string with Go-template syntax comes out literally', () => {
  const { of } = helmRender(values({ pools: [V4_POOL], advertisement: { interfaces: ['{{ .Release.Name }}'] } }));
  assert.equal(of('L2Advertisement')[0].spec.interfaces, ['{{ .Release.Name }}']);
});

t('helm rejects schema-invalid sccp values', () => {
  const dir = materializeChart(chartFiles(feature, feature.render(values({ pools: [V4_POOL] }), standalone)), feature.upstream, feature.name);
  const bad = helmTemplate(dir, { set: ['sccp.pools[0].name=Not_A_Label'] });
  assert.is.not(bad.status, 0);
  assert.match(bad.stderr, /schema/i);
  const badMode = helmTemplate(dir, { set: ['sccp.advertisement.mode=ospf'] });
  assert.is.not(badMode.status, 0);
  assert.match(badMode.stderr, /schema/i);
});

t.run();
