package sccp.baseline_sysctls_test

import data.sccp.baseline_sysctls as policy

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

test_safe_sysctls_allowed if {
	sysctls := [{"name": "net.ipv4.tcp_keepalive_time", "value": "60"}, {"name": "net.ipv4.tcp_notsent_lowat", "value": "16384"}]
	count(policy.deny) == 0 with input as pod({"securityContext": {"sysctls": sysctls}, "containers": [good_container]})
}

test_unsafe_sysctl_denied if {
	some msg in policy.deny with input as deployment({"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"}]}, "containers": [good_container]})
	msg == "baseline-sysctls: Deployment shop/api: sysctl(s) \"kernel.msgmax\" are not in the Pod Security baseline's safe set"
}
