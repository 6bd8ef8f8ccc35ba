import type { ValuesProblem } from '@sccp/core';
import type { ArgocdValues } from './values.generated';

/** Semantic checks beyond schema.json. */
export function validateValues(values: ArgocdValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  if (values.admin?.enabled === false && !values.dex?.enabled) {
    problems.push({
      pointer: '/admin/enabled',
      message: 'the local admin user is disabled and dex (SSO) is not enabled: nobody could log in to Argo CD; enable dex or keep admin enabled',
    });
  }
  for (const [id, key] of Object.entries(values.gpg?.keys ?? {})) {
    if (/PRIVATE KEY/.test(key)) {
      problems.push({ pointer: `/gpg/keys/${id}`, message: 'contains a private key block: only ASCII-armoured public keys belong here (`gpg --export --armor <KEY>`)' });
    }
  }
  return problems;
}
