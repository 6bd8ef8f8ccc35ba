/**
 * Names and URLs of the Loki service. The wrapper sets the loki chart's `fullnameOverride: loki`, so
 * the single-binary Service (templates/single-binary/service.yaml, name `loki.singleBinaryFullname`)
 * is `loki` whatever the release is called, with its HTTP port `loki.server.http_listen_port` 3100.
 * The nginx gateway is disabled: clients talk to that Service directly.
 */
export const NAMESPACE = 'logging';
export const LOKI_FULLNAME = 'loki';
export const LOKI_HTTP_PORT = 3100;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Base URL of the Loki HTTP API in the given namespace (checked: it ends up in the Alloy config text). */
export function queryUrl(namespace: string = NAMESPACE): string {
  if (!DNS_LABEL.test(namespace)) throw new Error(`loki: namespace "${namespace}" is not a DNS-1123 label`);
  return `http://${LOKI_FULLNAME}.${namespace}.svc:${LOKI_HTTP_PORT}`;
}

export function pushUrl(namespace: string = NAMESPACE): string {
  return `${queryUrl(namespace)}/loki/api/v1/push`;
}
