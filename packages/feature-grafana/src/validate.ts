import type { ValuesProblem } from '@sccp/core';
import type { GrafanaValues } from './values.generated';

/** Semantic checks beyond schema.json. */
export function validateValues(values: GrafanaValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const s = values.admin?.existingSecret;
  if (s && (s.userKey ?? 'admin-user') === (s.passwordKey ?? 'admin-password')) {
    problems.push({ pointer: '/admin/existingSecret/passwordKey', message: 'the password key must differ from userKey, or the user name would be the password' });
  }
  return problems;
}
