import * as path from 'node:path';
import { defineFeature, groupKinds, parseAddressRange, type IpFamily } from '@sccp/core';
import { renderValues } from './render';
import { validateValues } from './validate';
import type { MetallbValues } from './values.generated';

export type { MetallbValues } from './values.generated';

/** Service annotation MetalLB 0.14 reads to pick a pool (controller/service.go, AnnotationAddressPool). */
export const POOL_ANNOTATION = 'metallb.io/address-pool';

/** IP families of a pool's ranges, IPv4 first. */
export function poolFamilies(addresses: readonly string[]): IpFamily[] {
  const found = new Set(addresses.map((a) => parseAddressRange(a)?.family).filter((f): f is IpFamily => !!f));
  return (['IPv4', 'IPv6'] as const).filter((f) => found.has(f));
}

export default defineFeature<MetallbValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'metallb',
  description: 'Bare-metal load balancer: IP address pools announced over L2 or BGP',
  namespace: 'metallb-system',
  dependsOn: [],
  optionalDependsOn: ['prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'apiextensions.k8s.io/CustomResourceDefinition',
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'apps/DaemonSet', 'apps/Deployment',
      'metallb.io/IPAddressPool', 'metallb.io/L2Advertisement', 'monitoring.coreos.com/PrometheusRule',
      'monitoring.coreos.com/ServiceMonitor', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [
    {
      name: 'metallb',
      version: '0.14.9',
      repository: 'https://metallb.github.io/metallb',
      source:
        'metallb/metallb charts/metallb/Chart.yaml @ 5765ee504d21a3a237d9dab223ca707661269ecd (0.14.9); values: charts/metallb/README.md @ a3cf4e614fa26a5d2643bd6a71a1609a4737baf1; templates/servicemonitor.yaml, charts/crds/templates/crds.yaml, controller/service.go @ abd9bc4819df12c3b902ccf99b213dfd3a1bee11 (0.14.8)',
    },
  ],
  profiles: {
    // kind runs a single control-plane node, which kubeadm labels
    // node.kubernetes.io/exclude-from-external-load-balancers: MetalLB >= 0.14 would announce nothing.
    kind: { speaker: { ignoreExcludeLB: true } },
  },
  supportedProfiles: {
    profiles: ['bare-metal', 'kind'],
    reason: 'on a cloud the provider\'s load balancer serves LoadBalancer Services; remove metallb from features',
  },
  validate: validateValues,
  provides(values) {
    return {
      loadBalancer: {
        annotation: POOL_ANNOTATION,
        // checked in metallb/metallb controller/service.go @ abd9bc48 (0.14.8): comma-separated addresses, one per family
        addressesAnnotation: 'metallb.io/loadBalancerIPs',
        pools: (values.pools ?? []).map((p) => ({ name: p.name, families: poolFamilies(p.addresses) })),
      },
    };
  },
  render: renderValues,
});
