package sccp.baseline_selinux_options_test

import data.sccp.baseline_selinux_options as policy

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

test_container_types_allowed if {
	c := with_sc(good_container, {"seLinuxOptions": {"type": "container_engine_t", "level": "s0:c1,c2"}})
	count(policy.deny) == 0 with input as pod({"securityContext": {"seLinuxOptions": {}}, "containers": [c]})
}

test_other_type_denied if {
	some msg in policy.deny with input as deployment({"containers": [with_sc(good_container, {"seLinuxOptions": {"type": "spc_t"}})]})
	contains(msg, "container(s) \"app\" set forbidden seLinuxOptions")
}

test_pod_user_or_role_denied if {
	count(policy.deny) == 1 with input as pod({"securityContext": {"seLinuxOptions": {"user": "system_u"}}, "containers": [good_container]})
	count(policy.deny) == 1 with input as pod({"securityContext": {"seLinuxOptions": {"role": "system_r"}}, "containers": [good_container]})
}
