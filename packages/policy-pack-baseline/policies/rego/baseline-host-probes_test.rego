package sccp.baseline_host_probes_test

import data.sccp.baseline_host_probes as policy

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

test_probes_without_host_allowed if {
	c := object.union(good_container, {"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}}, "readinessProbe": {"tcpSocket": {"port": 8080, "host": ""}}})
	count(policy.deny) == 0 with input as pod({"containers": [c]})
}

test_probe_host_denied if {
	c := object.union(good_container, {"startupProbe": {"httpGet": {"host": "169.254.169.254", "port": 80}}})
	some msg in policy.deny with input as pod({"containers": [c]})
	startswith(msg, "baseline-host-probes: Pod shop/web: container(s) \"app\" set a host")
}

test_lifecycle_host_denied if {
	c := object.union(good_container, {"lifecycle": {"postStart": {"tcpSocket": {"host": "10.0.0.1", "port": 9000}}}})
	count(policy.deny) == 1 with input as deployment({"containers": [c], "ephemeralContainers": null})
}

test_ephemeral_container_checked if {
	c := object.union(good_container, {"name": "debug", "readinessProbe": {"httpGet": {"host": "example.com", "port": 80}}})
	count(policy.deny) == 1 with input as pod({"containers": [good_container], "ephemeralContainers": [c]})
}
