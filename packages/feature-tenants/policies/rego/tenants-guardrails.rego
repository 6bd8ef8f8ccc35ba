# METADATA
# title: Tenant guardrails change only through the platform repository
# description: >-
#   The quota, limit range, NetworkPolicies and SCCP's Roles and RoleBindings of a tenant namespace
#   (a namespace labelled sccp.dev/tenant) are the platform's. At admission, a create, update or
#   delete of a ResourceQuota, LimitRange or NetworkPolicy there, or of a Role or RoleBinding
#   labelled app.kubernetes.io/managed-by sccp (before or after the change), is refused unless Argo
#   CD's application controller or the namespace controller makes it. Always: a RoleBinding of a
#   tenant (labelled sccp.dev/tenant) binds the ClusterRole sccp-tenant-owner and nothing else.
#   Same rules as policies/kyverno/tenants-guardrails.yaml.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [ResourceQuota, LimitRange]
#     - apiGroups: [networking.k8s.io]
#       kinds: [NetworkPolicy]
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [Role, RoleBinding]
#   namespaceSelector:
#     matchExpressions:
#       - key: sccp.dev/tenant
#         operator: Exists
package sccp.tenants_guardrails

# Argo CD's application controller (argo-cd chart: controller.serviceAccount.name, in namespace
# argocd) and the namespace controller (it empties a namespace being deleted). Kept equal to
# GUARDRAIL_WRITERS in src/constants.ts by the tests.
writers := {
	"system:serviceaccount:argocd:argocd-application-controller",
	"system:serviceaccount:kube-system:namespace-controller",
}

owner_role := "sccp-tenant-owner"

guardrail_kinds := {"ResourceQuota", "LimitRange", "NetworkPolicy"}

rbac_kinds := {"Role", "RoleBinding"}

# The API version of each kind above: a kind of the same name in another API group is something else.
api_versions := {
	"ResourceQuota": "v1",
	"LimitRange": "v1",
	"NetworkPolicy": "networking.k8s.io/v1",
	"Role": "rbac.authorization.k8s.io/v1",
	"RoleBinding": "rbac.authorization.k8s.io/v1",
}

is_kind(kinds) if {
	input.kind in kinds
	input.apiVersion == api_versions[input.kind]
}

# Admission only. data.request is the admission request (Gatekeeper's input.review: operation,
# userInfo, oldObject, subResource) and input the object under review (on DELETE the old one).
# `sccp verify` and the fixtures have no request, so this rule never fires there: the objects SCCP
# generates are the guardrails themselves.
deny contains msg if {
	request := data.request
	request.operation in {"CREATE", "UPDATE", "DELETE"}
	object.get(request, "subResource", "") == ""
	user := object.get(request, ["userInfo", "username"], "")
	user != ""
	not user in writers
	guarded(request)
	msg := sprintf(
		"tenants-guardrails: %s of %s %s/%s refused for %s: the guardrails of a tenant namespace change only through the platform repository (Argo CD)",
		[request.operation, input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], ""), user],
	)
}

guarded(_) if is_kind(guardrail_kinds)

guarded(request) if {
	is_kind(rbac_kinds)
	some o in [input, object.get(request, "oldObject", {})]
	sccp_managed(o)
}

sccp_managed(o) if o.metadata.labels["app.kubernetes.io/managed-by"] == "sccp"

# Always (also in `sccp verify` of a changed repository): the owners' RoleBinding of a tenant may
# not be pointed at admin, edit or cluster-admin.
deny contains msg if {
	is_kind({"RoleBinding"})
	tenant := input.metadata.labels["sccp.dev/tenant"]
	not data.request.operation == "DELETE"
	ref := object.get(input, "roleRef", {})
	not owner_role_ref(ref)
	msg := sprintf(
		"tenants-guardrails: RoleBinding %s/%s of tenant \"%s\" must bind the ClusterRole %s, not %s \"%s\"",
		[object.get(input, ["metadata", "namespace"], ""), input.metadata.name, tenant, owner_role, object.get(ref, "kind", ""), object.get(ref, "name", "")],
	)
}

owner_role_ref(ref) if {
	ref.kind == "ClusterRole"
	ref.name == owner_role
}
