import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Methods } from '../../server/src/lsp/protocol';
import { ClusterClient, SHOP, withShopCluster } from './clusterHelpers';

const invalid = (message: string): { code: number; message: string } => ({ code: -32602, message });

describe('malformed cluster requests', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  const cases: [string, string, unknown, string][] = [
    ['apply without params', Methods.apply, null, 'apply: params must be an object'],
    ['apply without uri', Methods.apply, { documentIndex: 0 }, 'apply: params.uri must be a non-empty string'],
    [
      'apply with a fractional index',
      Methods.apply,
      { uri: SHOP.api, documentIndex: 0.5 },
      'apply: params.documentIndex must be an integer from -1 to 9007199254740991',
    ],
    [
      'apply with a bad position',
      Methods.apply,
      { uri: SHOP.api, position: { line: -1, character: 0 } },
      'apply: params.position.line must be an integer from 0 to 9007199254740991',
    ],
    [
      'apply of a document that is not there',
      Methods.apply,
      { uri: SHOP.api, documentIndex: 7 },
      `apply: document 7 of ${SHOP.api} is not a Kubernetes object (apiVersion and kind are required)`,
    ],
    [
      'apply of a file that does not exist',
      Methods.apply,
      { uri: 'file:///nowhere/x.yaml' },
      'apply: cannot read file:///nowhere/x.yaml: /nowhere/x.yaml (outside the workspace folders)',
    ],
    [
      'delete with a string index',
      Methods.delete,
      { uri: SHOP.api, documentIndex: '0' },
      'delete: params.documentIndex must be an integer from -1 to 9007199254740991',
    ],
    ['action without a type', Methods.action, {}, 'action: action.type must be a non-empty string'],
    ['unknown action', Methods.action, { type: 'explode' }, 'action: unknown action type "explode"'],
    [
      'negative scale',
      Methods.action,
      { type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: -1 },
      'action: action(scale).replicas must be an integer from 0 to 10000',
    ],
    ['step too far', Methods.action, { type: 'step', ms: 1e12 }, 'action: action(step).ms must be an integer from 0 to 86400000'],
    ['negative speed', Methods.action, { type: 'setSpeed', speed: -2 }, 'action: action(setSpeed).speed must be a number from 0 (as fast as possible) to 1000'],
    [
      'unknown fault',
      Methods.action,
      { type: 'fault', fault: 'meteor', namespace: 'shop', name: 'api' },
      'action: action(fault).fault must be one of crash, imagePullFailure, readinessFailure',
    ],
    ['canI without subject', Methods.canI, { verb: 'get', resource: 'pods' }, 'canI: params.subject must be an object'],
    [
      'canI with an unknown subject kind',
      Methods.canI,
      { subject: { kind: 'Robot', name: 'r2' }, verb: 'get', resource: 'pods' },
      'canI: params.subject.kind must be one of User, Group, ServiceAccount',
    ],
    ['describe without a name', Methods.describe, { kind: 'Pod' }, 'describe: params.name must be a non-empty string'],
  ];

  for (const [name, method, params, message] of cases) {
    it(`${name}: InvalidParams error`, async () => {
      await assert.rejects(c.lsp.request(method, params), invalid(message));
    });
  }

  it('keeps the cluster intact after all of them', async () => {
    const deployment = await c.find('Deployment', 'api', 'shop');
    assert.equal((deployment?.status as { readyReplicas: number }).readyReplicas, 3);
    assert.equal((await c.apply(SHOP.api, 0)).results[0].message, 'deployment.apps/api unchanged');
  });
});
