import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles, compileValidator, deepMerge, loadRegoRunner, standaloneContext, type Feature, type RenderContext } from '@sccp/core';
import { differential, describeDisagreements } from './differential';
import { repoRoot } from './engines';
import { helmLint, helmTemplate, materializeChart } from './helm';
import { packProblems } from './pack';
import { fixtures, kyvernoTest, opaCheck, opaDeny, opaTest } from './policies';

/**
 * The checks every feature package must pass, registered as one uvu suite:
 * generated types are fresh, defaults are schema-valid for every profile, the wrapper chart lints
 * and renders with Helm, Helm enforces values.schema.json, and the policies pass opa/kyverno with
 * their fixtures.
 */
export function conformance(feature: Feature, opts: { contexts?: Record<string, RenderContext> } = {}) {
  const t = suite(`${feature.name} conformance`);
  const validate = compileValidator(feature.bundledSchema);

  t('src/values.generated.ts is what schema.json generates', () => {
    const gen = require.resolve('@sccp/core/bin/gen-types.js');
    const typeName = /export interface (\w+)/.exec(fs.readFileSync(path.join(feature.packageDir, 'src', 'values.generated.ts'), 'utf8'))?.[1];
    assert.ok(typeName, 'values.generated.ts declares an interface');
    const r = spawnSync(process.execPath, [gen, feature.packageDir, typeName!, '--check'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
  });

  t('the README values table is what schema.json generates', () => {
    const gen = require.resolve('@sccp/core/bin/gen-readme.js');
    const r = spawnSync(process.execPath, [gen, feature.packageDir, '--check'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
  });

  t('schema defaults and every profile give schema-valid values', () => {
    assert.equal(validate(feature.defaults), []);
    for (const [profile, over] of Object.entries(feature.profiles ?? {})) {
      assert.equal(validate(deepMerge(feature.defaults, over)), [], `profile ${profile}`);
    }
  });

  const contexts = opts.contexts ?? { standalone: standaloneContext(feature) };
  for (const [name, ctx] of Object.entries(contexts)) {
    t(`chart (${name}): helm lint --strict and helm template`, () => {
      const out = feature.render(feature.defaults, ctx);
      const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
      const lint = helmLint(dir);
      assert.is(lint.status, 0, lint.stdout + lint.stderr);
      const r = helmTemplate(dir, { namespace: feature.namespace });
      assert.is(r.status, 0, r.stderr);
      assert.ok(r.manifests.length > 0, 'renders at least one object');
      for (const m of r.manifests) assert.ok(m.apiVersion && m.kind && m.metadata?.name, `every object has apiVersion, kind, name: ${JSON.stringify(m).slice(0, 200)}`);
    });
  }

  t('helm enforces values.schema.json on sccp values', () => {
    const dir = materializeChart(chartFiles(feature, feature.render(feature.defaults, standaloneContext(feature))), feature.upstream, feature.name);
    const r = helmTemplate(dir, { set: ['sccp.notAValuesKey=1'] });
    assert.is.not(r.status, 0, 'an unknown sccp key must fail');
    assert.match(r.stderr, /schema/i);
  });

  t('rego: opa check --strict and opa test', () => {
    if (!feature.policies.rego.length) return;
    const c = opaCheck(feature.packageDir);
    assert.is(c.status, 0, c.stdout + c.stderr);
    const r = opaTest(feature.packageDir);
    assert.is(r.status, 0, r.stdout + r.stderr);
  });

  t('kyverno test passes', () => {
    if (!feature.policies.kyverno.length) return;
    const r = kyvernoTest(feature.packageDir);
    assert.is(r.status, 0, r.stdout + r.stderr);
    assert.not.match(r.stdout, /\bFail\b.*\|/);
  });

  t('every policy has pass and fail fixtures, and opa eval agrees with them', () => {
    const ids = new Set([...feature.policies.rego, ...feature.policies.kyverno].map((f) => path.basename(f).replace(/\.(rego|yaml)$/, '')));
    assert.ok(ids.size > 0, 'a feature ships at least one policy');
    const fx = fixtures(feature.packageDir);
    for (const id of ids) {
      assert.ok(fx.some((f) => f.policy === id && f.expect === 'pass'), `${id} has a pass fixture`);
      assert.ok(fx.some((f) => f.policy === id && f.expect === 'fail'), `${id} has a fail fixture`);
    }
    for (const f of fx) {
      if (!feature.policies.rego.some((r) => path.basename(r) === `${f.policy}.rego`)) continue;
      const deny = opaDeny(feature.packageDir, f.policy, f.resource);
      if (f.expect === 'pass') assert.equal(deny, [], `${path.basename(f.file)} must pass ${f.policy}`);
      else {
        assert.ok(deny.length > 0, `${path.basename(f.file)} must fail ${f.policy}`);
        for (const m of deny) assert.ok(m.startsWith(`${f.policy}: `), `deny message names the policy: ${m}`);
      }
    }
  });

  t('policies/policy.wasm is what opa build compiles from the Rego now', () => {
    if (!feature.policies.rego.length) return;
    const script = path.join(repoRoot(), 'tools', 'compile-policies.mjs');
    const r = spawnSync(process.execPath, [script, '--check', feature.packageDir], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stdout + r.stderr);
  });

  t('the compiled wasm (what sccp verify runs) gives the same deny messages as opa eval on every fixture', () => {
    if (!feature.policies.rego.length) return;
    const runner = loadRegoRunner(feature)!;
    for (const f of fixtures(feature.packageDir)) {
      if (!runner.policies.includes(f.policy)) continue;
      const wasm = runner.evaluate(f.resource).find((v) => v.policy === f.policy)?.messages ?? [];
      assert.equal(wasm, opaDeny(feature.packageDir, f.policy, f.resource), `${path.basename(f.file)}: wasm and opa eval differ`);
    }
  });

  t('one behaviour, two engines: kyverno apply, opa eval and the wasm agree on every fixture', () => {
    if (!feature.policies.kyverno.length || !feature.policies.rego.length) return;
    const r = differential(feature);
    assert.ok(r.cases.length > 0, 'at least one fixture was compared');
    assert.is(r.disagreements.length, 0, describeDisagreements(r));
  });

  t('npm pack ships the built JS, .d.ts, schema, templates, policies and wasm, and nothing else', () => {
    assert.equal(packProblems(feature.packageDir), []);
  });

  return t;
}
