import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '@sccp/core';
import { render } from './helpers';
import { standalone, wired } from './contexts';
import { MINIMAL, values } from './tenants';

const t = suite('tenants render: names shared with the platform');

t('a tenant named like an enabled feature would replace its Application: render refuses', () => {
  assert.throws(() => render(values({ ...MINIMAL, name: 'traefik', namespaces: [{ name: 'web' }] }), wired), /Application "traefik"/);
  // the same tenant is fine when traefik is not enabled
  assert.not.throws(() => render(values({ ...MINIMAL, name: 'traefik', namespaces: [{ name: 'web' }] }), standalone));
});

t('a tenant named like the root Application is refused', () => {
  assert.throws(() => render(values({ ...MINIMAL, name: 'example-root' }), standalone), /example-root/);
});

t("a tenant namespace that is a feature's namespace is refused", () => {
  assert.throws(() => render(values({ ...MINIMAL, namespaces: [{ name: 'shop' }, { name: 'monitoring' }] }), wired), /namespace "monitoring" belongs to feature prometheus/);
  assert.not.throws(() => render(values({ ...MINIMAL, namespaces: [{ name: 'shop' }, { name: 'monitoring' }] }), standalone));
});

t('collisions are UserErrors with pointers into platform.yaml (the platform adds file and line)', () => {
  try {
    render(values({ name: 'blog', owners: { groups: ['b'] }, sourceRepos: ['https://x.example.com/blog/*'] }, { ...MINIMAL, name: 'grafana', namespaces: [{ name: 'shop' }, { name: 'traefik' }] }), {
      ...wired,
      enabled: [...wired.enabled, 'grafana'],
    });
    assert.unreachable('render must refuse');
  } catch (e) {
    assert.instance(e, UserError);
    assert.equal(
      (e as UserError).diagnostics.map((d) => d.pointer),
      ['/features/tenants/values/tenants/1/name', '/features/tenants/values/tenants/1/namespaces/1/name'],
    );
  }
  try {
    render(values({ ...MINIMAL, name: 'monitoring' }), wired);
    assert.unreachable('render must refuse');
  } catch (e) {
    assert.equal((e as UserError).diagnostics.map((d) => d.pointer), ['/features/tenants/values/tenants/0/name']);
    assert.match((e as UserError).diagnostics[0].message, 'belongs to feature prometheus');
  }
});

t.run();
