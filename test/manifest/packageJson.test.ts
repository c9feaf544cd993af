/** package.json's settings stay in step with the rule catalog and the supported Kubernetes versions. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../server/src/core/analysis/settings';
import { RULES } from '../../server/src/core/rules/catalog';

interface SettingSchema {
  enum?: string[];
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
  properties?: Record<string, { enum?: string[]; description?: string }>;
}

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const settings = manifest.contributes.configuration.properties;

describe('package.json settings', () => {
  it('offers exactly the supported Kubernetes versions, defaulting to the newest', () => {
    const setting = settings['shipshape.kubernetesVersion'];
    assert.deepEqual(setting.enum, [...SUPPORTED_KUBERNETES_VERSIONS]);
    assert.equal(setting.default, SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1]);
  });

  it('has a severity entry for every rule of the catalog, and no other', () => {
    const rules = settings['shipshape.rules'];
    assert.deepEqual(Object.keys(rules.properties ?? {}).sort(), RULES.map((r) => r.id).sort());
    for (const [id, entry] of Object.entries(rules.properties ?? {})) {
      assert.deepEqual(entry.enum, ['off', 'hint', 'information', 'warning', 'error'], id);
      assert.ok(entry.description, `${id} has a description`);
    }
  });

  it('lists every rule id in the rules setting description', () => {
    const text = settings['shipshape.rules'].markdownDescription ?? '';
    const listed = [...text.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).filter((id) => !['off', 'hint', 'information', 'warning', 'error'].includes(id));
    assert.deepEqual(listed.sort(), RULES.map((r) => r.id).sort());
  });

  it('declares every Shipshape setting with an explicit scope', () => {
    for (const [name, setting] of Object.entries(settings)) assert.ok(setting.scope, `${name} has a scope`);
  });
});
