package sccp.tenants_rbac_bounded_test

import data.sccp.tenants_rbac_bounded as policy

sccp_labels := {"app.kubernetes.io/managed-by": "sccp", "sccp.dev/tenant": "shop"}

binding(name, ref_kind, ref_name, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": "RoleBinding",
	"metadata": {"name": name, "namespace": "shop"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
	"subjects": subjects,
}

role(name, rules) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": "Role",
	"metadata": {"name": name, "namespace": "shop"},
	"rules": rules,
}

developers := {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "shop-developers"}

sa(ns) := {"kind": "ServiceAccount", "name": "deployer", "namespace": ns}

# --- what SCCP writes, and what a tenant may bring ---

test_sccp_owner_binding_allowed if {
	owners := object.union(binding("tenant-owners", "ClusterRole", "sccp-tenant-owner", [developers]), {"metadata": {"labels": sccp_labels}})
	count(policy.deny) == 0 with input as owners
}

test_binding_to_view_and_to_own_role_allowed if {
	count(policy.deny) == 0 with input as binding("readers", "ClusterRole", "view", [developers, {"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice@example.com"}])
	count(policy.deny) == 0 with input as binding("ci", "Role", "deployer", [sa("shop"), {"kind": "ServiceAccount", "name": "ci"}])
}

test_own_service_accounts_by_user_and_group_name_allowed if {
	count(policy.deny) == 0 with input as binding("ci", "Role", "deployer", [
		{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "system:serviceaccount:shop:ci"},
		{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:serviceaccounts:shop"},
	])
}

test_bounded_role_allowed if {
	count(policy.deny) == 0 with input as role("deployer", [
		{"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"], "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"]},
		{"apiGroups": ["networking.k8s.io"], "resources": ["networkpolicies"], "verbs": ["get", "list", "watch"]},
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles", "rolebindings"], "verbs": ["get", "list"]},
	])
}

test_other_kinds_ignored if {
	cluster_role := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "sccp-tenant-owner"}, "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}
	count(policy.deny) == 0 with input as cluster_role
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Role", "namespace": "shop"}, "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}}
	count(policy.deny) == 0 with input as cm
}

# --- RoleBinding: the role ---

test_binding_to_cluster_admin_denied if {
	some msg in policy.deny with input as binding("to-cluster-admin", "ClusterRole", "cluster-admin", [developers])
	msg == "tenants-rbac-bounded: RoleBinding shop/to-cluster-admin binds ClusterRole \"cluster-admin\": in a tenant namespace a RoleBinding binds a Role of the namespace or the ClusterRole view or sccp-tenant-owner"
}

test_binding_to_admin_edit_or_any_other_cluster_role_denied if {
	every ref in ["admin", "edit", "system:aggregate-to-edit", "some-operator-role", "View", ""] {
		count(policy.deny) == 1 with input as binding("b", "ClusterRole", ref, [developers])
	}
}

test_binding_to_another_kind_denied if {
	count(policy.deny) == 1 with input as binding("b", "Group", "view", [developers])
	count(policy.deny) == 1 with input as object.remove(binding("b", "Role", "x", [developers]), ["roleRef"])
}

# --- RoleBinding: the subjects ---

test_service_account_of_another_namespace_denied if {
	some msg in policy.deny with input as binding("ci", "Role", "deployer", [sa("kube-system")])
	msg == "tenants-rbac-bounded: RoleBinding shop/ci binds ServiceAccount kube-system/deployer of another namespace (subjects[0]); bind the service accounts of its own namespace"
}

test_kubernetes_identities_denied if {
	every name in ["system:anonymous", "system:serviceaccount:kube-system:default", "system:serviceaccount:shop-other:x", "system:kube-controller-manager"] {
		count(policy.deny) == 1 with input as binding("b", "ClusterRole", "view", [{"kind": "User", "name": name}])
	}
	every name in ["system:unauthenticated", "system:authenticated", "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:nodes", "system:masters"] {
		count(policy.deny) == 1 with input as binding("b", "ClusterRole", "view", [{"kind": "Group", "name": name}])
	}
}

test_no_namespace_no_system_subject if {
	# statically, a binding without a namespace lands where Argo CD puts it: no system: subject passes
	b := object.remove(binding("b", "Role", "x", [{"kind": "User", "name": "system:serviceaccount:kube-system:default"}]), ["metadata"])
	count(policy.deny) == 1 with input as object.union(b, {"metadata": {"name": "b"}})
}

# --- Role: the rules ---

test_wildcards_denied if {
	msgs := policy.deny with input as role("everything", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	msgs == {
		"tenants-rbac-bounded: Role shop/everything grants \"*\" (rules[0].apiGroups); list what the role needs",
		"tenants-rbac-bounded: Role shop/everything grants \"*\" (rules[0].resources); list what the role needs",
		"tenants-rbac-bounded: Role shop/everything grants \"*\" (rules[0].verbs); list what the role needs",
	}
	count(policy.deny) == 1 with input as role("r", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["*"]}])
	count(policy.deny) == 1 with input as role("r", [{"apiGroups": [""], "resources": ["*"], "verbs": ["get"]}])
}

test_escalating_verbs_denied if {
	every verb in ["bind", "escalate", "impersonate"] {
		count(policy.deny) == 1 with input as role("r", [{"apiGroups": ["rbac.authorization.k8s.io", ""], "resources": ["clusterroles", "users"], "verbs": ["get", verb]}])
	}
}

test_writes_on_guardrails_denied if {
	some msg in policy.deny with input as role("network-policy-writer", [
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]},
		{"apiGroups": ["networking.k8s.io"], "resources": ["networkpolicies"], "verbs": ["get", "update", "delete"]},
	])
	msg == "tenants-rbac-bounded: Role shop/network-policy-writer grants delete, update on networkpolicies (rules[1]): the quota, limit range, NetworkPolicies and RBAC of a tenant namespace are the platform's"
	every resource in ["resourcequotas", "resourcequotas/status", "limitranges", "roles", "rolebindings", "networkpolicies/status"] {
		every verb in ["create", "update", "patch", "delete", "deletecollection"] {
			count(policy.deny) == 1 with input as role("r", [{"apiGroups": ["", "networking.k8s.io", "rbac.authorization.k8s.io"], "resources": ["configmaps", resource], "verbs": [verb]}])
		}
	}
}
