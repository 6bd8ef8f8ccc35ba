package sccp.metallb_no_loadbalancerip_test

import data.sccp.metallb_no_loadbalancerip

lb(spec) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": object.union({"type": "LoadBalancer", "ports": [{"port": 80}]}, spec),
}

test_denies_loadbalancerip if {
	msgs := metallb_no_loadbalancerip.deny with input as lb({"loadBalancerIP": "192.168.10.241"})
	count(msgs) == 1
	some m in msgs
	startswith(m, "metallb-no-loadbalancerip: ")
	contains(m, "192.168.10.241")
}

test_allows_annotation if {
	svc := object.union(lb({}), {"metadata": {"name": "web", "annotations": {"metallb.io/loadBalancerIPs": "192.168.10.241"}}})
	count(metallb_no_loadbalancerip.deny) == 0 with input as svc
}

test_allows_empty_loadbalancerip if {
	count(metallb_no_loadbalancerip.deny) == 0 with input as lb({"loadBalancerIP": ""})
}

test_ignores_clusterip_services if {
	count(metallb_no_loadbalancerip.deny) == 0 with input as lb({"type": "ClusterIP", "loadBalancerIP": "192.168.10.241"})
}

test_ignores_other_kinds if {
	count(metallb_no_loadbalancerip.deny) == 0 with input as {"kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"type": "LoadBalancer", "loadBalancerIP": "1.2.3.4"}}
}
