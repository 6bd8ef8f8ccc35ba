import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NamedPolicySource } from './policy-pack';

/** Rego package of a policy id: `metallb-no-loadbalancerip` → `sccp.metallb_no_loadbalancerip`. */
export const regoPackage = (id: string) => `sccp.${id.replace(/-/g, '_')}`;
/** Wasm entrypoint of a policy's deny set. */
export const regoEntrypoint = (id: string) => `${regoPackage(id).replace(/\./g, '/')}/deny`;

/** Where a feature package ships its compiled policies (built by `npm run generate`, committed). */
export const POLICY_WASM = 'policies/policy.wasm';

export interface RegoVerdict {
  policy: string;
  messages: string[];
}

export interface RegoRunner {
  policies: string[];
  /** Deny messages of every policy for one input resource (policies with none are omitted). */
  evaluate(input: unknown): RegoVerdict[];
}

/** Ids of a feature's Rego policies, from its file list. */
export function regoPolicyIds(feature: NamedPolicySource): string[] {
  return feature.policies.rego.map((f) => path.basename(f, '.rego')).sort();
}

/**
 * Load a feature's compiled Rego (wasm) with @open-policy-agent/opa-wasm: no Go and no OPA needed
 * at runtime. `data` becomes the policies' `data` document (by convention
 * `{ parameters: { <feature>: <its values> } }`). Throws when the package ships Rego but no wasm.
 */
export function loadRegoRunner(feature: NamedPolicySource, data: Record<string, unknown> = {}): RegoRunner | undefined {
  const ids = regoPolicyIds(feature);
  if (!ids.length) return undefined;
  const file = path.join(feature.packageDir, POLICY_WASM);
  if (!fs.existsSync(file)) throw new Error(`${feature.packageName} ships Rego policies but no ${POLICY_WASM}; run \`npm run generate\``);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadPolicySync } = require('@open-policy-agent/opa-wasm') as { loadPolicySync: (wasm: Buffer) => any };
  const policy = loadPolicySync(fs.readFileSync(file));
  policy.setData(data);
  for (const id of ids) {
    if (!(regoEntrypoint(id) in policy.entrypoints)) throw new Error(`${file} has no entrypoint ${regoEntrypoint(id)}; run \`npm run generate\``);
  }
  return {
    policies: ids,
    evaluate(input) {
      const out: RegoVerdict[] = [];
      for (const id of ids) {
        const result = policy.evaluate(input, regoEntrypoint(id));
        const value = result?.[0]?.result;
        const messages = Array.isArray(value) ? value.map(String).sort() : [];
        if (messages.length) out.push({ policy: id, messages });
      }
      return out;
    },
  };
}
