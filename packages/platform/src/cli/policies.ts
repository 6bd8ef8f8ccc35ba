import * as fs from 'node:fs';
import { UsageError, UserError, closest, emitJson } from '@sccp/core';
import { controllerRuns, policySources, type PolicyExceptionSpec } from '../admission';
import { policyCatalog, type PolicyInfo } from '../catalog';
import type { Registry } from '../load';
import { BUILTIN_PACK_PACKAGES } from '../packs';

/** One row of `sccp policies`: the policy and what a platform does with it. */
export interface PolicyRow {
  id: string;
  title: string;
  severity: string;
  category: string;
  engines: string[];
  owner: string;
  ownerType: 'feature' | 'pack';
  package: string;
  /** enforce | audit | verify-only (no controller, or the controller cannot run it) | - (no platform given). */
  enforcement: string;
  exceptions: { namespaces: string[]; resource: string; reason: string; expires?: string; origin: string }[];
  description: string;
}

function rows(catalog: PolicyInfo[], enforcementOf: (p: PolicyInfo) => string, exceptions: PolicyExceptionSpec[]): PolicyRow[] {
  return catalog.map((p) => ({
    id: p.id,
    title: p.title,
    severity: p.severity,
    category: p.category,
    engines: p.engines,
    owner: p.owner.name,
    ownerType: p.owner.type,
    package: p.owner.packageName,
    enforcement: enforcementOf(p),
    exceptions: exceptions
      .filter((e) => e.policy === p.id)
      .map((e) => ({
        namespaces: e.namespaces,
        resource: e.kind ? `${e.kind}${e.name ? `/${e.name}` : ''}` : 'all',
        reason: e.reason,
        ...(e.expires ? { expires: e.expires } : {}),
        origin: e.origin.type === 'platform' ? 'platform' : `platform.yaml${e.origin.pointer}`,
      })),
    description: p.description,
  }));
}

/** The policies of a platform (enforcement, exceptions), or of every available feature and pack. */
export function policyRows(registry: Registry, platformFile: string | undefined): { scope: string; rows: PolicyRow[] } {
  if (!platformFile) {
    const catalog = policyCatalog(policySources(registry.list(), Object.keys(BUILTIN_PACK_PACKAGES).sort()));
    return { scope: 'every available feature and pack', rows: rows(catalog, () => '-', []) };
  }
  const { loadPlatform } = require('../load') as typeof import('../load');
  const { planPlatform } = require('../plan') as typeof import('../plan');
  const plan = planPlatform(loadPlatform(platformFile, registry));
  const a = plan.spec.admission;
  const enforcementOf = (p: PolicyInfo) => (controllerRuns(a.controller, p) ? a.enforcement : 'verify-only');
  return { scope: `${platformFile} (admission ${a.controller})`, rows: rows(plan.spec.policies, enforcementOf, plan.exceptions) };
}

function table(list: PolicyRow[]): string {
  const head = ['ID', 'SEVERITY', 'ENGINES', 'FROM', 'ENFORCEMENT', 'EXCEPTIONS', 'TITLE'];
  const body = list.map((r) => [r.id, r.severity, r.engines.join(','), r.owner, r.enforcement, String(r.exceptions.length), r.title]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

function explain(r: PolicyRow): string {
  const lines = [
    `${r.id}: ${r.title}`,
    '',
    `  from         ${r.owner} (${r.ownerType} ${r.package})`,
    `  severity     ${r.severity}`,
    `  category     ${r.category}`,
    `  engines      ${r.engines.join(', ')}`,
    `  enforcement  ${r.enforcement}`,
    '',
    wrap(r.description, 100, '  '),
    '',
  ];
  if (!r.exceptions.length) lines.push('  exceptions   none');
  else {
    lines.push('  exceptions');
    for (const e of r.exceptions) lines.push(`    - ${e.resource} in ${e.namespaces.join(', ')}${e.expires ? ` until ${e.expires}` : ''} (${e.origin}): ${e.reason}`);
  }
  return lines.join('\n') + '\n';
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > width) {
      out.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

/** `sccp policies [list|explain ID]`: returns the text (or JSON) to print. */
export function policiesCommand(args: string[], opts: { platform?: string; json: boolean }, registry: Registry): string {
  const [sub = 'list', id, ...extra] = args;
  if (extra.length || (sub === 'list' && id !== undefined)) throw new UsageError(`sccp policies: unexpected argument "${extra[0] ?? id}"`);
  if (sub !== 'list' && sub !== 'explain') throw new UsageError(`sccp policies: unknown subcommand "${sub}"; expected list or explain ID`);
  if (opts.platform && !fs.existsSync(opts.platform)) throw new UserError([{ file: opts.platform, message: 'no such file' }]);
  const { scope, rows: list } = policyRows(registry, opts.platform);
  if (sub === 'list') return opts.json ? emitJson({ scope, policies: list }, { sort: false }) : table(list);
  if (!id) throw new UsageError('sccp policies explain: which policy? `sccp policies explain ID` (ids: `sccp policies list`)');
  const row = list.find((r) => r.id === id);
  if (!row) {
    const near = closest(id, list.map((r) => r.id));
    throw new UserError(`no policy "${id}" in ${scope}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return opts.json ? emitJson(row, { sort: false }) : explain(row);
}
