# METADATA
# title: A tenant's Roles and RoleBindings grant no more than its owners hold
# description: >-
#   Argo CD's application controller applies a tenant's environment repository with cluster-admin
#   power, so Kubernetes' RBAC escalation check does not stop the Roles and RoleBindings the tenant
#   commits there. In a tenant namespace (a namespace labelled sccp.dev/tenant), a RoleBinding binds
#   a Role of its namespace or the ClusterRole view or sccp-tenant-owner (never cluster-admin, admin,
#   edit or another), no ServiceAccount of another namespace and no Kubernetes identity (a User or
#   Group named system:..., except the namespace's own service accounts); a Role grants no "*" verb,
#   resource or API group, no bind, escalate or impersonate, and no create, update, patch, delete or
#   deletecollection on resourcequotas, limitranges, networkpolicies, roles or rolebindings (or their
#   subresources). Kinds: Role and RoleBinding (rbac.authorization.k8s.io). Static: no request user
#   is read, so sccp verify and audits evaluate it too. Same rules as
#   policies/kyverno/tenants-rbac-bounded.yaml.
# custom:
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [Role, RoleBinding]
#   namespaceSelector:
#     matchExpressions:
#       - key: sccp.dev/tenant
#         operator: Exists
package sccp.tenants_rbac_bounded

# Where it applies: every Role and RoleBinding this policy is given. Gatekeeper gives it those of
# namespaces labelled sccp.dev/tenant (the Constraint's namespaceSelector, from custom above), at
# admission and in audits. `sccp verify` gives it those of the generated repository, where only
# tenants/ holds Roles and RoleBindings (the namespace's labels are not on the object, so it cannot
# tell a tenant namespace from another: it checks them all; a feature that ships a broader Role in
# its own namespace needs a policy exception there).

# The lists of src/constants.ts (kept equal by test/rbac-bounded-policy.test.ts):
# TENANT_BINDABLE_CLUSTER_ROLES, WRITE_VERBS, GUARDRAIL_RESOURCES, ESCALATING_VERBS.
bindable_cluster_roles := {"view", "sccp-tenant-owner"}

write_verbs := {"create", "delete", "deletecollection", "patch", "update"}

guardrail_resources := {"resourcequotas", "limitranges", "networkpolicies", "roles", "rolebindings"}

escalating_verbs := {"bind", "escalate", "impersonate"}

rbac(kind) if {
	startswith(input.apiVersion, "rbac.authorization.k8s.io/")
	input.kind == kind
}

namespace := object.get(input, ["metadata", "namespace"], "")

name := object.get(input, ["metadata", "name"], "")

# --- RoleBinding: what it binds ---

deny contains msg if {
	rbac("RoleBinding")
	ref := object.get(input, "roleRef", {})
	not bindable(ref)
	msg := sprintf(
		"tenants-rbac-bounded: RoleBinding %s/%s binds %s \"%s\": in a tenant namespace a RoleBinding binds a Role of the namespace or the ClusterRole view or sccp-tenant-owner",
		[namespace, name, object.get(ref, "kind", ""), object.get(ref, "name", "")],
	)
}

bindable(ref) if ref.kind == "Role"

bindable(ref) if {
	ref.kind == "ClusterRole"
	ref.name in bindable_cluster_roles
}

# --- RoleBinding: to whom ---

deny contains msg if {
	rbac("RoleBinding")
	some i, subject in object.get(input, "subjects", [])
	subject.kind == "ServiceAccount"
	other := object.get(subject, "namespace", "")
	other != ""
	other != namespace
	msg := sprintf(
		"tenants-rbac-bounded: RoleBinding %s/%s binds ServiceAccount %s/%s of another namespace (subjects[%d]); bind the service accounts of its own namespace",
		[namespace, name, other, object.get(subject, "name", ""), i],
	)
}

# system:anonymous, system:unauthenticated, system:authenticated, system:serviceaccounts (every
# service account), system:serviceaccount:<other namespace>:..., system:nodes...: Kubernetes' own
# identities, not a tenant's team. A tenant's people are identity-provider groups and users.
deny contains msg if {
	rbac("RoleBinding")
	some i, subject in object.get(input, "subjects", [])
	subject.kind in {"User", "Group"}
	startswith(subject.name, "system:")
	not own_service_accounts(subject)
	msg := sprintf(
		"tenants-rbac-bounded: RoleBinding %s/%s binds %s \"%s\" (subjects[%d]): Kubernetes' own identities are not a tenant's to grant to, except the service accounts of its own namespace",
		[namespace, name, subject.kind, subject.name, i],
	)
}

own_service_accounts(subject) if {
	subject.kind == "User"
	startswith(subject.name, concat("", ["system:serviceaccount:", namespace, ":"]))
}

own_service_accounts(subject) if {
	subject.kind == "Group"
	subject.name == concat("", ["system:serviceaccounts:", namespace])
}

# --- Role: what it grants ---

deny contains msg if {
	rbac("Role")
	some i, rule in object.get(input, "rules", [])
	some field in ["apiGroups", "resources", "verbs"]
	"*" in object.get(rule, field, [])
	msg := sprintf(
		"tenants-rbac-bounded: Role %s/%s grants \"*\" (rules[%d].%s); list what the role needs",
		[namespace, name, i, field],
	)
}

deny contains msg if {
	rbac("Role")
	some i, rule in object.get(input, "rules", [])
	some verb in object.get(rule, "verbs", [])
	verb in escalating_verbs
	msg := sprintf(
		"tenants-rbac-bounded: Role %s/%s grants %s (rules[%d]): it lets its holder grant more than it holds, or act as someone else",
		[namespace, name, verb, i],
	)
}

deny contains msg if {
	rbac("Role")
	some i, rule in object.get(input, "rules", [])
	verbs := sort([v | some v in object.get(rule, "verbs", []); v in write_verbs])
	count(verbs) > 0
	resources := sort([r | some r in object.get(rule, "resources", []); guardrail_resource(r)])
	count(resources) > 0
	msg := sprintf(
		"tenants-rbac-bounded: Role %s/%s grants %s on %s (rules[%d]): the quota, limit range, NetworkPolicies and RBAC of a tenant namespace are the platform's",
		[namespace, name, concat(", ", verbs), concat(", ", resources), i],
	)
}

# A guardrail resource or one of its subresources (resourcequotas/status).
guardrail_resource(resource) if split(resource, "/")[0] in guardrail_resources
