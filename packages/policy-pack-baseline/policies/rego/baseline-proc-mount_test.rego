package sccp.baseline_proc_mount_test

import data.sccp.baseline_proc_mount as policy

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

test_default_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [with_sc(good_container, {"procMount": "Default"})]})
}

test_unmasked_denied_at_both_levels if {
	spec := {"containers": [with_sc(good_container, {"procMount": "Unmasked"})]}
	some msg in policy.deny with input as pod(spec)
	msg == "baseline-proc-mount: Pod shop/web: container(s) \"app\" set a procMount other than Default"
	count(policy.deny) == 1 with input as pod(spec) with data.parameters as baseline
}

test_user_namespace_allowed_at_baseline_only if {
	spec := {"hostUsers": false, "containers": [with_sc(good_container, {"procMount": "Unmasked"})]}
	count(policy.deny) == 1 with input as deployment(spec)
	count(policy.deny) == 0 with input as deployment(spec) with data.parameters as baseline
}
