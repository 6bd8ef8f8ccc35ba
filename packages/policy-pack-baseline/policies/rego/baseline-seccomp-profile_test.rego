package sccp.baseline_seccomp_profile_test

import data.sccp.baseline_seccomp_profile as policy

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

cronjob(spec) := {
	"apiVersion": "batch/v1",
	"kind": "CronJob",
	"metadata": {"name": "report", "namespace": "shop"},
	"spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
}

with_sc(c, sc) := object.union(c, {"securityContext": object.union(c.securityContext, sc)})

test_pod_runtime_default_allowed if {
	count(policy.deny) == 0 with input as pod({"securityContext": pod_security, "containers": [good_container]})
}

test_container_localhost_allowed if {
	c := with_sc(good_container, {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})
	count(policy.deny) == 0 with input as deployment({"containers": [c]})
}

test_unset_denied if {
	some msg in policy.deny with input as pod({"containers": [good_container]})
	startswith(msg, "baseline-seccomp-profile: Pod shop/web: ")
}

test_container_unconfined_overrides_pod if {
	c := with_sc(good_container, {"seccompProfile": {"type": "Unconfined"}})
	count(policy.deny) == 1 with input as pod({"securityContext": pod_security, "containers": [c]})
}

test_init_container_without_profile_denied if {
	c := with_sc(good_container, {"seccompProfile": {"type": "RuntimeDefault"}})
	some msg in policy.deny with input as cronjob({"containers": [c], "initContainers": [object.union(good_container, {"name": "init"})]})
	contains(msg, "\"init\"")
	not contains(msg, "\"app\"")
}

test_pod_unconfined_denied_even_if_containers_set_one if {
	c := with_sc(good_container, {"seccompProfile": {"type": "RuntimeDefault"}})
	some msg in policy.deny with input as pod({"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [c]})
	contains(msg, "the pod sets a seccomp profile other than RuntimeDefault or Localhost")
}

test_windows_pod_exempt_at_restricted_only if {
	count(policy.deny) == 0 with input as pod({"os": {"name": "windows"}, "containers": [good_container]})
	w := {"os": {"name": "windows"}, "securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [good_container]}
	count(policy.deny) == 0 with input as pod(w)
	count(policy.deny) == 1 with input as pod(w) with data.parameters as {"level": "baseline"}
}

test_baseline_level_denies_only_explicit_profiles if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]}) with data.parameters as {"level": "baseline"}
	count(policy.deny) == 1 with input as pod({"containers": [with_sc(good_container, {"seccompProfile": {"type": "Unconfined"}})]}) with data.parameters as {"level": "baseline"}
}
