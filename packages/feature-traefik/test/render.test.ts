import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { standaloneContext } from '@sccp/core';
import feature from '../src';
import { METALLB, METRICS, TLS, WIRED, ctxWith, valuesWith } from './contexts';

const upstream = (values = valuesWith(), ctx = standaloneContext(feature)) => feature.render(values, ctx).values.traefik as any;

const t = suite('traefik render');

t('defaults: chart keys for replicas, PDB, IngressClass, TLS options, logs, resources', () => {
  const out = feature.render(feature.defaults, standaloneContext(feature));
  const v = out.values.traefik as any;
  assert.equal(v.deployment, { kind: 'Deployment', replicas: 2 });
  assert.equal(v.podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
  assert.equal(v.ingressClass, { enabled: true, isDefaultClass: true, name: 'traefik' });
  assert.equal(v.tlsOptions, { default: { minVersion: 'VersionTLS12', sniStrict: false } });
  assert.equal(v.logs, { general: { level: 'INFO' }, access: { enabled: false } });
  assert.equal(v.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
  assert.equal(v.api, { dashboard: false });
  assert.is(v.ingressRoute, undefined);
  assert.is(v.metrics, undefined, 'no metrics wiring without the metrics capability');
  assert.equal(out.values.sccp, feature.defaults);
  assert.is(out.values.wiring, undefined);
  assert.equal(out.templates, {});
  assert.equal(out.endpoints, []);
});

t('profile kind runs one replica', () => {
  assert.is(feature.profiles?.kind?.replicas, 1);
  assert.is(upstream(valuesWith(feature.profiles!.kind)).deployment.replicas, 1);
});

t('web → websecure redirect uses the redirections.entryPoint syntax', () => {
  assert.equal(upstream().ports.web.redirections, { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } });
  assert.equal(upstream(valuesWith({ redirectToHttps: false })).ports.web.redirections, { entryPoint: {} });
  assert.is(upstream().ports.web.redirectTo, undefined, 'the removed redirectTo key is never set');
});

t('TLS options, log level and access logs follow the values', () => {
  const v = upstream(valuesWith({ tls: { minVersion: 'VersionTLS13', sniStrict: true }, logLevel: 'DEBUG', accessLogs: { enabled: true, format: 'common' } }));
  assert.equal(v.tlsOptions.default, { minVersion: 'VersionTLS13', sniStrict: true });
  assert.equal(v.logs, { general: { level: 'DEBUG' }, access: { enabled: true, format: 'common' } });
});

t('placement and PDB toggle reach the chart', () => {
  const v = upstream(
    valuesWith({
      podDisruptionBudget: { enabled: false },
      placement: { nodeSelector: { 'node-role.kubernetes.io/edge': 'true' }, tolerations: [{ key: 'edge', operator: 'Exists', effect: 'NoSchedule' }] },
    }),
  );
  assert.equal(v.podDisruptionBudget, { enabled: false });
  assert.equal(v.nodeSelector, { 'node-role.kubernetes.io/edge': 'true' });
  assert.equal(v.tolerations, [{ key: 'edge', operator: 'Exists', effect: 'NoSchedule' }]);
});

t('without a load balancer capability: no pool annotation', () => {
  const svc = upstream().service;
  assert.is(svc.type, 'LoadBalancer');
  assert.is(svc.annotations, undefined);
  assert.equal(svc.spec, { externalTrafficPolicy: 'Cluster' });
});

t('with a load balancer: first pool covering the platform families', () => {
  const v4 = upstream(valuesWith(), ctxWith({ loadBalancer: METALLB })).service;
  assert.equal(v4.annotations, { 'metallb.io/address-pool': 'public-v4' });
  const dual = upstream(valuesWith(), ctxWith({ loadBalancer: METALLB }, ['IPv4', 'IPv6'])).service;
  assert.equal(dual.annotations, { 'metallb.io/address-pool': 'dual' });
  const v6 = upstream(valuesWith(), ctxWith({ loadBalancer: METALLB }, ['IPv6'])).service;
  assert.equal(v6.annotations, { 'metallb.io/address-pool': 'v6-only' });
});

t('with a load balancer: no pool covers the families → no annotation', () => {
  const lb = { annotation: 'metallb.io/address-pool', pools: [{ name: 'v6-only', families: ['IPv6' as const] }] };
  assert.is(upstream(valuesWith(), ctxWith({ loadBalancer: lb })).service.annotations, undefined);
});

t('a named pool wins, and must exist and cover the families', () => {
  const named = upstream(valuesWith({ service: { pool: 'dual' } }), ctxWith({ loadBalancer: METALLB })).service;
  assert.equal(named.annotations, { 'metallb.io/address-pool': 'dual' });
  assert.throws(() => upstream(valuesWith({ service: { pool: 'nope' } }), ctxWith({ loadBalancer: METALLB })), /"nope" is not a load balancer pool; known pools: v6-only, public-v4, dual/);
  assert.throws(() => upstream(valuesWith({ service: { pool: 'public-v4' } }), ctxWith({ loadBalancer: METALLB }, ['IPv4', 'IPv6'])), /serves IPv4 but the platform needs IPv4 and IPv6/);
  assert.throws(() => upstream(valuesWith({ service: { pool: 'dual' } })), /no enabled feature provides a load balancer/);
});

t('annotation key comes from the capability, not a constant', () => {
  const lb = { annotation: 'example.com/pool', pools: [{ name: 'p', families: ['IPv4' as const] }] };
  assert.equal(upstream(valuesWith(), ctxWith({ loadBalancer: lb })).service.annotations, { 'example.com/pool': 'p' });
});

t('non-LoadBalancer Service: no annotation; ClusterIP has no externalTrafficPolicy', () => {
  const np = upstream(valuesWith({ service: { type: 'NodePort', externalTrafficPolicy: 'Local' } }), ctxWith({ loadBalancer: METALLB })).service;
  assert.is(np.type, 'NodePort');
  assert.is(np.annotations, undefined);
  assert.equal(np.spec, { externalTrafficPolicy: 'Local' });
  const cip = upstream(valuesWith({ service: { type: 'ClusterIP' } }), ctxWith({ loadBalancer: METALLB })).service;
  assert.is(cip.type, 'ClusterIP');
  assert.is(cip.annotations, undefined);
  assert.is(cip.spec, undefined);
});

t('fixed addresses: one → spec.loadBalancerIP; several need the addresses annotation', () => {
  const one = upstream(valuesWith({ service: { loadBalancerIPs: ['192.168.10.240'] } }), ctxWith({ loadBalancer: METALLB })).service;
  assert.equal(one.spec, { loadBalancerIP: '192.168.10.240', externalTrafficPolicy: 'Cluster' });
  const two = valuesWith({ service: { loadBalancerIPs: ['192.168.10.240', 'fd00:10::240'] } });
  assert.throws(() => upstream(two, ctxWith({ loadBalancer: METALLB }, ['IPv4', 'IPv6'])), /two addresses/);
  const withAnn = { ...METALLB, addressesAnnotation: 'metallb.io/loadBalancerIPs' };
  const svc = upstream(two, ctxWith({ loadBalancer: withAnn }, ['IPv4', 'IPv6'])).service;
  assert.equal(svc.annotations, { 'metallb.io/address-pool': 'dual', 'metallb.io/loadBalancerIPs': '192.168.10.240,fd00:10::240' });
  assert.equal(svc.spec, { externalTrafficPolicy: 'Cluster' });
});

t('IP families: SingleStack for one family, RequireDualStack for two, order kept', () => {
  const single = upstream().service;
  assert.is(single.ipFamilyPolicy, 'SingleStack');
  assert.equal(single.ipFamilies, ['IPv4']);
  const v6first = upstream(valuesWith(), ctxWith({}, ['IPv6', 'IPv4'])).service;
  assert.is(v6first.ipFamilyPolicy, 'RequireDualStack');
  assert.equal(v6first.ipFamilies, ['IPv6', 'IPv4']);
});

t('metrics capability turns on the ServiceMonitor with its labels', () => {
  const v = upstream(valuesWith(), ctxWith({ metrics: METRICS }));
  assert.equal(v.metrics, {
    prometheus: { service: { enabled: true }, disableAPICheck: true, serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } } },
  });
});

t('dashboard off: no IngressRoute, no extra templates, no endpoint, even fully wired', () => {
  const out = feature.render(feature.defaults, WIRED);
  assert.is((out.values.traefik as any).ingressRoute, undefined);
  assert.equal(out.templates, {});
  assert.equal(out.endpoints, []);
});

t('dashboard on, standalone: IngressRoute on websecure with default host, entry-point TLS', () => {
  const out = feature.render(valuesWith({ dashboard: { enabled: true } }), standaloneContext(feature));
  const v = out.values.traefik as any;
  assert.equal(v.api, { dashboard: true });
  assert.equal(v.ingressRoute.dashboard, {
    enabled: true,
    matchRule: 'Host(`traefik.example.com`) && (PathPrefix(`/dashboard`) || PathPrefix(`/api`))',
    entryPoints: ['websecure'],
    middlewares: [],
    tls: {},
  });
  assert.equal(Object.keys(out.templates!), [], 'no Certificate without cert-manager, no Middleware without a Secret');
  assert.equal(out.endpoints, [{ name: 'Traefik dashboard', url: 'https://traefik.example.com/dashboard/' }]);
  assert.equal((out.values.wiring as any).dashboard.host, 'traefik.example.com');
  assert.is((out.values.wiring as any).tls, undefined);
});

t('dashboard on, with cert-manager and basic auth: Certificate and Middleware templates', () => {
  const out = feature.render(valuesWith({ dashboard: { enabled: true, host: 'proxy.ops.example.org', basicAuthSecret: 'dash-users' } }), ctxWith({ tls: TLS }));
  const v = out.values.traefik as any;
  assert.ok(v.ingressRoute.dashboard.matchRule.startsWith('Host(`proxy.ops.example.org`)'));
  assert.equal(v.ingressRoute.dashboard.tls, { secretName: 'traefik-dashboard-tls' });
  assert.equal(v.ingressRoute.dashboard.middlewares, [{ name: 'traefik-dashboard-auth' }]);
  assert.equal(Object.keys(out.templates!).sort(), ['dashboard-auth.yaml', 'dashboard-certificate.yaml']);
  assert.equal(out.values.wiring, {
    dashboard: { host: 'proxy.ops.example.org', certificate: 'traefik-dashboard', tlsSecret: 'traefik-dashboard-tls', authMiddleware: 'traefik-dashboard-auth' },
    tls: { clusterIssuer: 'letsencrypt-prod', duration: '2160h' },
  });
  assert.equal(out.endpoints, [{ name: 'Traefik dashboard', url: 'https://proxy.ops.example.org/dashboard/' }]);
});

t('templates carry no user values: they read .Values only', () => {
  const out = feature.render(valuesWith({ dashboard: { enabled: true, host: 'unique-host-name.example.org', basicAuthSecret: 'unique-secret-name' } }), ctxWith({ tls: TLS }));
  for (const [name, text] of Object.entries(out.templates!)) {
    assert.not.match(text, /unique-host-name|unique-secret-name|letsencrypt-prod/, name);
    assert.match(text, /\.Values\./, name);
  }
});

t('provides the ingress capability with the class name and the fixed namespace', () => {
  assert.equal(feature.provides!(feature.defaults, { ...WIRED.platform }), { ingress: { className: 'traefik', namespace: 'traefik' } });
  assert.equal(feature.provides!(valuesWith({ ingressClass: { name: 'edge' } }), WIRED.platform), { ingress: { className: 'edge', namespace: 'traefik' } });
  assert.is(feature.namespace, 'traefik');
  assert.equal(feature.optionalDependsOn, ['metallb', 'cert-manager', 'prometheus']);
});

t.run();
