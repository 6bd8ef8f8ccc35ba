package sccp.baseline_apparmor_profile_test

import data.sccp.baseline_apparmor_profile as policy

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

test_runtime_default_and_localhost_allowed if {
	spec := {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": [with_sc(good_container, {"appArmorProfile": {"type": "Localhost", "localhostProfile": "web"}})]}
	count(policy.deny) == 0 with input as pod(spec)
}

test_unconfined_container_denied if {
	some msg in policy.deny with input as pod({"containers": [with_sc(good_container, {"appArmorProfile": {"type": "Unconfined"}})]})
	contains(msg, "container(s) \"app\" set an AppArmor profile")
}

test_pod_profile_without_type_denied if {
	count(policy.deny) == 1 with input as pod({"securityContext": {"appArmorProfile": {}}, "containers": [good_container]})
}

test_annotations if {
	d := deployment({"containers": [good_container]})
	ok := json.patch(d, [{"op": "add", "path": "/spec/template/metadata/annotations", "value": {"container.apparmor.security.beta.kubernetes.io/app": "runtime/default", "container.apparmor.security.beta.kubernetes.io/b": "localhost/x"}}])
	count(policy.deny) == 0 with input as ok
	bad := json.patch(d, [{"op": "add", "path": "/spec/template/metadata/annotations", "value": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}}])
	count(policy.deny) == 1 with input as bad
}
