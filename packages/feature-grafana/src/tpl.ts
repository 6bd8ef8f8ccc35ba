/**
 * The upstream chart passes `datasources`, every string of `grafana.ini`, `serviceMonitor.labels`,
 * `admin.existingSecret` and the sidecar's label, label value and search namespaces through Helm's
 * `tpl`: a `{{` in them would be executed as a template. Everything this feature puts there is
 * platform-derived (capability URLs, validated host names, DNS labels); this guard makes sure of it
 * and fails the render loudly instead of shipping a value that Helm would evaluate.
 */
export function assertNoTemplate(where: string, value: unknown): void {
  if (typeof value === 'string') {
    if (value.includes('{{') || value.includes('}}')) throw new Error(`grafana: ${where} contains "{{" or "}}", which the upstream chart would execute through tpl: ${JSON.stringify(value)}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoTemplate(`${where}[${i}]`, v));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      assertNoTemplate(`${where} key`, k);
      assertNoTemplate(`${where}.${k}`, v);
    }
  }
}
