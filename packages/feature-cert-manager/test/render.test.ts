import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deepMerge, standaloneContext, DEFAULT_PLATFORM } from '@sccp/core';
import feature, { NAMES, WAVES, type CertManagerValues } from '../src';
import { named, objects, ofKind, render, template, upstreamReceived, valuesWith } from './chart';
import { standalone, wired } from './contexts';
import { unknownKeys } from './upstream-keys';

const upstream = (out: { values: Record<string, unknown> }) => out.values['cert-manager'] as any;
const ACME = { issuer: 'acme', acme: { email: 'platform-team@example.com' } };
const waveOf = (o: any) => o.metadata.annotations['argocd.argoproj.io/sync-wave'];

const t = suite('cert-manager render');

t('feature metadata: namespace, optional integrations, pinned upstream, server-side apply', () => {
  assert.is(feature.name, 'cert-manager');
  assert.is(feature.namespace, 'cert-manager');
  assert.equal(feature.dependsOn, []);
  assert.equal(feature.optionalDependsOn, ['prometheus']);
  assert.is(feature.serverSideApply, true);
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['cert-manager', 'v1.21.1', 'https://charts.jetstack.io']]);
  assert.match(feature.upstream[0].source, /^cert-manager\/cert-manager deploy\/charts\/cert-manager\/values\.schema\.json @ [0-9a-f]{40}/);
  assert.equal(feature.profiles?.kind, { replicas: { controller: 1, webhook: 1, cainjector: 1 } });
});

t('schema defaults', () => {
  assert.equal(feature.defaults, {
    issuer: 'internal-ca',
    ca: { commonName: '', duration: '87600h', secretName: 'sccp-root-ca' },
    acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretName: 'sccp-acme-account-key', solver: 'http01' },
    maxCertificateDuration: '2160h',
    replicas: { controller: 2, webhook: 2, cainjector: 2 },
    resources: {
      controller: { requests: { cpu: '10m', memory: '64Mi' } },
      webhook: { requests: { cpu: '10m', memory: '32Mi' } },
      cainjector: { requests: { cpu: '10m', memory: '64Mi' } },
    },
  });
});

t('provides the ClusterIssuer of the selected issuer', () => {
  assert.equal(feature.provides!(valuesWith({}), DEFAULT_PLATFORM), { tls: { clusterIssuer: 'sccp-ca', maxCertificateDuration: '2160h' } });
  assert.equal(feature.provides!(valuesWith(ACME), DEFAULT_PLATFORM), { tls: { clusterIssuer: 'sccp-acme', maxCertificateDuration: '2160h' } });
});

t('render output: sccp values, wiring, templates, SkipDryRunOnMissingResource, no endpoints', () => {
  const out = render({}, standalone);
  assert.equal(out.values.sccp, feature.defaults);
  assert.equal(out.values.wiring, { ca: { commonName: 'example platform CA' }, acme: { ingressClassName: '' } });
  assert.equal(Object.keys(out.templates ?? {}).sort(), ['acme-issuer.yaml', 'internal-ca.yaml', 'policy-parameters.yaml']);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
  assert.equal(out.endpoints, []);
  // Structure only in the templates: no user value was baked in by Handlebars.
  for (const text of Object.values(out.templates ?? {})) {
    assert.not.match(text, /87600h|sccp-root-ca"|example platform CA|2160h|letsencrypt/);
    assert.not.match(text, /\{\{\s*tpl\b/);
  }
});

t('internal CA (default): self-signed issuer → root CA Certificate → CA issuer, in sync waves 1-2-3', () => {
  const m = objects(render({}, standalone));
  const selfSigned = named(m, 'ClusterIssuer', 'sccp-selfsigned');
  assert.equal(selfSigned.spec, { selfSigned: {} });
  const root = named(m, 'Certificate', 'sccp-root-ca');
  assert.is(root.metadata.namespace, 'cert-manager');
  assert.equal(root.spec, {
    isCA: true,
    commonName: 'example platform CA',
    duration: '87600h',
    secretName: 'sccp-root-ca',
    privateKey: { algorithm: 'ECDSA', size: 256 },
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'sccp-selfsigned' },
  });
  const ca = named(m, 'ClusterIssuer', 'sccp-ca');
  assert.equal(ca.spec, { ca: { secretName: 'sccp-root-ca' } });
  assert.equal([selfSigned, root, ca].map(waveOf), ['1', '2', '3']);
  assert.equal([WAVES.selfSigned, WAVES.rootCertificate, WAVES.caIssuer], [1, 2, 3]);
  for (const o of [selfSigned, root, ca]) assert.is(o.metadata.annotations['argocd.argoproj.io/sync-options'], 'SkipDryRunOnMissingResource=true');
  assert.equal(ofKind(m, 'ClusterIssuer').map((o) => o.metadata.name).sort(), ['sccp-ca', 'sccp-selfsigned'], 'no ACME issuer');
  assert.is(ofKind(m, 'Certificate').length, 1);
});

t('the CA Secret is only referenced: no Secret object, no key material in the chart output', () => {
  const r = template(render({}, standalone));
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.manifests.filter((o) => o.kind === 'Secret'), []);
  assert.not.match(r.stdout, /tls\.key|tls\.crt|BEGIN [A-Z ]*PRIVATE KEY|BEGIN CERTIFICATE/);
});

t('CA settings come from the values: common name, lifetime, Secret name', () => {
  const m = objects(render({ ca: { commonName: 'ACME Corp platform CA', duration: '43800h', secretName: 'corp-root' } }, standalone));
  const root = named(m, 'Certificate', 'sccp-root-ca');
  assert.is(root.spec.commonName, 'ACME Corp platform CA');
  assert.is(root.spec.duration, '43800h');
  assert.is(root.spec.secretName, 'corp-root');
  assert.equal(named(m, 'ClusterIssuer', 'sccp-ca').spec.ca, { secretName: 'corp-root' });
});

t('default common name follows the platform name (at most 64 characters)', () => {
  const ctx = standaloneContext(feature, { ...DEFAULT_PLATFORM, name: 'prod-eu' });
  assert.is((render({}, ctx).values.wiring as any).ca.commonName, 'prod-eu platform CA');
  const long = standaloneContext(feature, { ...DEFAULT_PLATFORM, name: 'a'.repeat(63) });
  assert.is((render({}, long).values.wiring as any).ca.commonName.length, 64);
});

t('user strings come out literally: {{ .Release.Name }} in the CA common name is not templated', () => {
  const m = objects(render({ ca: { commonName: '{{ .Release.Name }} "CA" {{ fail "x" }}' } }, standalone));
  assert.is(named(m, 'Certificate', 'sccp-root-ca').spec.commonName, '{{ .Release.Name }} "CA" {{ fail "x" }}');
});

t('ACME: sccp-acme ClusterIssuer with the server, email, account key Secret and the platform ingress class', () => {
  const out = render(ACME, wired);
  assert.equal(out.values.wiring, { ca: { commonName: 'example platform CA' }, acme: { ingressClassName: 'traefik' } });
  const m = objects(out);
  const acme = named(m, 'ClusterIssuer', 'sccp-acme');
  assert.equal(acme.spec, {
    acme: {
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'platform-team@example.com',
      privateKeySecretRef: { name: 'sccp-acme-account-key' },
      solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }],
    },
  });
  assert.is(waveOf(acme), String(WAVES.acme));
  assert.is(acme.metadata.annotations['argocd.argoproj.io/sync-options'], 'SkipDryRunOnMissingResource=true');
  // The private CA stays available for in-cluster TLS.
  assert.equal(ofKind(m, 'ClusterIssuer').map((o) => o.metadata.name).sort(), ['sccp-acme', 'sccp-ca', 'sccp-selfsigned']);
  assert.equal(ofKind(m, 'Secret'), []);
});

t('ACME without an ingress capability: the solver uses the cluster default ingress class', () => {
  const m = objects(render({ ...ACME, acme: { email: 'ops@example.com', server: 'https://acme-staging-v02.api.letsencrypt.org/directory', privateKeySecretName: 'staging-account' } }, standalone));
  const acme = named(m, 'ClusterIssuer', 'sccp-acme');
  assert.equal(acme.spec.acme.solvers, [{ http01: { ingress: {} } }]);
  assert.is(acme.spec.acme.server, 'https://acme-staging-v02.api.letsencrypt.org/directory');
  assert.equal(acme.spec.acme.privateKeySecretRef, { name: 'staging-account' });
});

t('ACME without email: Helm refuses to render the issuer', () => {
  const out = render({}, standalone);
  const r = template(out, ['sccp.issuer=acme']);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /sccp\.acme\.email is required/);
});

t('policy parameters: the ConfigMap the Kyverno policy reads carries maxCertificateDuration', () => {
  const cm = named(objects(render({ maxCertificateDuration: '720h' }, standalone)), 'ConfigMap', NAMES.policyConfigMap);
  assert.is(cm.metadata.namespace, 'cert-manager');
  assert.equal(cm.data, { maxCertificateDuration: '720h' });
  const dflt = named(objects(render({}, standalone)), 'ConfigMap', NAMES.policyConfigMap);
  assert.equal(dflt.data, { maxCertificateDuration: '2160h' });
});

t('upstream values, defaults: CRDs installed and kept, 2 replicas with PDBs, leases in cert-manager, no ServiceMonitor', () => {
  const out = render({}, standalone);
  const u = upstream(out);
  // `global` never reaches the stand-in chart's echo: check it in the rendered values.
  assert.equal(u.global, { leaderElection: { namespace: 'cert-manager' } });
  const received = upstreamReceived(objects(out));
  assert.equal(received, {
    crds: { enabled: true, keep: true },
    replicaCount: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    resources: { requests: { cpu: '10m', memory: '64Mi' } },
    webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, resources: { requests: { cpu: '10m', memory: '32Mi' } } },
    cainjector: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, resources: { requests: { cpu: '10m', memory: '64Mi' } } },
    prometheus: { enabled: true, servicemonitor: { enabled: false } },
  });
});

t('kind profile: one replica each and no PodDisruptionBudget (it would block node drains)', () => {
  const values = deepMerge<CertManagerValues>(feature.defaults, feature.profiles!.kind!);
  const u = upstream(feature.render(values, standalone));
  for (const c of [u, u.webhook, u.cainjector]) {
    assert.is(c.replicaCount, 1);
    assert.equal(c.podDisruptionBudget, { enabled: false });
  }
});

t('metrics wired: the chart ServiceMonitor is on, with the Prometheus selector labels', () => {
  const received = upstreamReceived(objects(render({}, wired)));
  assert.equal(received.prometheus, { enabled: true, servicemonitor: { enabled: true, labels: { release: 'kube-prometheus-stack' } } });
  assert.equal(upstreamReceived(objects(render({}, standalone))).prometheus.servicemonitor, { enabled: false });
});

t('placement and resources reach every component, including the startup API check Job', () => {
  const placement = { nodeSelector: { 'node-role.kubernetes.io/infra': '' }, tolerations: [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }] };
  const received = upstreamReceived(objects(render({ placement, resources: { webhook: { limits: { memory: '128Mi' } } } }, standalone)));
  for (const c of [received, received.webhook, received.cainjector, received.startupapicheck]) {
    assert.equal(c.nodeSelector, placement.nodeSelector);
    assert.equal(c.tolerations, placement.tolerations);
  }
  assert.equal(received.webhook.resources, { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } });
  assert.not.ok('startupapicheck' in upstream(render({}, standalone)), 'no empty startupapicheck block without placement');
});

t('strict upstream schema: every key handed to cert-manager exists in its values.schema.json', () => {
  const placement = { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] };
  for (const [name, ctx] of Object.entries({ standalone, wired })) {
    for (const over of [{}, ACME, { placement }, feature.profiles!.kind!]) {
      const u = upstream(render(over as Record<string, unknown>, ctx));
      assert.equal(unknownKeys(u), [], `${name} ${JSON.stringify(over)}`);
    }
  }
  assert.equal(unknownKeys({ prometheus: { servicemonitor: { targetPort: 9402 } } }), ['prometheus.servicemonitor.targetPort'], 'the check itself rejects removed keys');
});

t('Helm enforces the values schema: a malformed duration or an unknown issuer fails', () => {
  const out = render({}, standalone);
  for (const set of ['sccp.maxCertificateDuration=90days', 'sccp.ca.duration=10y', 'sccp.issuer=vault']) {
    const r = template(out, [set]);
    assert.is.not(r.status, 0, set);
    assert.match(r.stderr, /schema/i, set);
  }
});

t.run();
