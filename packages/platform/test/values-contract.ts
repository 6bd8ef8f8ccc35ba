// The values contract between a wrapper chart and the upstream chart it wraps: every key path SCCP
// writes under the upstream chart's key must be one the chart knows. The rule (docs/testing.md):
//
//  1. known: the path is in the chart's values.yaml, its subcharts' values.yaml under the subchart's
//     key (alias or name), `global.*` of any of them, or a dependency's condition (`<sub>.enabled`);
//     below a key whose default is not a non-empty map (a scalar, list, null or `{}`) anything goes:
//     SCCP sets that key's value;
//  2. read: else the chart's templates read it, or something below it: `.Values.a.b` (also `$.Values`,
//     `$root.Values`, ...), `index .Values "a" "b"`, `index .Values.a "b"`, `hasKey .Values.a "b"`
//     (a subchart's templates read under its key, a library subchart's under the parent's);
//  3. passed through: else an ancestor is read whole into the output: `toYaml`/`toJson`/`tpl` of
//     `.Values.<ancestor>`, of a variable bound to it, or of `.` inside `with`/`range .Values.<ancestor>`.
//     Then the chart copies the key into an object (a config map, an annotation map, a CR spec) as is.
import { parse } from 'yaml';
import { tarFiles } from '../src/vendor-tar';

type Path = string[];

export interface ChartModel {
  name: string;
  version: string;
  /** The chart's defaults with every subchart's under its key (and their globals under global). */
  defaults: Record<string, unknown>;
  /** What the templates (and template text in values.yaml, rendered with tpl) read, in this chart's coordinates. */
  reads: Reads;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (isMap(v) && isMap(target[k])) mergeInto(target[k] as Record<string, unknown>, v);
    else if (!(k in target) || (isMap(v) && !isMap(target[k]))) target[k] = v;
  }
}

const FIELD = '[A-Za-z_][A-Za-z0-9_]*';
const quoted = (s: string) => [...s.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const fields = (s: string) => s.split('.').filter(Boolean);
/** A reference to values: `.Values.a.b`, `$.Values.a`, `$root.Values.a`, `.ctx.Values.a` (the receiver does not matter). */
const BASE = `\\$?[A-Za-z0-9_.]*?\\.Values((?:\\.${FIELD})*)`;
const RE = {
  /** index .Values "a" "b", index .Values.a "b" */
  index: new RegExp(`\\bindex\\s+\\(?\\s*${BASE}\\s*\\)?((?:\\s+"[^"]*")+)`, 'g'),
  /** hasKey .Values.a "b" */
  hasKey: new RegExp(`\\bhasKey\\s+\\(?\\s*${BASE}\\s*\\)?\\s+"([^"]*)"`, 'g'),
  /** dig "a" "b" <default> .Values.x */
  dig: new RegExp(`\\bdig\\s+((?:"[^"]*"\\s+)+)([^"]*?)${BASE}`, 'g'),
  values: new RegExp(`${BASE}`, 'g'),
};
const WHOLE = /\b(toYaml|toJson|toPrettyJson|toRawJson|tpl)\b/;

export interface Reads {
  /** Paths read (or something below them); "*" matches any key. */
  reads: Path[];
  /** Paths read whole into the output (toYaml/tpl): anything below them is passed through. */
  wholesale: Path[];
  /** Maps whose keys are iterated (`range $k, $v := ...`): any key directly below them is passed through. */
  keys: Path[];
  /** Field chains `.a.b` of the templates: a key read through a context (`(dict "service" $svc)` → `.service.ipFamilies`). */
  pairs: Set<string>;
}

/** What template text reads from .Values (see the rule at the top). */
export function templateReads(text: string): Reads {
  const out: Reads = { reads: [], wholesale: [], keys: [], pairs: new Set() };
  /** Variables bound to values paths (`$x := .Values.a | default .Values.b`: both). */
  const vars = new Map<string, Path[]>();
  /** Open blocks: the values paths `.` is inside with/range, 'inherit' (if) or 'unknown' (define, or not values). */
  const stack: (Path[] | 'inherit' | 'unknown')[] = [];
  const dotPaths = (): Path[] => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i] !== 'inherit') return stack[i] === 'unknown' ? [] : (stack[i] as Path[]);
    return [];
  };
  const each = (ps: Path[]) => ps.map((p) => [...p, '*']);
  for (const m of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    const raw = m[1].trim();
    if (raw.startsWith('/*')) continue;
    // the variables a binding declares are not references: `range $k, $v := X`, `$x := X`, `$x = X`
    let action = raw.replace(/^(range\s+)?\$\w+\s*(,\s*\$\w+\s*)?:?=(?!=)/, '$1');
    for (const c of raw.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(new RegExp(`(?:\\.${FIELD}){2,}`, 'g'))) {
      const f = fields(c[0]);
      for (let i = 1; i < f.length; i++) out.pairs.add(`${f[i - 1]}.${f[i]}`);
    }
    /** Complete references (the value itself, not a field of it) of this action. */
    const complete: Path[] = [];
    const take = (re: RegExp, path: (g: RegExpMatchArray) => Path, whole: boolean) => {
      action = action.replace(re, (...a) => {
        const g = a.slice(0, -2) as unknown as RegExpMatchArray;
        const p = path(g);
        out.reads.push(p);
        if (whole) complete.push(p);
        return ' ';
      });
    };
    take(RE.index, (g) => [...fields(g[1]), ...quoted(g[2])], true);
    take(RE.hasKey, (g) => [...fields(g[1]), g[2]], false);
    take(RE.dig, (g) => [...fields(g[3]), ...(g[2].trim() ? quoted(g[1]) : quoted(g[1]).slice(0, -1))], true);
    // what string literals say (".Values.a is required") is no reference
    action = action.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
    action = action.replace(new RegExp(`${BASE}(\\.${FIELD})*(?![\\w.])`, 'g'), (r, f: string) => {
      const p = fields(f);
      out.reads.push(p);
      complete.push(p);
      return ' ';
    });
    // $var and $var.field: a variable bound to a values path reads below it
    const refs: Path[] = [];
    action = action.replace(new RegExp(`\\$(${FIELD})((?:\\.${FIELD})*)`, 'g'), (r, v: string, f: string) => {
      const at = vars.get(v);
      if (!at) return r;
      for (const p of at) {
        out.reads.push([...p, ...fields(f)]);
        refs.push([...p, ...fields(f)]);
      }
      return ' ';
    });
    // .field inside with/range .Values...: relative to that path
    const dot = dotPaths();
    const dotWhole = /(^|[\s(|,])\.(?=$|[\s)|,])/.test(action);
    for (const r of action.matchAll(new RegExp(`(?:^|[\\s(|,])((?:\\.${FIELD})+)`, 'g'))) for (const p of dot) out.reads.push([...p, ...fields(r[1])]);
    const targets = [...complete, ...refs, ...(dotWhole ? dot : [])];
    if (WHOLE.test(action)) out.wholesale.push(...targets);
    const range = /^range\s+\$\w+\s*,\s*\$(\w+)\s*:=/.exec(raw);
    if (range) {
      // range $k, $v := <map>: the keys are data; $v is each value
      out.keys.push(...targets);
      if (targets.length) vars.set(range[1], each(targets));
    } else {
      const single = /^range\s+\$(\w+)\s*:=/.exec(raw);
      if (single && targets.length) vars.set(single[1], each(targets));
      const bind = /^\$(\w+)\s*:?=(?!=)\s*(.*)$/s.exec(raw);
      // $x := .Values.a (or default/omit/merge/deepCopy of values): $x stands for them; `=` adds to a variable's paths
      if (bind && targets.length && !/\b(set|unset|append|prepend|printf|include|tpl|get)\b|\b(dict|list)\s+["$.(]/.test(bind[2])) vars.set(bind[1], targets);
    }
    const block = /^(if|with|range|define|block)\b/.exec(raw)?.[1];
    if (block === 'if') stack.push('inherit');
    else if (block === 'with') stack.push(targets.length ? targets : 'unknown');
    else if (block === 'range') stack.push(targets.length ? each(targets) : 'unknown');
    else if (block) stack.push('unknown');
    else if (/^end\b/.test(raw)) stack.pop();
  }
  const nonEmpty = (ps: Path[]) => ps.filter((p) => p.length);
  return { reads: nonEmpty(out.reads), wholesale: nonEmpty(out.wholesale), keys: nonEmpty(out.keys), pairs: out.pairs };
}

interface RawChart {
  meta: any;
  values: Record<string, unknown>;
  templates: string[];
  subcharts: RawChart[];
}

/** A chart from its files (path relative to the chart's folder → content), subcharts as folders or archives. */
function rawChart(files: Map<string, Buffer>): RawChart {
  const meta = parse(files.get('Chart.yaml')?.toString('utf8') ?? '{}') ?? {};
  const values = files.has('values.yaml') ? (parse(files.get('values.yaml')!.toString('utf8')) ?? {}) : {};
  const templates = [...files].filter(([f]) => /^templates\/.*\.(ya?ml|tpl|txt|json)$/.test(f)).map(([, b]) => b.toString('utf8'));
  // template text in values.yaml (charts render it with tpl, e.g. loki.config) reads values too
  const strings = (v: unknown): string[] => (typeof v === 'string' ? (v.includes('{{') ? [v] : []) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
  templates.push(...strings(values));
  const subDirs = new Map<string, Map<string, Buffer>>();
  const subcharts: RawChart[] = [];
  for (const [f, b] of files) {
    const m = /^charts\/([^/]+)\/(.+)$/.exec(f);
    if (m) (subDirs.get(m[1]) ?? subDirs.set(m[1], new Map()).get(m[1])!).set(m[2], b);
    else if (/^charts\/[^/]+\.tgz$/.test(f)) subcharts.push(rawChart(chartFiles(b)));
  }
  for (const sub of subDirs.values()) if (sub.has('Chart.yaml')) subcharts.push(rawChart(sub));
  return { meta, values: isMap(values) ? values : {}, templates, subcharts };
}

/** The files of a packaged chart, relative to its top-level folder (checked as sccp vendor checks them). */
export function chartFiles(tgz: Buffer): Map<string, Buffer> {
  const all = tarFiles(tgz, () => true);
  const out = new Map<string, Buffer>();
  for (const [f, b] of all) out.set(f.split('/').slice(1).join('/'), b);
  return out;
}

/** The model of a packaged chart and its subcharts, all in the chart's own values coordinates. */
export function chartModel(tgz: Buffer): ChartModel {
  const top = rawChart(chartFiles(tgz));
  const defaults: Record<string, unknown> = {};
  const reads: Reads = { reads: [], wholesale: [], keys: [], pairs: new Set() };
  const add = (c: RawChart, at: Path) => {
    const vals = structuredClone(c.values);
    const global = isMap(vals.global) ? vals.global : undefined;
    delete vals.global;
    let node = defaults;
    for (const k of at) node = (isMap(node[k]) ? node[k] : (node[k] = {})) as Record<string, unknown>;
    mergeInto(node, vals);
    if (global) mergeInto((isMap(defaults.global) ? defaults.global : (defaults.global = {})) as Record<string, unknown>, global);
    const place = (p: Path) => (p[0] === 'global' ? p : [...at, ...p]);
    for (const t of c.templates) {
      const r = templateReads(t);
      reads.reads.push(...r.reads.map(place));
      reads.wholesale.push(...r.wholesale.map(place));
      reads.keys.push(...r.keys.map(place));
      for (const pair of r.pairs) reads.pairs.add(pair);
    }
    for (const d of c.meta.dependencies ?? []) {
      const key = d.alias ?? d.name;
      for (const cond of String(d.condition ?? '').split(',').map((s) => s.trim()).filter(Boolean)) reads.reads.push([...at, ...fields(cond)]);
      const sub = c.subcharts.find((s) => s.meta.name === d.name);
      if (!sub) continue;
      // a library chart's templates run with the caller's .Values
      add(sub, sub.meta.type === 'library' ? at : [...at, key]);
    }
    for (const sub of c.subcharts) {
      if ((c.meta.dependencies ?? []).some((d: any) => d.name === sub.meta.name)) continue;
      add(sub, sub.meta.type === 'library' ? at : [...at, sub.meta.name]);
    }
  };
  add(top, []);
  return { name: String(top.meta.name), version: String(top.meta.version), defaults, reads };
}

/** prefix is a prefix of p; "*" in either matches any key. */
const startsWith = (p: Path, prefix: Path) => prefix.length <= p.length && prefix.every((k, i) => k === p[i] || k === '*' || p[i] === '*');
export const dotted = (p: Path) => p.map((k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k))).join('.');

/** Every key path of `values` (what SCCP writes under the chart's key) the chart does not know, by the rule above. */
export function unknownKeys(values: unknown, model: ChartModel): string[] {
  const out: string[] = [];
  const { reads, wholesale, keys, pairs } = model.reads;
  const read = (p: Path) => reads.some((r) => startsWith(r, p));
  const passedThrough = (p: Path) => wholesale.some((w) => w.length < p.length && startsWith(p, w)) || keys.some((k) => k.length === p.length - 1 && startsWith(p, k));
  const viaContext = (p: Path) => p.length >= 2 && pairs.has(`${p[p.length - 2]}.${p[p.length - 1]}`);
  /** The templates read fields below p, and do not pass p (or an ancestor) through whole. */
  const readByField = (p: Path) => reads.some((r) => r.length > p.length && startsWith(r, p)) && !wholesale.some((w) => w.length <= p.length && startsWith(p, w)) && !keys.some((k) => k.length === p.length && startsWith(p, k));
  const walk = (v: unknown, d: unknown, at: Path) => {
    if (!isMap(v)) return;
    for (const [k, child] of Object.entries(v)) {
      const p = [...at, k];
      if (isMap(d) && k in d) {
        // a known key: look further where the default is a map with keys of its own, or an empty
        // map (or null) whose fields the templates read one by one (not a map they pass through)
        if (isMap(d[k]) && Object.keys(d[k] as object).length) walk(child, d[k], p);
        else if ((d[k] === null || isMap(d[k])) && isMap(child) && readByField(p)) walk(child, undefined, p);
        continue;
      }
      if (passedThrough(p)) continue;
      if (read(p) || viaContext(p)) walk(child, undefined, p);
      else out.push(dotted(p));
    }
  };
  walk(values, model.defaults, []);
  return out;
}
