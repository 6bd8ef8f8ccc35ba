import type Ajv from 'ajv';
import { parseAddressRange, parseCidr } from './cidr';
import { isWholeQuantity } from './quantity';
import { isClassName, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from './names';

const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$/;

/** Custom string formats, with the words used when a value does not match. */
export const FORMATS: Record<string, { test: (s: string) => boolean; expected: string }> = {
  'dns-label': { test: isDnsLabel, expected: "a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)" },
  'dns-subdomain': { test: isDnsSubdomain, expected: 'a DNS-1123 subdomain such as apps.example.com (lowercase, at most 253 characters)' },
  cidr: { test: (s) => parseCidr(s) !== null, expected: 'a network in CIDR notation with zero host bits, e.g. 192.168.10.0/24 or fd00:10::/64' },
  'address-range': { test: (s) => parseAddressRange(s) !== null, expected: 'a CIDR (192.168.10.240/28, fd00::/120) or a first-last range of one family' },
  'k8s-quantity': { test: (s) => QUANTITY.test(s), expected: 'a Kubernetes quantity such as 500m, 2, 512Mi or 20Gi' },
  'class-name': { test: isClassName, expected: 'a DNS-1123 subdomain that YAML reads as text, such as ceph-block (not 3, 1.5, 1e3, on or no: the upstream charts write it unquoted, and it would reach the API server as a number or a boolean)' },
  'k8s-bytes': { test: (s) => QUANTITY.test(s) && isWholeQuantity(s), expected: 'a whole number of bytes as a Kubernetes quantity, such as 512Mi, 20Gi or 1G (not 100m: the API server takes no fraction of a byte)' },
  'k8s-label-key': { test: isLabelKey, expected: "a Kubernetes label key such as node-role.kubernetes.io/infra ([prefix/]name: the prefix a DNS subdomain, the name at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)" },
  'k8s-label-value': { test: isLabelValue, expected: "a Kubernetes label value (empty, or at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)" },
};

export function addFormats(ajv: Ajv): void {
  for (const [name, f] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate: f.test });
}
