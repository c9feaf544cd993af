import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { parseWebviewMessage } from '../../client/src/panel/validateMessage';

function accepted(message: unknown): unknown {
  const parsed = parseWebviewMessage(message);
  assert.ok(parsed.ok, `rejected ${JSON.stringify(message)}: ${parsed.ok ? '' : parsed.error}`);
  return parsed.value;
}

function rejected(message: unknown, reason: RegExp): void {
  const parsed = parseWebviewMessage(message);
  assert.equal(parsed.ok, false, `accepted ${JSON.stringify(message)}`);
  if (!parsed.ok) assert.match(parsed.error, reason);
}

describe('webview message validation', () => {
  it('accepts every message type in its documented shape', () => {
    const valid = [
      { type: 'ready' },
      { type: 'reset', id: 1 },
      { type: 'describe', id: 2, ref: { kind: 'Deployment', namespace: 'shop', name: 'api' } },
      { type: 'describe', id: 3, ref: { kind: 'Node', name: 'node-1' } },
      { type: 'describe', id: 5, ref: { kind: 'Secret', namespace: 'shop', name: 'app-secrets' }, revealSecrets: true },
      {
        type: 'reveal',
        id: 4,
        refs: [
          { kind: 'Pod', namespace: 'shop', name: 'api-7c4c8d5d4f-x2q9z' },
          { kind: 'Deployment', namespace: 'shop', name: 'api' },
        ],
      },
      { type: 'log', level: 'error', message: 'render failed' },
      {
        type: 'canI',
        id: 5,
        params: { subject: { kind: 'ServiceAccount', name: 'monitor', namespace: 'default' }, verb: 'list', resource: 'pods', namespace: 'default' },
      },
      {
        type: 'canI',
        id: 6,
        params: { subject: { kind: 'User', name: 'jane@example.com' }, verb: '*', resource: 'deployments', group: 'apps', subresource: 'scale' },
      },
      { type: 'canI', id: 7, params: { subject: { kind: 'Group', name: 'system:masters' }, verb: 'get', resource: 'pods', group: '' } },
    ];
    for (const message of valid) assert.deepEqual(accepted(message), message);
  });

  it('accepts every cluster action', () => {
    const actions = [
      { type: 'deletePod', namespace: 'shop', name: 'api-1' },
      { type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 0 },
      { type: 'scale', kind: 'StatefulSet', namespace: 'db', name: 'postgres', replicas: 5 },
      { type: 'rolloutRestart', kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' },
      { type: 'rolloutUndo', namespace: 'shop', name: 'api' },
      { type: 'rolloutUndo', namespace: 'shop', name: 'api', toRevision: 2 },
      { type: 'cordon', node: 'node-1' },
      { type: 'uncordon', node: 'node-1' },
      { type: 'drain', node: 'node-2' },
      { type: 'failNode', node: 'node-3' },
      { type: 'recoverNode', node: 'node-3' },
      { type: 'fault', fault: 'crash', namespace: 'shop', name: 'api' },
      { type: 'fault', fault: 'imagePullFailure', namespace: 'shop', name: 'api-1' },
      { type: 'fault', fault: 'readinessFailure', namespace: 'shop', name: 'api-1' },
      { type: 'clearFault', id: 3 },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'step', ms: 0 },
      { type: 'step', ms: 10_000 },
      { type: 'setSpeed', speed: 0 },
      { type: 'setSpeed', speed: 20 },
    ];
    for (const action of actions) assert.deepEqual(accepted({ type: 'action', id: 9, action }), { type: 'action', id: 9, action });
  });

  it('rejects malformed messages with a reason', () => {
    rejected(null, /message must be an object/);
    rejected('ready', /message must be an object/);
    rejected([{ type: 'ready' }], /message must be an object/);
    rejected({ type: 'shutdown' }, /message type must be one of/);
    rejected({ type: 'ready', extra: true }, /unexpected field "extra"/);
    rejected({ type: 'reset' }, /id must be an integer/);
    rejected({ type: 'reset', id: -1 }, /id must be an integer/);
    rejected({ type: 'reset', id: 1.5 }, /id must be an integer/);
    rejected({ type: 'describe', id: 1, ref: { kind: 'Deployment', namespace: 'shop', name: 'API' } }, /name is not valid: "API"/);
    rejected({ type: 'describe', id: 1, ref: { kind: 'Deployment', namespace: 'shop', name: 'a'.repeat(254) } }, /name is not valid/);
    rejected({ type: 'describe', id: 1, ref: { kind: 'deployment', name: 'api' } }, /kind is not valid/);
    rejected({ type: 'describe', id: 1, ref: { kind: 'Deployment', namespace: 'Shop_1', name: 'api' } }, /namespace is not valid/);
    rejected({ type: 'reveal', id: 1, refs: [] }, /refs must be a list of 1 to 8/);
    rejected({ type: 'describe', id: 1, ref: { kind: 'Secret', namespace: 'shop', name: 's' }, revealSecrets: 'yes' }, /revealSecrets must be a boolean/);
    rejected({ type: 'log', level: 'warning', message: 'x' }, /level must be one of info, error/);
    rejected({ type: 'log', level: 'info', message: 42 }, /log message must be a string/);
  });

  it('rejects actions that are out of range or aimed at the wrong kind', () => {
    const action = (a: unknown): unknown => ({ type: 'action', id: 1, action: a });
    rejected(action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: -1 }), /replicas must be an integer from 0 to 10000/);
    rejected(action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 2.5 }), /replicas must be an integer/);
    rejected(action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 1e9 }), /replicas must be an integer from 0 to 10000/);
    rejected(action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: '3' }), /replicas must be an integer/);
    rejected(action({ type: 'scale', kind: 'Pod', namespace: 'shop', name: 'api', replicas: 1 }), /kind must be one of Deployment, ReplicaSet, StatefulSet/);
    rejected(action({ type: 'rolloutRestart', kind: 'ReplicaSet', namespace: 'shop', name: 'api' }), /kind must be one of Deployment, StatefulSet, DaemonSet/);
    rejected(action({ type: 'setSpeed', speed: 3 }), /speed must be one of 0, 1, 5, 20/);
    rejected(action({ type: 'step', ms: -5 }), /ms must be an integer/);
    rejected(action({ type: 'step', ms: 1e12 }), /ms must be an integer/);
    rejected(action({ type: 'fault', fault: 'oom', namespace: 'shop', name: 'api' }), /fault must be one of crash, imagePullFailure, readinessFailure/);
    rejected(action({ type: 'cordon' }), /node is not valid/);
    rejected(action({ type: 'clearFault', id: 0 }), /id must be an integer/);
    rejected(action({ type: 'clearFault', id: '3' }), /id must be an integer/);
    rejected(action({ type: 'clearFault', id: 3, name: 'api' }), /unexpected field "name"/);
    rejected(action({ type: 'pause', speed: 1 }), /unexpected field "speed"/);
    rejected(action({ type: 'deletePod', name: 'x' }), /namespace is not valid/);
    rejected(action('pause'), /action must be an object/);
  });

  it('rejects can-i questions that cannot be asked', () => {
    const canI = (params: unknown): unknown => ({ type: 'canI', id: 1, params });
    rejected(canI({ subject: { kind: 'ServiceAccount', name: 'monitor' }, verb: 'get', resource: 'pods' }), /needs a namespace/);
    rejected(canI({ subject: { kind: 'User', name: 'jane doe' }, verb: 'get', resource: 'pods' }), /subject name is not valid/);
    rejected(canI({ subject: { kind: 'Robot', name: 'r2' }, verb: 'get', resource: 'pods' }), /subject kind must be one of/);
    rejected(canI({ subject: { kind: 'User', name: 'jane' }, verb: 'GET', resource: 'pods' }), /verb is not valid/);
    rejected(canI({ subject: { kind: 'User', name: 'jane' }, verb: 'get' }), /resource is not valid/);
  });

  it('never throws, whatever the webview sends', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withTypedArray: true }), (value) => {
        const parsed = parseWebviewMessage(value);
        assert.equal(typeof parsed.ok, 'boolean');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom('action', 'canI', 'describe', 'reveal', 'reset', 'log'),
            id: fc.anything(),
            action: fc.anything(),
            params: fc.anything(),
            ref: fc.anything(),
            refs: fc.anything(),
          },
          { requiredKeys: ['type'] },
        ),
        (value) => {
          const parsed = parseWebviewMessage(value);
          assert.equal(typeof parsed.ok, 'boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});
