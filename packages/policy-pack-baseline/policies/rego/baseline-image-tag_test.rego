package sccp.baseline_image_tag_test

import data.sccp.baseline_image_tag as policy

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

image(i) := pod({"containers": [object.union(good_container, {"image": i})]})

test_version_tag_allowed if {
	count(policy.deny) == 0 with input as image("registry.example.com/shop/web:1.4.2")
	count(policy.deny) == 0 with input as image("registry.local:5000/shop/api:2.0.1")
	count(policy.deny) == 0 with input as image("nginx:1.27")
}

test_digest_allowed if {
	count(policy.deny) == 0 with input as image(concat("", ["registry.example.com/shop/web@sha256:", concat("", [x | some _ in numbers.range(1, 64); x := "a"])]))
	count(policy.deny) == 0 with input as image("registry.example.com/shop/web:latest@sha256:0123")
}

test_latest_denied if {
	some msg in policy.deny with input as image("registry.example.com/shop/web:latest")
	startswith(msg, "baseline-image-tag: Pod shop/web: ")
}

test_no_tag_denied if {
	count(policy.deny) == 1 with input as image("nginx")
	count(policy.deny) == 1 with input as image("registry.local:5000/shop/api")
}

test_init_container_checked if {
	count(policy.deny) == 1 with input as cronjob({"containers": [good_container], "initContainers": [{"name": "init", "image": "busybox"}]})
}

test_null_lists_switch_nothing_off if {
	count(policy.deny) == 1 with input as pod({"initContainers": null, "containers": [object.union(good_container, {"image": "nginx"})]})
	count(policy.deny) == 1 with input as pod({"containers": null, "ephemeralContainers": [{"name": "debug", "image": "busybox"}]})
}
