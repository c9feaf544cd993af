import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseName, canonicalUri, isRemoteReference, parentOf, resolveIn } from '../../server/src/core/workspace/paths';

describe('workspace paths', () => {
  it('resolves relative references against folders of URIs and plain paths', () => {
    assert.equal(resolveIn('file:///repo/overlays/prod', '../../base'), 'file:///repo/base');
    assert.equal(resolveIn('file:///repo/app', './deploy.yaml'), 'file:///repo/app/deploy.yaml');
    assert.equal(resolveIn('file:///repo/app', 'sub/dir/'), 'file:///repo/app/sub/dir');
    assert.equal(resolveIn('/repo/app', '../base'), '/repo/base');
    assert.equal(resolveIn('C:\\repo\\app', '..\\base'), 'C:/repo/base');
    assert.equal(resolveIn('k8s/app', '../base'), 'k8s/base');
  });

  it('compares URIs in one canonical spelling', () => {
    assert.equal(canonicalUri('file:///c%3A/repo/my%20app/'), 'file:///c:/repo/my app');
    assert.equal(canonicalUri('file:///C:/repo/my app'), 'file:///c:/repo/my app');
    assert.equal(parentOf('file:///repo/app/kustomization.yaml'), 'file:///repo/app');
    assert.equal(baseName('file:///repo/app/kustomization.yaml'), 'kustomization.yaml');
  });

  it('recognises remote Kustomize references', () => {
    for (const ref of ['https://github.com/org/repo//deploy?ref=v1', 'github.com/org/repo/deploy?ref=main', 'git@github.com:org/repo.git']) assert.equal(isRemoteReference(ref), true, ref);
    for (const ref of ['../base', 'deploy.yaml', '/abs/path']) assert.equal(isRemoteReference(ref), false, ref);
  });
});
