import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { emitYaml, gatekeeperPolicies, POLICY_WASM, regoEntrypoint, regoPackage, type ConstraintTemplateOptions, type PolicySource } from '@sccp/core';
import { runEngine, type RunResult } from './engines';
import { fixtures, type Fixture } from './policies';

/**
 * "One behaviour, two engines": every policy a package ships both as a Kyverno ClusterPolicy
 * (policies/kyverno/<id>.yaml) and as Rego (policies/rego/<id>.rego) is run on the same fixtures
 * (policies/fixtures/<id>/) by the real engines — `kyverno apply <policy> --resource <fixture>
 * --policy-report --output-format json` and `opa eval data.<package>.deny` — and their verdicts are
 * compared. A third engine, Gatekeeper, runs the Rego converted with `constraintTemplateFor` under
 * `gator verify` (see `gatorVerify`).
 */

export type Verdict = 'admit' | 'deny' | 'error';

export interface EngineVerdict {
  verdict: Verdict;
  /** Deny (or error) messages, sorted. */
  messages: string[];
}

export interface DifferentialCase {
  policy: string;
  /** Fixture file, relative to the package. */
  file: string;
  /** `kind/name` of the resource inside the file. */
  resource: string;
  /** The fixture's expectation; `any` for cross-check resources (only the engines' agreement counts). */
  expect: 'pass' | 'fail' | 'any';
  kyverno: EngineVerdict;
  rego: EngineVerdict;
  /** The compiled Rego (policies/policy.wasm under @open-policy-agent/opa-wasm, as `sccp verify` runs it), when shipped. */
  wasm?: EngineVerdict;
}

export interface DifferentialReport {
  /** Ids with both a Kyverno and a Rego policy (compared). */
  policies: string[];
  /** Ids shipped for one engine only (not compared). */
  onlyKyverno: string[];
  onlyRego: string[];
  cases: DifferentialCase[];
  /** Cases where the engines' verdicts differ (an `error` verdict always counts as a disagreement; wasm is compared when present). */
  disagreements: DifferentialCase[];
}

export interface DifferentialOptions {
  /** Only these policy ids. */
  policies?: string[];
  /** What the Rego policies read as `data.parameters`. */
  parameters?: Record<string, unknown>;
  /**
   * Kyverno CLI `globalValues` (a `cli.kyverno.io/v1alpha1` Values file): context variables the
   * Kyverno policies would otherwise fetch, e.g. `{ sccpParameters: {...ConfigMap data...} }`.
   */
  kyvernoValues?: Record<string, unknown>;
  /**
   * Extra resources every compared policy also runs on, without an expectation (e.g. the fixtures
   * of other packages): more inputs for the engines to disagree on. Each is renamed
   * `<name>-x<index>` so one Kyverno run can tell them apart.
   */
  crossResources?: { origin: string; resource: any }[];
  /** Also evaluate the shipped policies/policy.wasm (default: when the file exists; `false` to skip). */
  wasm?: boolean;
}

const idOf = (file: string) => path.basename(file).replace(/\.(rego|yaml)$/, '');
const resourceKey = (r: { kind?: string; name?: string }) => `${r.kind ?? ''}/${r.name ?? ''}`;

function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The JSON policy report of `kyverno apply -p --output-format json` (the CLI prints warnings on stdout before it). */
function parseKyvernoReport(stdout: string, stderr = ''): any {
  const start = stdout.indexOf('{"');
  if (start < 0) throw new Error(`no policy report in kyverno output:\n${stdout}\n${stderr}`);
  return JSON.parse(stdout.slice(start).trim().split('\n')[0]);
}

function verdictOf(results: { result: string; message?: string }[]): EngineVerdict {
  const errors = results.filter((r) => r.result === 'error');
  if (errors.length) return { verdict: 'error', messages: errors.map((r) => r.message ?? '').sort() };
  const fails = results.filter((r) => r.result === 'fail');
  return fails.length ? { verdict: 'deny', messages: fails.map((r) => r.message ?? '').sort() } : { verdict: 'admit', messages: [] };
}

/**
 * Kyverno verdicts of one policy file on some fixture files, by `kind/name`. One CLI run for all
 * files. `kyverno apply` exits 1 when a rule fails, also in policy-report mode, so the verdict comes
 * from the report's results (fail → deny, error → error); a missing report is an engine failure (thrown).
 */
export function kyvernoVerdicts(policyFile: string, files: string[], values?: Record<string, unknown>): Map<string, EngineVerdict> {
  const args = ['apply', policyFile, ...files.flatMap((f) => ['--resource', f]), '--policy-report', '--output-format', 'json', '--remove-color'];
  if (values && Object.keys(values).length) {
    const dir = tmpDir('sccp-kyverno-values-');
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, emitYaml({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', metadata: { name: 'differential' }, globalValues: values }));
    args.push('--values-file', file);
  }
  const r = runEngine('kyverno', args);
  // Exit 0: no failure; 1: some rule failed (or the CLI failed: then there is no report).
  if (r.status !== 0 && r.status !== 1) throw new Error(`kyverno apply ${path.basename(policyFile)} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  // No rule matched any of the files: exit 0 and no report at all, only the CLI's warnings.
  const silent = r.status === 0 && !r.stdout.includes('{"') && r.stdout.split('\n').every((l) => !l.trim() || l.startsWith('Warning: '));
  const report = silent ? { results: [] } : parseKyvernoReport(r.stdout, r.stderr);
  const byResource = new Map<string, { result: string; message?: string }[]>();
  for (const res of report.results ?? []) {
    for (const target of res.resources ?? []) {
      const key = resourceKey(target);
      byResource.set(key, [...(byResource.get(key) ?? []), res]);
    }
  }
  return new Map([...byResource].map(([k, rs]) => [k, verdictOf(rs)]));
}

/** `opa eval` of data.<package>.deny for one resource, with optional `data.parameters`. */
export function regoVerdict(regoDir: string, policyId: string, resource: unknown, parameters?: Record<string, unknown>): EngineVerdict {
  const args = ['eval', '--format', 'json', '--stdin-input', '--data', regoDir];
  if (parameters) {
    const dir = tmpDir('sccp-opa-data-');
    fs.writeFileSync(path.join(dir, 'parameters.json'), JSON.stringify({ parameters }));
    args.push('--data', path.join(dir, 'parameters.json'));
  }
  args.push(`data.${regoPackage(policyId)}.deny`);
  const r = runEngine('opa', args, { input: JSON.stringify(resource) });
  if (r.status !== 0) return { verdict: 'error', messages: [r.stderr.trim()] };
  const value = JSON.parse(r.stdout).result?.[0]?.expressions?.[0]?.value;
  const messages = Array.isArray(value) ? value.map(String).sort() : [];
  return messages.length ? { verdict: 'deny', messages } : { verdict: 'admit', messages: [] };
}

/**
 * `opa eval` of data.<package>.deny for many resources in one run (each evaluated `with input as`
 * it); falls back to one run per resource when the batch fails (a runtime error in one of them).
 */
export function regoVerdicts(regoDir: string, policyId: string, resources: unknown[], parameters?: Record<string, unknown>): EngineVerdict[] {
  if (resources.length <= 1) return resources.map((r) => regoVerdict(regoDir, policyId, r, parameters));
  const args = ['eval', '--format', 'json', '--stdin-input', '--data', regoDir];
  if (parameters) {
    const dir = tmpDir('sccp-opa-data-');
    fs.writeFileSync(path.join(dir, 'parameters.json'), JSON.stringify({ parameters }));
    args.push('--data', path.join(dir, 'parameters.json'));
  }
  args.push(`[d | some r in input; d := data.${regoPackage(policyId)}.deny with input as r]`);
  const r = runEngine('opa', args, { input: JSON.stringify(resources) });
  const value = r.status === 0 ? JSON.parse(r.stdout).result?.[0]?.expressions?.[0]?.value : undefined;
  // A resource whose deny is undefined (cannot happen for a partial set, but be safe) shortens the list.
  if (!Array.isArray(value) || value.length !== resources.length) return resources.map((x) => regoVerdict(regoDir, policyId, x, parameters));
  return value.map((v: unknown) => {
    const messages = Array.isArray(v) ? v.map(String).sort() : [];
    return messages.length ? { verdict: 'deny' as const, messages } : { verdict: 'admit' as const, messages: [] };
  });
}

/** Run every policy that exists in both engines on its fixtures with both engines and compare. */
export function differential(source: PolicySource, opts: DifferentialOptions = {}): DifferentialReport {
  const kyverno = new Map(source.policies.kyverno.map((f) => [idOf(f), f]));
  const rego = new Map(source.policies.rego.map((f) => [idOf(f), f]));
  const wanted = (id: string) => !opts.policies || opts.policies.includes(id);
  const policies = [...kyverno.keys()].filter((id) => rego.has(id) && wanted(id)).sort();
  const onlyKyverno = [...kyverno.keys()].filter((id) => !rego.has(id) && wanted(id)).sort();
  const onlyRego = [...rego.keys()].filter((id) => !kyverno.has(id) && wanted(id)).sort();
  const regoDir = path.join(source.packageDir, 'policies', 'rego');
  const all = fixtures(source.packageDir);
  const wasm = opts.wasm !== false && fs.existsSync(path.join(source.packageDir, POLICY_WASM)) ? wasmEvaluator(source, opts.parameters) : undefined;
  const cases: DifferentialCase[] = [];
  for (const id of policies) {
    const fx = all.filter((f) => f.policy === id);
    if (!fx.length) continue;
    const policyFile = path.join(source.packageDir, kyverno.get(id)!);
    const keys = fx.map((f) => resourceKey({ kind: f.resource.kind, name: f.resource.metadata?.name }));
    const unique = new Set(keys).size === keys.length;
    // One CLI run per policy when every fixture resource is distinguishable by kind/name, else one per file.
    const runs: Fixture[][] = unique ? [fx] : fx.map((f) => [f]);
    if (opts.crossResources?.length) runs.push(...crossGroups(opts.crossResources));
    for (const group of runs) {
      const verdicts = kyvernoVerdicts(policyFile, [...new Set(group.map((f) => f.file))], opts.kyvernoValues);
      const regoResults = regoVerdicts(regoDir, id, group.map((f) => f.resource), opts.parameters);
      for (const [i, f] of group.entries()) {
        const key = resourceKey({ kind: f.resource.kind, name: f.resource.metadata?.name });
        cases.push({
          policy: id,
          file: (f as Fixture & { origin?: string }).origin ?? path.relative(source.packageDir, f.file),
          resource: key,
          expect: (f as Fixture & { any?: boolean }).any ? 'any' : f.expect,
          kyverno: verdicts.get(key) ?? { verdict: 'admit', messages: [] },
          rego: regoResults[i],
          ...(wasm ? { wasm: wasm(id, f.resource) } : {}),
        });
      }
    }
  }
  const disagreements = cases.filter(
    (c) => c.kyverno.verdict !== c.rego.verdict || c.kyverno.verdict === 'error' || c.rego.verdict === 'error' || (c.wasm && c.wasm.verdict !== c.rego.verdict),
  );
  return { policies, onlyKyverno, onlyRego, cases, disagreements };
}

/** Verdicts of the compiled policies (policies/policy.wasm) with @open-policy-agent/opa-wasm, as `sccp verify` evaluates them. */
function wasmEvaluator(source: PolicySource, parameters?: Record<string, unknown>): (id: string, resource: unknown) => EngineVerdict {
  // opa-wasm is a dependency of @sccp/core (which loads policy.wasm for `sccp verify`): resolve it from there.
  const opaWasm = require.resolve('@open-policy-agent/opa-wasm', { paths: [path.dirname(require.resolve('@sccp/core'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadPolicySync } = require(opaWasm) as { loadPolicySync: (wasm: Buffer) => any };
  const policy = loadPolicySync(fs.readFileSync(path.join(source.packageDir, POLICY_WASM)));
  policy.setData(parameters ? { parameters } : {});
  return (id, resource) => {
    try {
      const value = policy.evaluate(resource, regoEntrypoint(id))?.[0]?.result;
      const messages = Array.isArray(value) ? value.map(String).sort() : [];
      return messages.length ? { verdict: 'deny', messages } : { verdict: 'admit', messages: [] };
    } catch (e) {
      return { verdict: 'error', messages: [String((e as Error).message).split('\n')[0]] };
    }
  };
}

let crossCache: { key: unknown; groups: Fixture[][] } | undefined;
/** Cross-check resources as one group of fixture-like entries written to a temp dir (renamed to be unique). */
function crossGroups(resources: { origin: string; resource: any }[]): Fixture[][] {
  if (crossCache?.key === resources) return crossCache.groups;
  const dir = tmpDir('sccp-cross-');
  const group = resources.map(({ origin, resource }, i) => {
    const r = structuredClone(resource);
    r.metadata = { ...(r.metadata ?? {}), name: `${r.metadata?.name ?? 'unnamed'}-x${i}` };
    const file = path.join(dir, `${i}.yaml`);
    fs.writeFileSync(file, `# from ${origin}\n` + emitYaml(r));
    return { policy: '', expect: 'pass' as const, file, resource: r, any: true, origin };
  });
  crossCache = { key: resources, groups: [group] };
  return crossCache.groups;
}

/** Kyverno prefixes the message of pattern rules with "validation error: " and of CEL rules with a static message with "validation failure: ". */
export function withoutKyvernoPrefix(message: string): string {
  return message.replace(/^validation (error|failure): /, '');
}

/** One line per disagreement, for assertion messages and reports. */
export function describeDisagreements(report: DifferentialReport): string {
  return report.disagreements
    .map(
      (c) =>
        `${c.policy} ${c.file} (${c.resource}, expected ${c.expect}): kyverno ${c.kyverno.verdict} ${JSON.stringify(c.kyverno.messages)} vs rego ${c.rego.verdict} ${JSON.stringify(c.rego.messages)}` +
        (c.wasm && c.wasm.verdict !== c.rego.verdict ? ` vs wasm ${c.wasm.verdict} ${JSON.stringify(c.wasm.messages)}` : ''),
    )
    .join('\n');
}

/**
 * A uvu suite: the engines agree on every fixture, and each agrees with the fixture's expectation
 * (pass-* admitted, fail-* denied with messages naming the policy). `expectOnlyKyverno` /
 * `expectOnlyRego`: the ids allowed to exist for one engine only (documented gaps).
 */
export function differentialSuite(
  name: string,
  source: PolicySource,
  opts: DifferentialOptions & { expectOnlyKyverno?: string[]; expectOnlyRego?: string[] } = {},
) {
  const t = suite(`${name}: one behaviour, two engines`);
  let report: DifferentialReport | undefined;
  const get = () => (report ??= differential(source, opts));
  t('every policy exists in both engines (or is a documented single-engine policy)', () => {
    const r = get();
    assert.equal(r.onlyKyverno, opts.expectOnlyKyverno ?? []);
    assert.equal(r.onlyRego, opts.expectOnlyRego ?? []);
  });
  t('kyverno apply, opa eval (and the compiled wasm) give the same verdict on every fixture', () => {
    const r = get();
    assert.ok(r.cases.length > 0, 'at least one fixture was compared');
    assert.is(r.disagreements.length, 0, describeDisagreements(r));
  });
  t('both engines follow the fixture expectations, and deny messages name the policy', () => {
    for (const c of get().cases) {
      if (c.expect === 'any') continue;
      const want = c.expect === 'pass' ? 'admit' : 'deny';
      assert.is(c.kyverno.verdict, want, `kyverno: ${c.file} ${c.resource}`);
      assert.is(c.rego.verdict, want, `rego: ${c.file} ${c.resource}`);
      if (c.wasm) assert.is(c.wasm.verdict, want, `wasm: ${c.file} ${c.resource}`);
      for (const m of [...c.kyverno.messages.map(withoutKyvernoPrefix), ...c.rego.messages]) assert.ok(m.startsWith(`${c.policy}: `), `message names the policy: ${m}`);
    }
  });
  return t;
}

export interface GatorResult extends RunResult {
  /** The generated suite directory (templates, constraints, fixtures, suite.yaml). */
  dir: string;
  /** Number of cases in the suite. */
  cases: number;
}

/**
 * Convert every Rego policy of a package with `gatekeeperPolicies` (core) and run the same
 * fixtures under `gator verify`: pass-* must give no violation, fail-* at least one whose message
 * names the policy. `opts` are the Constraint options (parameters become `spec.parameters`).
 */
export function gatorVerify(
  source: PolicySource,
  opts: ConstraintTemplateOptions & {
    policies?: string[];
    /** Override a fixture's expectation (e.g. under non-default parameters). */
    expect?: (f: Fixture) => 'pass' | 'fail';
  } = {},
): GatorResult {
  const { policies: only, expect, ...constraintOpts } = opts;
  const dir = tmpDir('sccp-gator-');
  const all = fixtures(source.packageDir);
  const tests: Record<string, unknown>[] = [];
  let cases = 0;
  for (const p of gatekeeperPolicies(source, { enforcementAction: 'deny', ...constraintOpts })) {
    if (only && !only.includes(p.id)) continue;
    fs.mkdirSync(path.join(dir, p.id, 'fixtures'), { recursive: true });
    fs.writeFileSync(path.join(dir, p.id, 'template.yaml'), emitYaml(p.template));
    fs.writeFileSync(path.join(dir, p.id, 'constraint.yaml'), emitYaml(p.constraint));
    const fx = all.filter((f) => f.policy === p.id);
    const testCases = fx.map((f, i) => {
      const file = `fixtures/${i}-${path.basename(f.file)}`;
      fs.writeFileSync(path.join(dir, p.id, file), emitYaml(f.resource));
      return {
        name: `${path.basename(f.file)} ${resourceKey({ kind: f.resource.kind, name: f.resource.metadata?.name })}`,
        object: `${p.id}/${file}`,
        assertions: (expect ? expect(f) : f.expect) === 'pass' ? [{ violations: 'no' }] : [{ violations: 'yes', message: `^${p.id}: ` }],
      };
    });
    cases += testCases.length;
    tests.push({ name: p.id, template: `${p.id}/template.yaml`, constraint: `${p.id}/constraint.yaml`, cases: testCases });
  }
  fs.writeFileSync(path.join(dir, 'suite.yaml'), emitYaml({ apiVersion: 'test.gatekeeper.sh/v1alpha1', kind: 'Suite', metadata: { name: 'sccp' }, tests }));
  const r = runEngine('gator', ['verify', path.join(dir, 'suite.yaml'), '--verbose']);
  return { ...r, dir, cases };
}

/** Parse every document of a YAML file (helper for tests reading generated suites). */
export function readYamlDocuments(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter((d) => d);
}
