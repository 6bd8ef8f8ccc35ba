package sccp.gatekeeper_constraint_enforcement_explicit_test

import data.sccp.gatekeeper_constraint_enforcement_explicit as policy

constraint(spec) := {
	"apiVersion": "constraints.gatekeeper.sh/v1beta1",
	"kind": "K8sRequiredLabels",
	"metadata": {"name": "ns-must-have-owner"},
	"spec": object.union({"match": {"kinds": [{"apiGroups": [""], "kinds": ["Namespace"]}]}}, spec),
}

test_allows_each_explicit_action if {
	every a in ["deny", "dryrun", "warn"] {
		count(policy.deny) == 0 with input as constraint({"enforcementAction": a})
	}
}

test_denies_missing_action if {
	msgs := policy.deny with input as constraint({})
	count(msgs) == 1
	some m in msgs
	startswith(m, "gatekeeper-constraint-enforcement-explicit: ")
	contains(m, "K8sRequiredLabels ns-must-have-owner")
	contains(m, "does not set spec.enforcementAction")
}

test_denies_empty_action if {
	msgs := policy.deny with input as constraint({"enforcementAction": ""})
	count(msgs) == 1
	some m in msgs
	contains(m, "does not set spec.enforcementAction")
}

test_denies_unknown_action if {
	msgs := policy.deny with input as constraint({"enforcementAction": "Deny"})
	count(msgs) == 1
	some m in msgs
	startswith(m, "gatekeeper-constraint-enforcement-explicit: ")
	contains(m, "to Deny")
}

test_denies_scoped_action if {
	count(policy.deny) == 1 with input as constraint({"enforcementAction": "scoped"})
}

test_denies_constraint_without_spec if {
	count(policy.deny) == 1 with input as {"apiVersion": "constraints.gatekeeper.sh/v1", "kind": "SccpX", "metadata": {"name": "x"}}
}

test_denies_every_constraint_version if {
	every v in ["v1alpha1", "v1beta1", "v1"] {
		count(policy.deny) == 1 with input as object.union(constraint({}), {"apiVersion": sprintf("constraints.gatekeeper.sh/%s", [v])})
	}
}

test_ignores_other_groups if {
	count(policy.deny) == 0 with input as {"apiVersion": "templates.gatekeeper.sh/v1", "kind": "ConstraintTemplate", "metadata": {"name": "k8srequiredlabels"}, "spec": {}}
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"enforcementAction": "bogus"}}
	count(policy.deny) == 0 with input as {"apiVersion": "mutations.gatekeeper.sh/v1", "kind": "Assign", "metadata": {"name": "x"}, "spec": {}}
}
