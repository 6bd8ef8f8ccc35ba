package sccp.baseline_no_privileged_test

import data.sccp.baseline_no_privileged as policy

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

test_unprivileged_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]})
	count(policy.deny) == 0 with input as pod({"containers": [with_sc(good_container, {"privileged": false})]})
}

test_privileged_denied if {
	some msg in policy.deny with input as deployment({"containers": [with_sc(good_container, {"privileged": true})]})
	startswith(msg, "baseline-no-privileged: Deployment shop/api: ")
}

test_privileged_init_container_denied if {
	count(policy.deny) == 1 with input as pod({"containers": [good_container], "initContainers": [with_sc(object.union(good_container, {"name": "init"}), {"privileged": true})]})
}

test_null_lists_switch_nothing_off if {
	p := with_sc(good_container, {"privileged": true})
	count(policy.deny) == 1 with input as pod({"initContainers": null, "containers": [p]})
	count(policy.deny) == 1 with input as pod({"containers": null, "initContainers": [p]})
	count(policy.deny) == 1 with input as deployment({"containers": [p], "ephemeralContainers": null})
}

test_denied_at_baseline_too if {
	count(policy.deny) == 1 with input as pod({"containers": [with_sc(good_container, {"privileged": true})]}) with data.parameters as {"level": "baseline"}
}
