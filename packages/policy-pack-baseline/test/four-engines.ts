import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emitYaml, gatekeeperPolicies, loadRegoRunner, regoPackage, type Feature } from '@sccp/core';
import { runEngine } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters, type BaselineParameters } from '../src';

/**
 * Some policies of the pack on many resources, by the four engines that run them: the Kyverno CLI
 * (`kyverno apply`), `opa eval` on the Rego, the shipped policies/policy.wasm (as `sccp verify`
 * runs it) and Gatekeeper's `gator test` on the templates the pack generates. One process per
 * engine for the whole batch (2 shared cores). Resources are told apart by metadata.name, which
 * must be unique in a batch.
 */
export const ENGINES = ['kyverno', 'opa', 'wasm', 'gator'] as const;
export type EngineId = (typeof ENGINES)[number];

/** What one engine says about one resource: the policies that deny it (with their messages), or an error. */
export interface Outcome {
  denied: Record<string, string[]>;
  errors: string[];
}

export type Outcomes = Record<EngineId, Map<string, Outcome>>;

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const empty = (): Outcome => ({ denied: {}, errors: [] });

function outcome(map: Map<string, Outcome>, name: string): Outcome {
  let o = map.get(name);
  if (!o) map.set(name, (o = empty()));
  return o;
}

function kyverno(ids: string[], file: string, names: string[], params: BaselineParameters): Map<string, Outcome> {
  const dir = tmp('sccp-4e-kyverno-');
  const values = path.join(dir, 'values.yaml');
  fs.writeFileSync(values, emitYaml({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', metadata: { name: 'four-engines' }, globalValues: { sccpParameters: kyvernoParameters(params).data } }));
  const policies = ids.map((id) => path.join(pack.packageDir, 'policies', 'kyverno', `${id}.yaml`));
  const r = runEngine('kyverno', ['apply', ...policies, '--resource', file, '--values-file', values, '--policy-report', '--output-format', 'json', '--remove-color']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`kyverno apply failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const start = r.stdout.indexOf('{"');
  if (start < 0) throw new Error(`no policy report in kyverno output:\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.slice(start).trim().split('\n')[0]);
  const out = new Map(names.map((n) => [n, empty()]));
  for (const res of report.results ?? []) {
    for (const target of res.resources ?? []) {
      const o = outcome(out, target.name);
      if (res.result === 'fail') (o.denied[res.policy] ??= []).push(String(res.message ?? '').replace(/^validation (error|failure): /, ''));
      else if (res.result === 'error') o.errors.push(`${res.policy}/${res.rule}: ${res.message}`);
    }
  }
  return out;
}

function opa(ids: string[], resources: any[], params: BaselineParameters): Map<string, Outcome> {
  const dir = tmp('sccp-4e-opa-');
  fs.writeFileSync(path.join(dir, 'parameters.json'), JSON.stringify({ parameters: params }));
  const pkgs = ids.map((id) => regoPackage(id).replace(/^sccp\./, ''));
  const query = `[{p: d | some p in ${JSON.stringify(pkgs)}; d := data.sccp[p].deny with input as r} | some r in input]`;
  const run = (batch: any[]) =>
    runEngine('opa', ['eval', '--format', 'json', '--stdin-input', '--data', path.join(pack.packageDir, 'policies', 'rego'), '--data', path.join(dir, 'parameters.json'), query], {
      input: JSON.stringify(batch),
    });
  const out = new Map<string, Outcome>();
  const record = (resource: any, value: Record<string, string[]>) => {
    const o = outcome(out, resource.metadata.name);
    for (const [p, msgs] of Object.entries(value)) if (msgs.length) o.denied[ids[pkgs.indexOf(p)]] = [...msgs].sort();
  };
  const r = run(resources);
  if (r.status === 0) {
    const values = JSON.parse(r.stdout).result[0].expressions[0].value as Record<string, string[]>[];
    resources.forEach((res, i) => record(res, values[i]));
    return out;
  }
  // a runtime error in one resource fails the batch: find it (one run per resource)
  for (const res of resources) {
    const one = run([res]);
    if (one.status === 0) record(res, JSON.parse(one.stdout).result[0].expressions[0].value[0]);
    else outcome(out, res.metadata.name).errors.push(one.stderr.trim().split('\n')[0]);
  }
  return out;
}

function wasm(ids: string[], resources: any[], params: BaselineParameters): Map<string, Outcome> {
  const runner = loadRegoRunner(pack as unknown as Feature, { parameters: params })!;
  const out = new Map<string, Outcome>();
  for (const res of resources) {
    const o = outcome(out, res.metadata.name);
    try {
      for (const v of runner.evaluate(res)) if (ids.includes(v.policy)) o.denied[v.policy] = v.messages;
    } catch (e) {
      o.errors.push(String((e as Error).message).split('\n')[0]);
    }
  }
  return out;
}

function gator(ids: string[], file: string, names: string[], params: BaselineParameters): Map<string, Outcome> {
  const dir = tmp('sccp-4e-gator-');
  const gk = gatekeeperPolicies(pack, { parameters: { ...params }, enforcementAction: 'deny' }).filter((p) => ids.includes(p.id));
  fs.writeFileSync(path.join(dir, 'policies.yaml'), gk.flatMap((p) => [p.template, p.constraint]).map((o) => emitYaml(o)).join('---\n'));
  fs.copyFileSync(file, path.join(dir, 'resources.yaml'));
  const r = runEngine('gator', ['test', '--filename', dir, '--output', 'json']);
  // exit 1: some violation (the JSON is still printed)
  const start = r.stdout.indexOf('[');
  if ((r.status !== 0 && r.status !== 1) || (r.status === 1 && start < 0)) throw new Error(`gator test failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const out = new Map(names.map((n) => [n, empty()]));
  for (const v of start < 0 ? [] : JSON.parse(r.stdout.slice(start))) {
    const o = outcome(out, v.violatingObject?.metadata?.name ?? '?');
    (o.denied[v.constraint.metadata.name] ??= []).push(v.msg);
  }
  return out;
}

/** Evaluate `ids` on `resources` with each engine under the pack parameters `over` (defaults otherwise). */
export function fourEngines(ids: string[], resources: any[], over: Partial<BaselineParameters> = {}): Outcomes {
  const names = resources.map((r) => r.metadata.name);
  if (new Set(names).size !== names.length) throw new Error('resource names must be unique in a batch');
  const params = parameters(over);
  const file = path.join(tmp('sccp-4e-'), 'resources.yaml');
  fs.writeFileSync(file, resources.map((r) => emitYaml(r)).join('---\n'));
  return {
    kyverno: kyverno(ids, file, names, params),
    opa: opa(ids, resources, params),
    wasm: wasm(ids, resources, params),
    gator: gator(ids, file, names, params),
  };
}

/** admit, deny or error, from an outcome. */
export function verdict(o: Outcome | undefined): 'admit' | 'deny' | 'error' {
  if (!o) return 'admit';
  if (o.errors.length) return 'error';
  return Object.keys(o.denied).length ? 'deny' : 'admit';
}
