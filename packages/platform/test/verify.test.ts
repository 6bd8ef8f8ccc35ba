import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enginePath } from '@sccp/test-kit';
import { EXAMPLE, sccp, tmpdir } from './helpers';

const built = () => {
  const out = path.join(tmpdir(), 'repo');
  assert.is(sccp(['build', EXAMPLE, '--out', out]).code, 0);
  return out;
};

test('the bare-metal example passes its own policies (wasm, in-process), chart templates rendered by helm', () => {
  const out = built();
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.violations, []);
  assert.ok(j.resources >= 15, `resources checked: ${j.resources}`);
  assert.ok(j.chartsRendered >= 9);
  assert.equal(Object.keys(j.policies).sort(), ['argocd', 'cert-manager', 'grafana', 'kyverno', 'loki', 'metallb', 'pack baseline', 'pack operations', 'pack trusted-execution', 'prometheus', 'rook-ceph', 'tenants', 'thanos', 'traefik']);
});

test('a violating Application is reported with resource, policy and message, exit 1', () => {
  const out = built();
  const app = path.join(out, 'apps', 'metallb.yaml');
  fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace('project: platform', 'project: default'));
  const r = sccp(['verify', out, '--helm', enginePath('helm')]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /apps\/metallb\.yaml\s+Application\/argocd\/metallb\s+argocd-no-default-project\n\s+argocd-no-default-project: /);
  assert.match(r.stderr, /1 violation$/m);
});

test('a violating chart template is caught after rendering it with helm', () => {
  const out = built();
  const tpl = path.join(out, 'charts', 'cert-manager', 'templates', 'internal-ca.yaml');
  const text = fs.readFileSync(tpl, 'utf8');
  assert.match(text, /duration:/);
  fs.writeFileSync(tpl, text.replace(/\n(\s+)duration: .*\n/, '\n'));
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stderr);
  const v = JSON.parse(r.stdout).violations;
  assert.ok(v.some((x: any) => x.policy === 'cert-manager-max-duration' && x.file === 'charts/cert-manager (rendered)'), JSON.stringify(v));
});

test('verify refuses a directory SCCP did not generate', () => {
  const r = sccp(['verify', tmpdir()]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /not an SCCP-generated repository/);
});

test.run();
