/**
 * An evaluator of kyverno-json ValidatingPolicies (json.kyverno.io/v1alpha1) in TypeScript, so
 * platform guardrails run inside `sccp validate` without Go. It follows the assertion-tree
 * semantics of kyverno-json (pkg/engine/assert, pkg/matching, pkg/json-engine at the version pinned
 * in tools/kyverno-json/go.mod) and uses the JMESPath dialect it uses (JMESPath Community).
 * A differential test runs every guardrail and fixture through the real `kyverno-json scan` and
 * asserts the same verdicts and messages. Of kyverno-json's custom JMESPath functions only Kyverno's
 * `items` is provided; a policy that calls another fails with an error, never silently.
 */
import { TYPE_ANY, TYPE_STRING, TreeInterpreter, compile, register } from '@jmespath-community/jmespath';

/**
 * kyverno-json replaces JMESPath's `items(object)` with Kyverno's `items(object|array, keyName,
 * valName)`: an array of `{keyName: key, valName: value}` objects, keys sorted (indexes for arrays).
 * Registered here so guardrails mean the same thing in both evaluators.
 */
register(
  'items' as never,
  ([input, keyName, valName]: any[]) => {
    if (Array.isArray(input)) return input.map((v, i) => ({ [keyName]: i, [valName]: v }));
    if (input && typeof input === 'object') return Object.keys(input).sort().map((k) => ({ [keyName]: k, [valName]: input[k] }));
    throw new Error('invalid type for items(): expected an object or an array');
  },
  [{ types: [TYPE_ANY] }, { types: [TYPE_STRING] }, { types: [TYPE_STRING] }],
  { override: true },
);

export interface KjAssertion {
  check: unknown;
  message?: string;
}
export interface KjRule {
  name: string;
  context?: { name: string; variable: unknown }[];
  identifier?: string;
  match?: { any?: unknown[]; all?: unknown[] };
  exclude?: { any?: unknown[]; all?: unknown[] };
  assert: { any?: KjAssertion[]; all?: KjAssertion[] };
}
export interface KjPolicy {
  apiVersion: 'json.kyverno.io/v1alpha1';
  kind: 'ValidatingPolicy';
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { rules: KjRule[] };
}

export interface KjViolation {
  /** The assertion's message, templated (`{{ expr }}` evaluated on the payload). */
  message: string;
  /** Where the tree did not hold, with kyverno-json's field paths (`any[0].check.spec.tls`) and error types. */
  errors: KjFieldError[];
}
export interface KjFieldError {
  type: 'FieldValueRequired' | 'FieldValueInvalid';
  field: string;
  detail: string;
}
export interface KjRuleResult {
  policy: string;
  rule: string;
  identifier: string;
  status: 'pass' | 'fail' | 'error';
  violations: KjViolation[];
  error?: string;
}

type Scope = Record<string, unknown>;
type Path = string;
class EvalError extends Error {}

const kind = (v: unknown) => (v === null || v === undefined ? 'nil' : Array.isArray(v) ? 'slice' : typeof v === 'object' ? 'map' : typeof v);
const child = (p: Path, k: string) => (p ? `${p}.${k}` : k);
const index = (p: Path, i: number | string) => `${p}[${i}]`;

const compiled = new Map<string, ReturnType<typeof compile>>();
/** Evaluate a JMESPath statement on `value` with `$name` bindings; `$` is the value itself. */
function execute(statement: string, value: unknown, scope: Scope): unknown {
  let node = compiled.get(statement);
  if (!node) {
    try {
      node = compile(statement);
    } catch (e) {
      throw new EvalError(`invalid expression ${JSON.stringify(statement)}: ${(e as Error).message}`);
    }
    compiled.set(statement, node);
  }
  const it = TreeInterpreter.withScope(scope as any) as any;
  it._rootValue = value;
  try {
    return it.visit(node, value ?? null);
  } catch (e) {
    throw new EvalError((e as Error).message);
  }
}

interface Expression {
  foreach: boolean;
  foreachName: string;
  statement: string;
  binding: string;
  engine: string;
}

const FOREACH = /^~(\w+)?\.(.*)/s;
const BINDING = /(.*)\s*->\s*(\w+)$/s;
const ESCAPE = /^\\(.+)\\$/s;
const ENGINE = /^\((?:(\w+):)?(.+)\)$/s;

function parseExpression(value: unknown): Expression | undefined {
  if (typeof value !== 'string') return undefined;
  let input = value;
  const e: Expression = { foreach: false, foreachName: '', statement: '', binding: '', engine: '' };
  let m = FOREACH.exec(input);
  if (m) {
    e.foreach = true;
    e.foreachName = m[1] ?? '';
    input = m[2];
  }
  m = BINDING.exec(input);
  if (m) {
    e.binding = m[2];
    input = m[1];
  }
  m = ESCAPE.exec(input);
  if (m) input = m[1];
  else {
    m = ENGINE.exec(input);
    if (m) {
      e.engine = m[1] || 'jp';
      input = m[2];
    }
  }
  e.statement = input;
  return e.statement === '' ? undefined : e;
}

interface Projection {
  foreach: boolean;
  foreachName: string;
  binding: string;
  result: unknown;
}

function project(key: string, value: unknown, scope: Scope): Projection | undefined {
  const e = parseExpression(key);
  if (e) {
    if (e.engine) return { ...e, result: execute(e.statement, value, scope) };
    if (value === null || value === undefined) return undefined;
    if (kind(value) === 'map') {
      if (!Object.prototype.hasOwnProperty.call(value, e.statement)) return undefined;
      return { ...e, result: (value as Record<string, unknown>)[e.statement] };
    }
  }
  if (kind(value) === 'map') {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    return { foreach: false, foreachName: '', binding: '', result: (value as Record<string, unknown>)[key] };
  }
  throw new EvalError(`${key}: projection not recognized`);
}

const invalid = (field: string, detail: string): KjFieldError => ({ type: 'FieldValueInvalid', field, detail });

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null);
}

function matchScalar(expected: unknown, actual: unknown): boolean {
  const e = expected ?? null;
  const a = actual ?? null;
  if (e === null || a === null) return e === a;
  if (typeof e === typeof a) return JSON.stringify(e) === JSON.stringify(a);
  throw new EvalError(`types are not comparable, ${kind(expected)} - ${kind(actual)}`);
}

function match(expected: unknown, actual: unknown): boolean {
  if (expected !== null && expected !== undefined) {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) throw new EvalError(`invalid actual value, must be a slice, found ${kind(actual)}`);
      return expected.length === actual.length && expected.every((x, i) => match(x, actual[i]));
    }
    if (kind(expected) === 'map') {
      if (kind(actual) !== 'map') throw new EvalError(`invalid actual value, must be a map, found ${kind(actual)}`);
      return Object.entries(expected as Record<string, unknown>).every(
        ([k, v]) => Object.prototype.hasOwnProperty.call(actual, k) && match(v, (actual as Record<string, unknown>)[k]),
      );
    }
  }
  return matchScalar(expected, actual);
}

/** Assert a tree against a value: the list of places where it does not hold. */
function assertTree(tree: unknown, path: Path, value: unknown, scope: Scope): KjFieldError[] {
  if (Array.isArray(tree)) {
    if (value === null || value === undefined) return [invalid(path, 'value is null')];
    if (!Array.isArray(value)) throw new EvalError(`${path}: Invalid value: expected a slice`);
    if (value.length !== tree.length) return [invalid(path, "lengths of slices don't match")];
    return tree.flatMap((t, i) => assertTree(t, index(path, i), value[i], scope));
  }
  if (kind(tree) === 'map') {
    const entries = Object.entries(tree as Record<string, unknown>);
    if (!entries.length) return value === null || value === undefined ? [invalid(path, 'invalid value, must not be null')] : [];
    const errs: KjFieldError[] = [];
    for (const [k, sub] of entries) {
      const p = project(k, value, scope);
      if (!p) {
        errs.push({ type: 'FieldValueRequired', field: child(path, k), detail: 'field not found in the input object' });
        continue;
      }
      let s = scope;
      if (p.binding) s = { ...s, [p.binding]: p.result };
      if (p.foreach) {
        if (Array.isArray(p.result)) {
          p.result.forEach((item, i) => errs.push(...assertTree(sub, index(child(path, k), i), item, p.foreachName ? { ...s, [p.foreachName]: i } : s)));
        } else if (kind(p.result) === 'map') {
          for (const [mk, mv] of Object.entries(p.result as Record<string, unknown>)) {
            errs.push(...assertTree(sub, index(child(path, k), mk), mv, p.foreachName ? { ...s, [p.foreachName]: mk } : s));
          }
        } else throw new EvalError(`${child(path, k)}: Invalid value: expected a slice or a map`);
      } else errs.push(...assertTree(sub, child(path, k), p.result, s));
    }
    return errs;
  }
  let rhs = tree;
  const e = parseExpression(tree);
  if (e && e.engine) {
    if (e.foreachName) throw new EvalError(`${path}: foreach is not supported on the RHS`);
    if (e.binding) throw new EvalError(`${path}: binding is not supported on the RHS`);
    rhs = execute(e.statement, value, scope);
  }
  return match(rhs, value) ? [] : [invalid(path, `Expected value: ${show(rhs)}`)];
}

/** kyverno-json's message templating: each `{{ expr }}` is replaced by its (string) value. */
function templateString(text: string, value: unknown, scope: Scope): string {
  return text.replace(/{{(.*?)}}/g, (whole, expr: string) => {
    const statement = expr.trim();
    try {
      const r = execute(statement, value, scope);
      if (r === null || r === undefined) return `ERR (${statement} not found)`;
      if (typeof r !== 'string') return `ERR (${statement} not a string)`;
      return r;
    } catch (e) {
      return `ERR (${statement} - ${(e as Error).message})`;
    }
  });
}

function matchBlock(block: { any?: unknown[]; all?: unknown[] } | undefined, path: Path, value: unknown, scope: Scope): KjFieldError[] {
  if (!block || (!block.any?.length && !block.all?.length)) throw new EvalError(`${path}: an empty match is not valid`);
  const errs: KjFieldError[] = [];
  if (block.any?.length) {
    const anyErrs: KjFieldError[] = [];
    let passed = false;
    for (const [i, t] of block.any.entries()) {
      const e = assertTree(t, index(child(path, 'any'), i), value, scope);
      if (!e.length) {
        passed = true;
        break;
      }
      anyErrs.push(...e);
    }
    if (!passed) errs.push(...anyErrs);
  }
  if (block.all?.length) block.all.forEach((t, i) => errs.push(...assertTree(t, index(child(path, 'all'), i), value, scope)));
  return errs;
}

function assertBlock(block: KjRule['assert'], value: unknown, scope: Scope): KjViolation[] {
  if (!block || (!block.any?.length && !block.all?.length)) throw new EvalError('an empty assert is not valid');
  if (block.any?.length) {
    const fails: KjViolation[] = [];
    let passed = false;
    for (const [i, a] of block.any.entries()) {
      const errors = assertTree(a.check, child(index('any', i), 'check'), value, scope);
      if (!errors.length) {
        passed = true;
        break;
      }
      fails.push({ message: a.message ? templateString(a.message, value, scope) : '', errors });
    }
    if (!passed) return fails;
  }
  const fails: KjViolation[] = [];
  for (const [i, a] of (block.all ?? []).entries()) {
    const errors = assertTree(a.check, child(index('all', i), 'check'), value, scope);
    if (errors.length) fails.push({ message: a.message ? templateString(a.message, value, scope) : '', errors });
  }
  return fails;
}

function contextScope(scope: Scope, rule: KjRule, value: unknown): Scope {
  let s = scope;
  for (const entry of rule.context ?? []) {
    const outer = s;
    let cached: { v?: unknown; err?: Error } | undefined;
    const next: Scope = { ...outer };
    Object.defineProperty(next, entry.name, {
      enumerable: true,
      get() {
        if (!cached) {
          try {
            const e = parseExpression(entry.variable);
            if (e && e.engine) {
              if (e.foreach) throw new EvalError('foreach is not supported in context');
              if (e.binding) throw new EvalError('binding is not supported in context');
              cached = { v: execute(e.statement, value, outer) };
            } else cached = { v: entry.variable };
          } catch (err) {
            cached = { err: err as Error };
          }
        }
        if (cached.err) throw cached.err;
        return cached.v;
      },
    });
    s = next;
  }
  return s;
}

/** Run policies on one payload, like `kyverno-json scan`: one result per applicable rule. */
export function scanPayload(policies: KjPolicy[], payload: unknown, bindings: Record<string, unknown> = {}): KjRuleResult[] {
  const out: KjRuleResult[] = [];
  const base: Scope = { ...bindings, payload };
  for (const policy of policies) {
    for (const rule of policy.spec.rules) {
      let scope: Scope = { ...base, policy, rule };
      scope = contextScope(scope, rule, payload);
      let identifier = '';
      const result = (r: Partial<KjRuleResult>): KjRuleResult => ({ policy: policy.metadata.name, rule: rule.name, identifier, status: 'pass', violations: [], ...r });
      try {
        if (rule.identifier) {
          try {
            identifier = String(execute(rule.identifier, payload, scope));
          } catch (e) {
            identifier = `(error: ${(e as Error).message})`;
          }
        }
        if (rule.match && matchBlock(rule.match, '', payload, scope).length) continue;
        if (rule.exclude && !matchBlock(rule.exclude, '', payload, scope).length) continue;
        const violations = assertBlock(rule.assert, payload, scope);
        out.push(result({ status: violations.length ? 'fail' : 'pass', violations }));
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        out.push(result({ status: 'error', error: e.message }));
      }
    }
  }
  return out;
}
