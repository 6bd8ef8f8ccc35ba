# Tenant AppProjects stay inside their fence. An AppProject labelled sccp.dev/tenant (a pull
# request to the generated repository can edit tenants/<t>/project.yaml) must not:
# - have a clusterResourceWhitelist entry that matches, as Argo CD globs group and kind
#   (filepath.Match: `*`, `?`; here ignoring case), a kind a tenant never holds (forbidden_kinds,
#   the list of packages/feature-tenants/src/forbidden-kinds.ts; kind "*" is the whole group), or
#   that uses other characters than names, `*` and `?`;
# - have a sourceRepos entry without a literal scheme, host and owner, unless it is one exact URL
#   (`*`, `**`, `*/*`, `https://**`: repositories on any host; `https://host/**`: all of a host), nor a `!` deny pattern (it lets in every repository it does not name);
# - have a destination whose server, name or namespace is a pattern (Argo CD globs them: `https://*`
#   is every cluster, this one included), nor a destination namespace default, argocd or kube-*;
# - lack a namespaceResourceBlacklist entry for each guardrail kind (guardrail_kinds, GUARDRAIL_KINDS
#   of src/constants.ts): the group exactly or "*", the kind exactly or "*" (a pattern that would
#   match it as Argo CD globs does not count; SCCP writes the exact entries).
# Same rules as policies/kyverno/tenants-appproject-no-cluster-wildcard.yaml and src/validate.ts.
package sccp.tenants_appproject_no_cluster_wildcard

tenant_project if {
	input.apiVersion == "argoproj.io/v1alpha1"
	input.kind == "AppProject"
	is_string(input.metadata.labels["sccp.dev/tenant"])
}

# The cluster-scoped kinds a tenant may never hold (src/forbidden-kinds.ts FORBIDDEN_CLUSTER_KINDS).
forbidden_kinds := [
	{"group": "", "kind": "Namespace"},
	{"group": "", "kind": "Node"},
	{"group": "", "kind": "PersistentVolume"},
	{"group": "rbac.authorization.k8s.io", "kind": "*"},
	{"group": "admissionregistration.k8s.io", "kind": "*"},
	{"group": "apiextensions.k8s.io", "kind": "*"},
	{"group": "apiregistration.k8s.io", "kind": "*"},
	{"group": "scheduling.k8s.io", "kind": "*"},
	{"group": "storage.k8s.io", "kind": "*"},
	{"group": "snapshot.storage.k8s.io", "kind": "*"},
	{"group": "certificates.k8s.io", "kind": "*"},
	{"group": "networking.k8s.io", "kind": "*"},
	{"group": "node.k8s.io", "kind": "*"},
	{"group": "flowcontrol.apiserver.k8s.io", "kind": "*"},
	{"group": "resource.k8s.io", "kind": "*"},
	{"group": "policy", "kind": "*"},
	{"group": "kyverno.io", "kind": "*"},
	{"group": "policies.kyverno.io", "kind": "*"},
	{"group": "templates.gatekeeper.sh", "kind": "*"},
	{"group": "constraints.gatekeeper.sh", "kind": "*"},
	{"group": "cert-manager.io", "kind": "*"},
	{"group": "argoproj.io", "kind": "*"},
]

# The kinds a tenant's repository may not deploy into its namespaces (src/constants.ts GUARDRAIL_KINDS).
guardrail_kinds := [
	{"group": "", "kind": "ResourceQuota"},
	{"group": "", "kind": "LimitRange"},
	{"group": "networking.k8s.io", "kind": "NetworkPolicy"},
]

# src/glob.ts LITERAL_HOST_SOURCE, case-insensitive.
literal_host := `(?i)^((https?|ssh)://[^/*?\[\]{}\\\s]+/|[^/*?\[\]{}\\\s:@!]+@[^/*?\[\]{}\\\s:@]+[:/])([^/*?\[\]{}\\\s]+/|[^*?\[\]{}\\\s]*$)`

# src/destinations.ts GLOB_CHARACTERS_SOURCE.
glob_characters := `[*?\[\]{}\\!]`

reserved_namespace := `(?i)^(kube-.*|default|argocd)$`

plain_pattern := `(?i)^[-a-z0-9.*?]*$`

# An entry's group and kind; Argo CD reads a missing one as "".
field(entry, key) := object.get(entry, key, "")

plain(entry) if {
	regex.match(plain_pattern, field(entry, "group"))
	regex.match(plain_pattern, field(entry, "kind"))
}

# A glob of names, `*` and `?` as a regular expression (only called on plain patterns).
glob_regex(pattern) := concat("", ["^", replace(replace(replace(lower(pattern), ".", `\.`), "*", ".*"), "?", "."), "$"])

glob_matches(pattern, value) if regex.match(glob_regex(pattern), lower(value))

# How a group is named in messages ("core" for "").
group_name(group) := "core" if group == ""

group_name(group) := group if group != ""

allows(entry, f) if {
	glob_matches(field(entry, "group"), f.group)
	f.kind == "*"
}

allows(entry, f) if {
	glob_matches(field(entry, "group"), f.group)
	glob_matches(field(entry, "kind"), f.kind)
}

deny contains msg if {
	tenant_project
	some entry in input.spec.clusterResourceWhitelist
	not plain(entry)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant has a clusterResourceWhitelist entry {group: \"%v\", kind: \"%v\"} with other characters than names, * and ?",
		[input.metadata.name, field(entry, "group"), field(entry, "kind")],
	)
}

deny contains msg if {
	tenant_project
	some entry in input.spec.clusterResourceWhitelist
	plain(entry)
	kinds := [sprintf("%s/%s", [group_name(f.group), f.kind]) | some f in forbidden_kinds; allows(entry, f)]
	count(kinds) > 0
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant allows %s (clusterResourceWhitelist entry {group: \"%s\", kind: \"%s\"}), kinds a tenant never holds; list the kinds it needs",
		[input.metadata.name, concat(", ", kinds), field(entry, "group"), field(entry, "kind")],
	)
}

deny contains msg if {
	tenant_project
	some repo in input.spec.sourceRepos
	not regex.match(literal_host, repo)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant allows repositories of any host or owner (sourceRepos entry \"%v\"); give one exact URL, or start the entry with a literal https://host/owner/, ssh://user@host/owner/ or user@host:owner/",
		[input.metadata.name, repo],
	)
}

deny contains msg if {
	tenant_project
	some i, dest in input.spec.destinations
	some key in ["server", "name", "namespace"]
	value := object.get(dest, key, "")
	regex.match(glob_characters, value)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant has a pattern as destinations[%d].%s (\"%s\"): Argo CD would match it against every cluster or namespace; name it literally",
		[input.metadata.name, i, key, value],
	)
}

deny contains msg if {
	tenant_project
	some i, dest in input.spec.destinations
	namespace := object.get(dest, "namespace", "")
	regex.match(reserved_namespace, namespace)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant deploys to namespace \"%s\" (destinations[%d]), reserved for the cluster and the platform",
		[input.metadata.name, namespace, i],
	)
}

deny contains msg if {
	tenant_project
	some g in guardrail_kinds
	not blacklisted(g)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant does not list %s/%s in namespaceResourceBlacklist: the tenant's repository could replace its guardrails through Argo CD",
		[input.metadata.name, group_name(g.group), g.kind],
	)
}

blacklisted(g) if {
	some entry in object.get(input.spec, "namespaceResourceBlacklist", [])
	field(entry, "group") in {g.group, "*"}
	field(entry, "kind") in {g.kind, "*"}
}
