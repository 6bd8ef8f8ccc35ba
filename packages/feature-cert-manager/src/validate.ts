import type { PlatformInfo, ValuesProblem } from '@sccp/core';
import { durationSeconds } from './duration';
import type { CertManagerValues } from './values.generated';

/** cert-manager's webhook rejects Certificates shorter than one hour. */
const MIN_SECONDS = 3600;

/** Semantic checks beyond schema.json. */
export function validateValues(values: CertManagerValues, _platform?: PlatformInfo): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  if (values.issuer === 'acme' && !values.acme?.email) {
    problems.push({ pointer: '/acme/email', message: 'an ACME account needs a contact address: set acme.email when issuer is acme' });
  }
  const max = durationSeconds(values.maxCertificateDuration ?? '2160h');
  const ca = durationSeconds(values.ca?.duration ?? '87600h');
  if (max !== undefined && max < MIN_SECONDS) {
    problems.push({ pointer: '/maxCertificateDuration', message: `${values.maxCertificateDuration} is shorter than 1h, the shortest certificate cert-manager issues` });
  }
  if (ca !== undefined && ca < MIN_SECONDS) {
    problems.push({ pointer: '/ca/duration', message: `${values.ca?.duration} is shorter than 1h, the shortest certificate cert-manager issues` });
  }
  if (max !== undefined && ca !== undefined && ca <= max) {
    problems.push({
      pointer: '/ca/duration',
      message: `the root CA (${values.ca?.duration}) must outlive the certificates it signs (maxCertificateDuration ${values.maxCertificateDuration}): a leaf certificate cannot be valid longer than its CA`,
    });
  }
  return problems;
}
