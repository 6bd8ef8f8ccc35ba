import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles, compileValidator, standaloneContext, type RenderContext } from '@sccp/core';
import { helmLint, helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature, { type TraefikValues } from '../src';
import { WIRED, valuesWith } from './contexts';

function build(values: TraefikValues, ctx: RenderContext) {
  const out = feature.render(values, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  return { out, dir };
}

function template(values: TraefikValues, ctx: RenderContext) {
  const { out, dir } = build(values, ctx);
  const lint = helmLint(dir);
  assert.is(lint.status, 0, lint.stdout + lint.stderr);
  const r = helmTemplate(dir, { namespace: 'traefik', release: 'traefik' });
  assert.is(r.status, 0, r.stderr);
  return { out, manifests: r.manifests, received: standinValues(r.manifests, 'traefik') };
}

const find = (manifests: any[], kind: string) => manifests.filter((m) => m.kind === kind);

const t = suite('traefik chart (helm template)');

t('standalone defaults: stand-in receives single-stack Service without pool, no ServiceMonitor, no dashboard objects', () => {
  const { manifests, received } = template(feature.defaults, standaloneContext(feature));
  assert.is(received.service.type, 'LoadBalancer');
  assert.is(received.service.annotations, undefined);
  assert.is(received.service.ipFamilyPolicy, 'SingleStack');
  assert.equal(received.service.ipFamilies, ['IPv4']);
  assert.is(received.metrics, undefined);
  assert.is(received.ingressRoute, undefined);
  assert.equal(received.ports.web.redirections.entryPoint, { to: 'websecure', scheme: 'https', permanent: true });
  assert.equal(received.tlsOptions.default, { minVersion: 'VersionTLS12', sniStrict: false });
  assert.equal(received.ingressClass, { enabled: true, isDefaultClass: true, name: 'traefik' });
  assert.is(received.deployment.replicas, 2);
  assert.is(find(manifests, 'Certificate').length, 0);
  assert.is(find(manifests, 'Middleware').length, 0);
});

t('fully wired with the dashboard: pool annotation, dual stack, ServiceMonitor, Certificate and Middleware', () => {
  const values = valuesWith({ dashboard: { enabled: true, basicAuthSecret: 'dash-users' } });
  const { out, manifests, received } = template(values, WIRED);
  assert.equal(received, JSON.parse(JSON.stringify(out.values.traefik)), 'the stand-in receives exactly the rendered upstream values');
  assert.equal(received.service.annotations, { 'metallb.io/address-pool': 'dual' });
  assert.is(received.service.ipFamilyPolicy, 'RequireDualStack');
  assert.equal(received.service.ipFamilies, ['IPv4', 'IPv6']);
  assert.equal(received.metrics.prometheus.serviceMonitor, { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } });
  assert.is(received.metrics.prometheus.service.enabled, true);
  assert.is(received.metrics.prometheus.disableAPICheck, true);
  assert.is(received.ingressRoute.dashboard.matchRule, 'Host(`traefik.example.com`) && (PathPrefix(`/dashboard`) || PathPrefix(`/api`))');
  assert.equal(received.ingressRoute.dashboard.tls, { secretName: 'traefik-dashboard-tls' });

  const [cert, ...moreCerts] = find(manifests, 'Certificate');
  assert.is(moreCerts.length, 0);
  assert.is(cert.apiVersion, 'cert-manager.io/v1');
  assert.is(cert.metadata.name, 'traefik-dashboard');
  assert.is(cert.metadata.namespace, 'traefik');
  assert.equal(cert.spec, {
    secretName: 'traefik-dashboard-tls',
    duration: '2160h',
    dnsNames: ['traefik.example.com'],
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
  });

  const [mw, ...moreMw] = find(manifests, 'Middleware');
  assert.is(moreMw.length, 0);
  assert.is(mw.apiVersion, 'traefik.io/v1alpha1');
  assert.is(mw.metadata.name, 'traefik-dashboard-auth');
  assert.equal(mw.spec, { basicAuth: { secret: 'dash-users' } });
  assert.equal(received.ingressRoute.dashboard.middlewares, [{ name: mw.metadata.name }], 'the IngressRoute uses the rendered Middleware');
});

t('dashboard without cert-manager: no Certificate, IngressRoute relies on entry-point TLS', () => {
  const { manifests, received } = template(valuesWith({ dashboard: { enabled: true } }), standaloneContext(feature));
  assert.is(find(manifests, 'Certificate').length, 0);
  assert.equal(received.ingressRoute.dashboard.tls, {});
  assert.equal(received.ingressRoute.dashboard.entryPoints, ['websecure']);
});

function valuesFile(content: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'traefik-values-')), 'values.yaml');
  fs.writeFileSync(f, content);
  return f;
}

t('a template expression as a user string is refused by the schema (SCCP and Helm), never evaluated', () => {
  const bad = { dashboard: { enabled: true, host: '{{ .Release.Name }}' } };
  const problems = compileValidator(feature.bundledSchema)(valuesWith(bad));
  assert.ok(problems.some((p) => p.pointer === '/dashboard/host'), JSON.stringify(problems));
  const { dir } = build(feature.defaults, standaloneContext(feature));
  const r = helmTemplate(dir, { values: [valuesFile("sccp:\n  dashboard:\n    enabled: true\n    host: '{{ .Release.Name }}'\n")] });
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /schema/i);
  assert.not.match(r.stderr + r.stdout, /host: sccp\b/, 'the expression is not evaluated');
});

t('helm rejects an unknown service type through values.schema.json', () => {
  const { dir } = build(feature.defaults, standaloneContext(feature));
  const r = helmTemplate(dir, { set: ['sccp.service.type=ExternalName'] });
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /schema/i);
  const ok = helmTemplate(dir, { set: ['sccp.service.type=NodePort'] });
  assert.is(ok.status, 0, ok.stderr);
});

t.run();
