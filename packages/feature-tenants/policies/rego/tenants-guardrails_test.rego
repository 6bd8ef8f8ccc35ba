package sccp.tenants_guardrails_test

import data.sccp.tenants_guardrails as policy

labels := {"app.kubernetes.io/managed-by": "sccp", "sccp.dev/tenant": "payments"}

quota := {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "tenant-quota", "namespace": "payments", "labels": labels}, "spec": {"hard": {"pods": "50"}}}

netpol := {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "allow-all", "namespace": "payments"}, "spec": {"podSelector": {}, "ingress": [{}]}}

binding(ref, meta) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": "RoleBinding",
	"metadata": meta,
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": ref},
	"subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "payments-developers"}],
}

owners := binding("sccp-tenant-owner", {"name": "tenant-owners", "namespace": "payments", "labels": labels})

alice := {"username": "alice", "groups": ["payments-developers", "system:authenticated"]}

argocd := {"username": "system:serviceaccount:argocd:argocd-application-controller"}

request(op, user, old) := {"operation": op, "userInfo": user, "oldObject": old}

# --- admission: the tenant's owner is refused ---

test_owner_update_quota_denied if {
	some msg in policy.deny with input as quota with data.request as request("UPDATE", alice, quota)
	msg == "tenants-guardrails: UPDATE of ResourceQuota payments/tenant-quota refused for alice: the guardrails of a tenant namespace change only through the platform repository (Argo CD)"
}

test_owner_delete_quota_denied if {
	count(policy.deny) == 1 with input as quota with data.request as request("DELETE", alice, quota)
}

test_owner_create_network_policy_denied if {
	# unlabelled: every NetworkPolicy of a tenant namespace is a guardrail
	count(policy.deny) == 1 with input as netpol with data.request as {"operation": "CREATE", "userInfo": alice}
}

test_owner_delete_owner_binding_denied if {
	count(policy.deny) == 1 with input as owners with data.request as request("DELETE", alice, owners)
}

test_owner_removing_the_label_denied if {
	unlabelled := binding("sccp-tenant-owner", {"name": "tenant-owners", "namespace": "payments"})
	count(policy.deny) == 1 with input as unlabelled with data.request as request("UPDATE", alice, owners)
}

test_owner_own_role_binding_allowed if {
	# a RoleBinding that is not SCCP's, in neither state (the owner's RBAC decides)
	own := binding("view", {"name": "ci-view", "namespace": "payments"})
	count(policy.deny) == 0 with input as own with data.request as {"operation": "CREATE", "userInfo": alice}
}

# --- admission: Argo CD and the namespace controller may ---

test_argocd_update_quota_allowed if {
	count(policy.deny) == 0 with input as quota with data.request as request("UPDATE", argocd, quota)
}

test_argocd_delete_owner_binding_allowed if {
	count(policy.deny) == 0 with input as owners with data.request as request("DELETE", argocd, owners)
}

test_namespace_controller_delete_allowed if {
	count(policy.deny) == 0 with input as netpol with data.request as request("DELETE", {"username": "system:serviceaccount:kube-system:namespace-controller"}, netpol)
}

test_other_service_account_denied if {
	# only the application controller: not Argo CD's server, not a tenant's own service account
	count(policy.deny) == 1 with input as quota with data.request as request("UPDATE", {"username": "system:serviceaccount:argocd:argocd-server"}, quota)
	count(policy.deny) == 1 with input as quota with data.request as request("UPDATE", {"username": "system:serviceaccount:payments:default"}, quota)
}

test_status_subresource_ignored if {
	# the quota controller writes resourcequotas/status
	count(policy.deny) == 0 with input as quota with data.request as object.union(request("UPDATE", alice, quota), {"subResource": "status"})
}

test_other_kinds_ignored if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "payments", "labels": labels}}
	count(policy.deny) == 0 with input as cm with data.request as {"operation": "UPDATE", "userInfo": alice}
}

# --- no request (sccp verify, Gatekeeper audit): only the binding rule ---

test_static_guardrails_pass if {
	count(policy.deny) == 0 with input as quota
	count(policy.deny) == 0 with input as netpol
	count(policy.deny) == 0 with input as owners
}

test_audit_review_without_user_passes if {
	count(policy.deny) == 0 with input as quota with data.request as {"object": quota}
}

test_owner_binding_to_admin_denied if {
	b := binding("admin", {"name": "tenant-owners", "namespace": "payments", "labels": labels})
	some msg in policy.deny with input as b
	msg == "tenants-guardrails: RoleBinding payments/tenant-owners of tenant \"payments\" must bind the ClusterRole sccp-tenant-owner, not ClusterRole \"admin\""
}

test_owner_binding_to_a_role_denied if {
	b := object.union(owners, {"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "sccp-tenant-owner"}})
	count(policy.deny) == 1 with input as b
}

test_bad_binding_denied_even_for_argocd if {
	b := binding("cluster-admin", {"name": "tenant-owners", "namespace": "payments", "labels": labels})
	count(policy.deny) == 1 with input as b with data.request as request("CREATE", argocd, null)
}

test_bad_binding_may_be_deleted if {
	b := binding("cluster-admin", {"name": "tenant-owners", "namespace": "payments", "labels": labels})
	count(policy.deny) == 0 with input as b with data.request as request("DELETE", argocd, b)
}

test_platform_binding_ignored if {
	b := binding("admin", {"name": "monitoring", "namespace": "monitoring"})
	count(policy.deny) == 0 with input as b
}

# --- kinds are matched with their API group ---

test_same_named_kind_of_another_group_not_guarded if {
	other := object.union(quota, {"apiVersion": "quota.example.com/v1"})
	count(policy.deny) == 0 with input as other with data.request as request("UPDATE", alice, other)
}

test_owners_binding_of_another_group_not_checked if {
	other := object.union(binding("admin", {"name": "tenant-owners", "namespace": "payments", "labels": labels}), {"apiVersion": "rbac.example.com/v1"})
	count(policy.deny) == 0 with input as other
}
