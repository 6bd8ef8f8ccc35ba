package sccp.kyverno_exception_has_reason_test

import data.sccp.kyverno_exception_has_reason

exception(namespace, annotations) := {
	"apiVersion": "kyverno.io/v2",
	"kind": "PolicyException",
	"metadata": {"name": "alloy-host-logs", "namespace": namespace, "annotations": annotations},
	"spec": {
		"exceptions": [{"policyName": "baseline-no-host-access", "ruleNames": ["no-host-access"]}],
		"match": {"any": [{"resources": {"kinds": ["Pod"], "namespaces": ["logging"]}}]},
	},
}

reasoned := {"sccp.dev/reason": "The log collector reads /var/log on every node (OPS-142)."}

test_admits_reasoned_exception_in_kyverno if {
	count(kyverno_exception_has_reason.deny) == 0 with input as exception("kyverno", reasoned)
}

test_admits_v2beta1 if {
	ex := object.union(exception("kyverno", reasoned), {"apiVersion": "kyverno.io/v2beta1"})
	count(kyverno_exception_has_reason.deny) == 0 with input as ex
}

test_denies_missing_reason if {
	msgs := kyverno_exception_has_reason.deny with input as exception("kyverno", {})
	count(msgs) == 1
	some m in msgs
	startswith(m, "kyverno-exception-has-reason: ")
	contains(m, "kyverno/alloy-host-logs")
	contains(m, "sccp.dev/reason")
}

test_denies_without_annotations_at_all if {
	ex := json.remove(exception("kyverno", {}), ["metadata/annotations"])
	count(kyverno_exception_has_reason.deny) == 1 with input as ex
}

test_denies_blank_reasons if {
	every blank in ["", " ", "   ", "\t", "\n \t"] {
		count(kyverno_exception_has_reason.deny) == 1 with input as exception("kyverno", {"sccp.dev/reason": blank})
	}
}

test_a_single_visible_character_is_a_reason if {
	count(kyverno_exception_has_reason.deny) == 0 with input as exception("kyverno", {"sccp.dev/reason": " x "})
}

test_denies_other_namespace_even_with_reason if {
	msgs := kyverno_exception_has_reason.deny with input as exception("shop", reasoned)
	count(msgs) == 1
	some m in msgs
	startswith(m, "kyverno-exception-has-reason: ")
	contains(m, "shop/alloy-host-logs is not in namespace kyverno")
}

test_denies_missing_namespace if {
	ex := json.remove(exception("kyverno", reasoned), ["metadata/namespace"])
	count(kyverno_exception_has_reason.deny) == 1 with input as ex
}

test_other_namespace_without_reason_gives_both_messages if {
	msgs := kyverno_exception_has_reason.deny with input as exception("shop", {})
	count(msgs) == 2
	every m in msgs {
		startswith(m, "kyverno-exception-has-reason: ")
	}
}

test_ignores_cel_policy_exceptions if {
	ex := object.union(exception("shop", {}), {"apiVersion": "policies.kyverno.io/v1"})
	count(kyverno_exception_has_reason.deny) == 0 with input as ex
}

test_ignores_other_kinds if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "shop"}}
	count(kyverno_exception_has_reason.deny) == 0 with input as cm
}
