import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeGitUrl, sourceRepoMatches } from '../src';
import { hasLiteralHost } from '../src/glob';

const t = suite("tenants: Argo CD's sourceRepos matching");

t('normalisation: lowercase, no .git, scp-style and ssh:// forms agree', () => {
  assert.is(normalizeGitUrl(' https://Git.Example.com/Team/App.git '), 'https://git.example.com/team/app');
  assert.is(normalizeGitUrl('git@git.example.com:team/app.git'), 'git@git.example.com/team/app');
  assert.is(normalizeGitUrl('ssh://git@git.example.com/team/app'), 'git@git.example.com/team/app');
});

t('* stays within a path segment, ** crosses segments, ? is one character', () => {
  assert.ok(sourceRepoMatches('https://git.example.com/team/*', 'https://git.example.com/team/app.git'));
  assert.not.ok(sourceRepoMatches('https://git.example.com/team/*', 'https://git.example.com/team/group/app.git'));
  assert.ok(sourceRepoMatches('https://git.example.com/team/**', 'https://git.example.com/team/group/app.git'));
  assert.ok(sourceRepoMatches('https://git.example.com/team/ap?', 'https://git.example.com/team/app'));
  assert.not.ok(sourceRepoMatches('https://git.example.com/team/ap?', 'https://git.example.com/team/apps'));
  assert.ok(sourceRepoMatches('https://*.example.com/team/app', 'https://git.example.com/team/app'));
  assert.not.ok(sourceRepoMatches('https://*.example.com/team/app', 'https://evil.com/x.example.com/team/app'));
});

t('dots and other characters are literal; the pattern covers the whole URL', () => {
  assert.not.ok(sourceRepoMatches('https://git.example.com/team/app', 'https://gitxexample.com/team/app'));
  assert.not.ok(sourceRepoMatches('https://git.example.com/team/app', 'https://git.example.com/team/app-2'));
  assert.not.ok(sourceRepoMatches('https://git.example.com/team', 'https://git.example.com/team/app'));
});

t('scp-style and ssh:// URLs match each other', () => {
  assert.ok(sourceRepoMatches('git@git.example.com:team/*', 'ssh://git@git.example.com/team/app.git'));
  assert.ok(sourceRepoMatches('ssh://git@git.example.com/team/app', 'git@git.example.com:team/app.git'));
});

t('a lone * matches everything; a pattern without a literal scheme, host and owner segment is not "named"', () => {
  assert.ok(sourceRepoMatches('*', 'https://anything.example.com/x/y/z'));
  for (const p of ['*', '***', '**', '?**', '*/*', '*/**', 'https://**', 'https://*/x', '*://*/*/*', 'https://*.example.com/x', 'git@*:x', '*@git.example.com:x', 'https://git.example.com', ' https://git.example.com/x', 'https://git.example.com/**', 'https://git.example.com/*', 'https://git.example.com/team*/x', 'git@git.example.com:*/app', 'ssh://git@git.example.com/**']) {
    assert.not.ok(hasLiteralHost(p), p);
  }
  for (const p of ['https://git.example.com/team/**', 'https://git.example.com/app.git', 'git@git.example.com:app', 'HTTP://Git.Example.com:8080/team/*', 'ssh://git@git.example.com:22/team/**', 'git@git.example.com:team/*', 'git@git.example.com/team/app']) {
    assert.ok(hasLiteralHost(p), p);
  }
});

t.run();
