package sccp.baseline_run_as_non_root_test

import data.sccp.baseline_run_as_non_root as policy

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

test_pod_level_non_root_allowed if {
	count(policy.deny) == 0 with input as pod({"securityContext": pod_security, "containers": [good_container]})
}

test_container_level_non_root_allowed if {
	c := with_sc(good_container, {"runAsNonRoot": true})
	count(policy.deny) == 0 with input as deployment({"containers": [c], "initContainers": [object.union(c, {"name": "init"})]})
}

test_unset_denied if {
	some msg in policy.deny with input as pod({"containers": [good_container]})
	startswith(msg, "baseline-run-as-non-root: Pod shop/web: ")
	contains(msg, "\"app\"")
}

test_container_false_overrides_pod if {
	c := with_sc(good_container, {"runAsNonRoot": false})
	count(policy.deny) == 1 with input as pod({"securityContext": pod_security, "containers": [c]})
}

test_init_and_ephemeral_containers_count if {
	count(policy.deny) == 1 with input as deployment({"containers": [with_sc(good_container, {"runAsNonRoot": true})], "initContainers": [object.union(good_container, {"name": "init"})]})
	count(policy.deny) == 1 with input as pod({"containers": [with_sc(good_container, {"runAsNonRoot": true})], "ephemeralContainers": [{"name": "debug", "image": "busybox:1"}]})
}

test_root_uid_denied if {
	count(policy.deny) == 1 with input as pod({"securityContext": object.union(pod_security, {"runAsUser": 0}), "containers": [good_container]})
	some msg in policy.deny with input as pod({"securityContext": pod_security, "containers": [with_sc(good_container, {"runAsUser": 0})]})
	contains(msg, "runAsUser 0")
}

test_non_zero_uid_allowed if {
	count(policy.deny) == 0 with input as cronjob({"securityContext": object.union(pod_security, {"runAsUser": 10001}), "containers": [good_container]})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"containers": [good_container]}}
}

test_pod_false_denied_even_if_containers_set_true if {
	c := with_sc(good_container, {"runAsNonRoot": true})
	some msg in policy.deny with input as pod({"securityContext": {"runAsNonRoot": false}, "containers": [c]})
	msg == "baseline-run-as-non-root: Pod shop/web: the pod securityContext sets runAsNonRoot: false"
}

test_user_namespace_exempt if {
	count(policy.deny) == 0 with input as pod({"hostUsers": false, "securityContext": {"runAsUser": 0}, "containers": [good_container]})
}

test_checks_nothing_at_baseline if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]}) with data.parameters as {"level": "baseline"}
}

test_namespace_level_overrides_the_pack_level if {
	unset := pod({"containers": [good_container]})
	count(policy.deny) == 0 with input as unset with data.parameters as {"level": "restricted", "namespaceLevels": {"shop": "baseline"}}
	count(policy.deny) == 1 with input as unset with data.parameters as {"level": "baseline", "namespaceLevels": {"shop": "restricted"}}
	count(policy.deny) == 1 with input as unset with data.parameters as {"level": "restricted", "namespaceLevels": {"other": "baseline"}}
	count(policy.deny) == 1 with input as unset with data.parameters as {"namespaceLevels": "not an object"}
}

test_windows_pod_not_exempt if {
	count(policy.deny) == 1 with input as pod({"os": {"name": "windows"}, "containers": [good_container]})
}
