// `kyverno apply` of a generated repository's own Kyverno bundle (policies/) on the same objects
// `sccp verify` checks, with the same parameters and exceptions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { objectsOf, repoObjectFiles, yamlFiles } from './lib.mjs';

/**
 * The arguments of `kyverno apply` for `repo`: every ClusterPolicy file of policies/, every
 * PolicyException file as --exception, the objects as one --resource per file (the CLI does not
 * descend into folders), and a values file that answers the policies' ConfigMap lookups (apiCall
 * context entries) with the ConfigMaps of policies/parameters/: offline, the CLI would use the
 * entries' defaults. `notes` lists lookups left to the policy's default.
 */
export function kyvernoArgs(repo, valuesFile) {
  const policies = [];
  const exceptions = [];
  const configMaps = new Map();
  const parsed = yamlFiles(path.join(repo, 'policies')).map((f) => ({ f, docs: objectsOf(fs.readFileSync(f, 'utf8')) }));
  for (const { docs } of parsed) for (const o of docs) if (o.kind === 'ConfigMap') configMaps.set(`/api/v1/namespaces/${o.metadata.namespace}/configmaps/${o.metadata.name}`, o.data ?? {});
  const values = [];
  const notes = [];
  for (const { f, docs } of parsed) {
    if (docs.some((o) => o.kind === 'ClusterPolicy')) policies.push(f);
    if (docs.some((o) => o.kind === 'PolicyException')) exceptions.push(f);
    for (const p of docs.filter((o) => o.kind === 'ClusterPolicy')) {
      const rules = [];
      for (const rule of p.spec.rules ?? []) {
        const v = {};
        for (const c of rule.context ?? []) {
          if (!c.apiCall?.urlPath) continue;
          const data = configMaps.get(c.apiCall.urlPath);
          if (data) v[c.name] = data;
          else notes.push(`${p.metadata.name}: ${c.apiCall.urlPath} is not in policies/ (rendered by a chart): the policy's default applies`);
        }
        if (Object.keys(v).length) rules.push({ name: rule.name, values: v });
      }
      if (rules.length) values.push({ name: p.metadata.name, rules });
    }
  }
  fs.writeFileSync(valuesFile, stringify({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', metadata: { name: 'sccp-bench' }, policies: values }, { aliasDuplicateObjects: false }));
  const args = [
    'apply',
    ...policies,
    ...exceptions.flatMap((e) => ['--exception', e]),
    '--values-file',
    valuesFile,
    ...repoObjectFiles(repo).flatMap((f) => ['--resource', f]),
    '--policy-report',
    '--output-format',
    'json',
    '--remove-color',
  ];
  return { args, policies: policies.length, exceptions: exceptions.length, notes };
}

const resourceName = (r) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** The failing (policy, resource) pairs of a `kyverno apply -p --output-format json` report (warnings come first on stdout). */
export function kyvernoFailures(stdout) {
  const start = stdout.indexOf('{"');
  if (start < 0) throw new Error(`no policy report in the kyverno output:\n${stdout.slice(0, 2000)}`);
  const report = JSON.parse(stdout.slice(start).trim().split('\n')[0]);
  const pairs = new Set();
  let errors = 0;
  for (const r of report.results ?? []) {
    if (r.result === 'error') errors++;
    if (r.result !== 'fail') continue;
    for (const res of r.resources ?? []) pairs.add(`${r.policy} ${resourceName(res)}`);
  }
  return { pairs, errors, summary: report.summary };
}

/** The violating (policy, resource) pairs of `sccp verify --json`. */
export function sccpFailures(stdout) {
  const report = JSON.parse(stdout);
  return { pairs: new Set(report.violations.map((v) => `${v.policy} ${v.resource}`)), resources: report.resources, excepted: report.excepted.length };
}
