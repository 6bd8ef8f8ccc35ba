package sccp.baseline_no_privilege_escalation_test

import data.sccp.baseline_no_privilege_escalation as policy

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

test_false_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container], "initContainers": [object.union(good_container, {"name": "init"})]})
}

test_unset_denied if {
	some msg in policy.deny with input as pod({"containers": [json.remove(good_container, ["securityContext/allowPrivilegeEscalation"])]})
	startswith(msg, "baseline-no-privilege-escalation: Pod shop/web: ")
}

test_true_denied if {
	count(policy.deny) == 1 with input as deployment({"containers": [with_sc(good_container, {"allowPrivilegeEscalation": true})]})
}

test_no_security_context_denied if {
	count(policy.deny) == 1 with input as cronjob({"containers": [{"name": "app", "image": "x:1"}]})
}

test_ephemeral_container_denied if {
	count(policy.deny) == 1 with input as pod({"containers": [good_container], "ephemeralContainers": [{"name": "debug", "image": "busybox:1"}]})
}

test_windows_pod_exempt if {
	count(policy.deny) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "app", "image": "x:1"}]})
}

test_checks_nothing_at_baseline if {
	count(policy.deny) == 0 with input as pod({"containers": [{"name": "app", "image": "x:1"}]}) with data.parameters as {"level": "baseline"}
	count(policy.deny) == 1 with input as pod({"containers": [{"name": "app", "image": "x:1"}]}) with data.parameters as {"level": "privileged"}
}

test_null_list_switches_nothing_off if {
	count(policy.deny) == 1 with input as pod({"initContainers": null, "containers": [{"name": "app", "image": "x:1"}]})
	count(policy.deny) == 1 with input as pod({"containers": null, "ephemeralContainers": [{"name": "debug", "image": "x:1"}]})
	count(policy.deny) == 1 with input as deployment({"initContainers": [], "containers": [{"name": "app", "image": "x:1"}]})
}

test_same_kind_in_another_group_ignored if {
	d := json.patch(deployment({"containers": [{"name": "app", "image": "x:1"}]}), [{"op": "replace", "path": "/apiVersion", "value": "apps.example.com/v1"}])
	count(policy.deny) == 0 with input as d
	j := {"apiVersion": "batch.volcano.sh/v1alpha1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "x:1"}]}}}}
	count(policy.deny) == 0 with input as j
}
