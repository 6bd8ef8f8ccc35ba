/**
 * The upstream chart passes `additionalEndpoints` through Helm's `tpl` (templates/query/deployment.yaml:
 * `--endpoint={{ tpl . $ }}`), so a `{{` in an endpoint would be executed. Every `{{` is replaced by the
 * Go-template action {{`{{`}} (a raw-string literal), which `tpl` prints back as `{{`.
 */
export function escapeForTpl(value: string): string {
  return value.replace(/\{\{/g, '{{`{{`}}');
}
