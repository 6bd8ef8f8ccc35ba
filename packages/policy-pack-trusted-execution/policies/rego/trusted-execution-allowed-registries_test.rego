package sccp.trusted_execution_allowed_registries_test

import data.sccp.trusted_execution_allowed_registries as policy

params := {"allowedRegistries": ["ghcr.io/acme/", "registry.example.com/"]}

pod(images) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]},
}

test_allowed_prefixes_admitted if {
	count(policy.deny) == 0 with input as pod(["registry.example.com/shop/web:1", "ghcr.io/acme/api@sha256:00"]) with data.parameters as params
}

test_unknown_registry_denied if {
	some msg in policy.deny with input as pod(["evil.example.net/miner:1.0"]) with data.parameters as params
	msg == "trusted-execution-allowed-registries: Pod shop/web: image(s) \"evil.example.net/miner:1.0\" do not come from an allowed registry (ghcr.io/acme/, registry.example.com/)"
}

test_short_names_and_lookalikes_denied if {
	count(policy.deny) == 1 with input as pod(["nginx:1.27"]) with data.parameters as params
	count(policy.deny) == 1 with input as pod(["ghcr.io/acme-evil/api:1"]) with data.parameters as params
	count(policy.deny) == 1 with input as pod(["registry.example.com.evil.net/web:1"]) with data.parameters as params
}

test_only_foreign_images_listed if {
	some msg in policy.deny with input as pod(["registry.example.com/shop/web:1", "docker.io/library/busybox:1"]) with data.parameters as params
	contains(msg, "\"docker.io/library/busybox:1\"")
	not contains(msg, "\"registry.example.com/shop/web:1\"")
}

test_init_ephemeral_and_controllers_checked if {
	p := json.patch(pod(["registry.example.com/shop/web:1"]), [{"op": "add", "path": "/spec/initContainers", "value": [{"name": "i", "image": "quay.io/x/y:1"}]}])
	count(policy.deny) == 1 with input as p with data.parameters as params
	e := json.patch(pod(["registry.example.com/shop/web:1"]), [{"op": "add", "path": "/spec/ephemeralContainers", "value": [{"name": "d", "image": "busybox"}]}])
	count(policy.deny) == 1 with input as e with data.parameters as params
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "shop"}, "spec": {"template": {"spec": pod(["nginx"]).spec}}}
	count(policy.deny) == 1 with input as d with data.parameters as params
}

test_without_parameters_no_registry_is_allowed if {
	count(policy.deny) == 1 with input as pod(["registry.example.com/shop/web:1"])
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"image": "nginx"}}
}
