import type { Profile } from '@sccp/core';

/** A commented starting platform.yaml for a profile. */
export function initTemplate(profile: Profile, name: string): string {
  const bare = profile === 'bare-metal';
  return `# yaml-language-server: $schema=./platform.schema.json
# SCCP platform description. Validate with \`sccp validate\`, generate the ArgoCD app-of-apps
# repository with \`sccp build --out <dir>\`. Every key is described in platform.schema.json.
apiVersion: sccp.dev/v1alpha1
kind: Platform
name: ${name}
profile: ${profile}
# Features are exposed as <feature>.<domain>.
domain: ${bare ? 'platform.example.com' : 'localtest.me'}
network:
  ipFamilies: [IPv4]
repository:
  # The Git repository ArgoCD reads the generated files from.
  url: https://git.example.com/platform/${name}.git
  revision: main
sync:
  prune: true
  selfHeal: true
features:
  argocd: {}
  metallb:
    values:
      pools:
        - name: default
          addresses:
            - ${bare ? '192.168.10.240/28' : '172.18.255.200-172.18.255.250'}
  traefik: {}
`;
}
