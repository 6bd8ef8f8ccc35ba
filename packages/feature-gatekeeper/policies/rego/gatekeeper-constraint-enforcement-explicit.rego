# METADATA
# title: Gatekeeper Constraints set spec.enforcementAction explicitly
# description: >-
#   Every Gatekeeper Constraint (apiVersion constraints.gatekeeper.sh/*) must set
#   spec.enforcementAction to deny, dryrun or warn. Gatekeeper silently treats a missing (or empty)
#   enforcementAction as deny, so a Constraint copied from a library starts rejecting requests the
#   moment it is applied; writing the action down makes the rollout stage reviewable.
# custom:
#   kinds:
#     - apiGroups: [constraints.gatekeeper.sh]
#       kinds: ["*"]
package sccp.gatekeeper_constraint_enforcement_explicit

# Input: one Kubernetes resource.

allowed_actions := {"deny", "dryrun", "warn"}

is_constraint if startswith(object.get(input, "apiVersion", ""), "constraints.gatekeeper.sh/")

subject := sprintf("%s %s", [object.get(input, "kind", ""), object.get(input, ["metadata", "name"], "")])

action := object.get(input, ["spec", "enforcementAction"], "")

deny contains msg if {
	is_constraint
	action == ""
	msg := sprintf("gatekeeper-constraint-enforcement-explicit: %s does not set spec.enforcementAction (Gatekeeper then denies); set it to deny, dryrun or warn", [subject])
}

deny contains msg if {
	is_constraint
	action != ""
	not action in allowed_actions
	msg := sprintf("gatekeeper-constraint-enforcement-explicit: %s sets spec.enforcementAction to %v; use deny, dryrun or warn", [subject, action])
}
