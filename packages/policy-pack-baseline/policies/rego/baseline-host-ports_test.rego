package sccp.baseline_host_ports_test

import data.sccp.baseline_host_ports as policy

good_container := {
	"name": "app",
	"image": "registry.example.com/shop/web:1.4.2",
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
	"securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
}

pod_security := {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}

pod(spec) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "shop", "labels": {"app.kubernetes.io/name": "web", "sccp.dev/owner": "team-shop"}},
	"spec": spec,
}

deployment(spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "shop"},
	"spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/name": "api", "sccp.dev/owner": "team-shop"}}, "spec": spec}},
}

with_sc(c, sc) := object.union(c, {"securityContext": object.union(c.securityContext, sc)})

baseline := {"level": "baseline"}

test_container_port_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [object.union(good_container, {"ports": [{"containerPort": 8080}]})]})
}

test_host_port_denied if {
	c := object.union(good_container, {"ports": [{"containerPort": 8080, "hostPort": 8080}]})
	some msg in policy.deny with input as deployment({"containers": [c]})
	msg == "baseline-host-ports: Deployment shop/api: container(s) \"app\" use hostPort"
}

test_host_port_zero_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [object.union(good_container, {"ports": [{"containerPort": 80, "hostPort": 0}]})]})
}

test_init_container_with_null_containers_denied if {
	c := object.union(good_container, {"name": "init", "ports": [{"hostPort": 9100}]})
	count(policy.deny) == 1 with input as pod({"containers": null, "initContainers": [c]})
}

test_denied_at_baseline_too if {
	c := object.union(good_container, {"ports": [{"hostPort": 8080}]})
	count(policy.deny) == 1 with input as pod({"containers": [c]}) with data.parameters as baseline
}
