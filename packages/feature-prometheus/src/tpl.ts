/**
 * The upstream chart passes some values through Helm's `tpl` (e.g. `prometheus.prometheusSpec.externalLabels`).
 * A user string containing `{{` would then be executed as a template. Every `{{` is replaced by the
 * Go-template action {{`{{`}} (a raw-string literal), which `tpl` prints back as `{{`: the value comes
 * out literally. Backquotes survive any YAML quoting style `toYaml` may pick.
 */
export function escapeForTpl(value: string): string {
  return value.replace(/\{\{/g, '{{`{{`}}');
}

/** escapeForTpl applied to every value of a string map. */
export function escapeMapForTpl(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, escapeForTpl(v)]));
}
