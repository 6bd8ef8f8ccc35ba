package sccp.operations_service_exposure_test

import data.sccp.operations_service_exposure as policy

params := {"tenantNamespaces": {
	"edge": {"tenant": "edge", "critical": false, "serviceTypes": ["LoadBalancer"]},
	"shop": {"tenant": "shop", "critical": false, "serviceTypes": []},
}}

service(ns, type) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": ns}, "spec": {"type": type}}

test_undeclared_load_balancer_denied if {
	some msg in policy.deny with input as service("shop", "LoadBalancer") with data.parameters as params
	msg == "operations-service-exposure: Service shop/web: type LoadBalancer in a namespace of tenant \"shop\", which declares no LoadBalancer Services (set tenants[].quota.loadBalancers in platform.yaml, or reach the workload through the ingress controller)"
}

test_declared_type_allowed_other_denied if {
	count(policy.deny) == 0 with input as service("edge", "LoadBalancer") with data.parameters as params
	count(policy.deny) == 1 with input as service("edge", "NodePort") with data.parameters as params
}

test_cluster_ip_and_default_type_allowed if {
	count(policy.deny) == 0 with input as service("shop", "ClusterIP") with data.parameters as params
	count(policy.deny) == 0 with input as object.remove(service("shop", "x"), ["spec"]) with data.parameters as params
}

test_outside_tenant_namespaces_and_without_parameters if {
	count(policy.deny) == 0 with input as service("traefik", "LoadBalancer") with data.parameters as params
	count(policy.deny) == 0 with input as service("shop", "LoadBalancer")
}

test_other_group_service_ignored if {
	knative := object.union(service("shop", "LoadBalancer"), {"apiVersion": "serving.knative.dev/v1"})
	count(policy.deny) == 0 with input as knative with data.parameters as params
}
