package sccp.baseline_resources_required_test

import data.sccp.baseline_resources_required as policy

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

test_requests_and_memory_limit_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]})
}

test_integer_quantities_allowed if {
	c := object.union(good_container, {"resources": {"requests": {"cpu": 1, "memory": "1Gi"}, "limits": {"memory": "1Gi"}}})
	count(policy.deny) == 0 with input as deployment({"containers": [c]})
}

test_missing_resources_denied if {
	some msg in policy.deny with input as pod({"containers": [{"name": "app", "image": "x:1"}]})
	msg == "baseline-resources-required: Pod shop/web: container \"app\" must declare resources.requests.cpu, resources.requests.memory, resources.limits.memory"
}

test_missing_memory_limit_denied if {
	c := json.remove(good_container, ["resources/limits"])
	some msg in policy.deny with input as pod({"containers": [c]})
	endswith(msg, "must declare resources.limits.memory")
}

test_init_container_counts if {
	count(policy.deny) == 1 with input as cronjob({"containers": [good_container], "initContainers": [{"name": "init", "image": "x:1"}]})
}

test_ephemeral_containers_ignored if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container], "ephemeralContainers": [{"name": "debug", "image": "busybox:1"}]})
}

test_null_lists_switch_nothing_off if {
	count(policy.deny) == 1 with input as pod({"initContainers": null, "containers": [{"name": "app", "image": "x:1"}]})
	count(policy.deny) == 1 with input as pod({"containers": null, "initContainers": [{"name": "init", "image": "x:1"}]})
}
