package sccp.trusted_execution_image_digest_test

import data.sccp.trusted_execution_image_digest as policy

digest := concat("", ["sha256:", concat("", [x | some _ in numbers.range(1, 64); x := "0"])])

pod(images) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]},
}

test_digest_admitted if {
	count(policy.deny) == 0 with input as pod([concat("@", ["registry.example.com/shop/web", digest])])
	count(policy.deny) == 0 with input as pod([concat("@", ["registry.example.com/shop/web:1.2.0", digest])])
}

test_tag_denied if {
	some msg in policy.deny with input as pod(["registry.example.com/shop/web:1.4.2"])
	startswith(msg, "trusted-execution-image-digest: Pod shop/web: image(s) \"registry.example.com/shop/web:1.4.2\"")
}

test_malformed_digests_denied if {
	count(policy.deny) == 1 with input as pod(["registry.example.com/shop/web@sha256:abc"])
	count(policy.deny) == 1 with input as pod([concat("@", ["registry.example.com/shop/web", upper(digest)])])
	count(policy.deny) == 1 with input as pod([concat("", ["registry.example.com/shop/web@", digest, "x"])])
	count(policy.deny) == 1 with input as pod([concat("", ["@", digest])])
}

test_cronjob_checked if {
	c := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "r", "namespace": "shop"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": pod(["busybox:1"]).spec}}}}}
	count(policy.deny) == 1 with input as c
}
