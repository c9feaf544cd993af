import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySuppressions } from '../../server/src/core/analysis/suppressions';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { resourcesOf } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { at, deployment, docs, ofRule, service, uriOf, workspaceOf } from './helpers';

const PORTS_HTTP = `          ports:
            - name: http
              containerPort: 8080
`;

describe('service-no-match', () => {
  it('flags a Service whose selector matches no pod template, on the selector key, with the closest candidate', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web', tier: 'front' }), 'svc.yaml': service('web', { app: 'web', tier: 'frontend' }) });
    const [d, ...rest] = ofRule(ws, 'svc.yaml', 'service-no-match');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(at(d), '6:2-6:10');
    assert.equal(d.message, "Service 'web' selects no pods: no Pod or pod template in namespace 'default' has the labels app=web, tier=frontend. Closest: Deployment 'web' with app=web, tier=front.");
    assert.equal(d.related?.length, 1);
    assert.equal(d.related?.[0].uri, 'file:///ws/deploy.yaml');
    assert.equal(d.related?.[0].range.start.line, 11, 'points at the template labels key');
    assert.equal(d.related?.[0].message, "Deployment 'web' has labels app=web, tier=front");
  });

  it('is quiet when a Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, ReplicationController or Pod matches', () => {
    const workloads: Record<string, string> = {
      Deployment: deployment('d', { app: 'x' }),
      StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  serviceName: svc\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: b}]}\n`,
      DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: s}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: b}]}\n`,
      Job: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {restartPolicy: Never, containers: [{name: a, image: b}]}\n`,
      CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: x}}\n        spec: {restartPolicy: Never, containers: [{name: a, image: b}]}\n`,
      ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: b}]}\n`,
      ReplicationController: `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: b}]}\n`,
      Pod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: x}\nspec: {containers: [{name: a, image: b}]}\n`,
    };
    for (const [kind, text] of Object.entries(workloads)) {
      const ws = workspaceOf({ 'w.yaml': text, 'svc.yaml': service('svc', { app: 'x' }) });
      assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-no-match'), [], kind);
    }
  });

  it('does not count PodTemplate objects, which create no pods', () => {
    const ws = workspaceOf({
      'pt.yaml': `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  metadata: {labels: {app: x}}\n  spec: {containers: [{name: a, image: b}]}\n`,
      'svc.yaml': service('svc', { app: 'x' }),
    });
    assert.equal(ofRule(ws, 'svc.yaml', 'service-no-match').length, 1);
  });

  it('only looks in the Service namespace', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }, { namespace: 'shop' }), 'svc.yaml': service('web', { app: 'web' }), 'svc2.yaml': service('web', { app: 'web' }, { namespace: 'shop' }) });
    assert.match(ofRule(ws, 'svc.yaml', 'service-no-match')[0].message, /in namespace 'default'/);
    assert.deepEqual(ofRule(ws, 'svc2.yaml', 'service-no-match'), []);
  });

  it('exempts ExternalName and selector-less Services', () => {
    const ws = workspaceOf({
      'a.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector: {app: nothing}\n`,
      'b.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec:\n  ports: [{port: 80}]\n`,
      'c.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  selector: {}\n  ports: [{port: 80}]\n`,
    });
    for (const f of ['a.yaml', 'b.yaml', 'c.yaml']) assert.deepEqual(ofRule(ws, f, 'service-no-match'), [], f);
  });

  it('understands labels controllers add (StatefulSet pod-name, Job job-name)', () => {
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: a, image: b}]}\n`;
    const ws = workspaceOf({
      'sts.yaml': sts,
      'svc0.yaml': service('db-0', { 'statefulset.kubernetes.io/pod-name': 'db-0' }),
      'svcX.yaml': service('other-0', { 'statefulset.kubernetes.io/pod-name': 'other-0' }),
    });
    assert.deepEqual(ofRule(ws, 'svc0.yaml', 'service-no-match'), []);
    assert.equal(ofRule(ws, 'svcX.yaml', 'service-no-match').length, 1);
  });

  it('recognises custom workloads with a pod template (Argo Rollout)', () => {
    const rollout = `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  selector: {matchLabels: {app: r}}\n  template:\n    metadata: {labels: {app: r}}\n    spec: {containers: [{name: a, image: b}]}\n`;
    const ws = workspaceOf({ 'r.yaml': rollout, 'svc.yaml': service('r', { app: 'r' }) });
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-no-match'), []);
  });

  it('is silenced by the documented comments and annotation once the pipeline applies suppressions', () => {
    const variants = [
      service('web', { app: 'web' }).replace('spec:\n  selector:', 'spec:\n  # shipshape-disable-next-line service-no-match\n  selector:'),
      `# shipshape-disable service-no-match\n${service('web', { app: 'web' })}`,
      service('web', { app: 'web' }).replace('  name: web\n', '  name: web\n  annotations:\n    shipshape.dev/ignore: "service-no-match"\n'),
    ];
    for (const text of variants) {
      const ws = workspaceOf({ 'svc.yaml': text });
      const found = ofRule(ws, 'svc.yaml', 'service-no-match');
      assert.equal(found.length, 1);
      const file = parseFile(uriOf('svc.yaml'), text);
      assert.deepEqual(applySuppressions(file, resourcesOf(file), found, DEFAULT_SETTINGS), [], text);
    }
  });

  it('is silenced by the rule setting "off"', () => {
    const ws = workspaceOf({ 'svc.yaml': service('web', { app: 'web' }) });
    assert.equal(ofRule(ws, 'svc.yaml', 'service-no-match').length, 1);
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-no-match', { rules: { 'service-no-match': 'off' } }), []);
  });
});

describe('service-port-mismatch', () => {
  it('flags a named targetPort no selected container declares, pointing at the containers', () => {
    const ws = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'web' }, { ports: PORTS_HTTP }),
      'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n      targetPort: web\n' }),
    });
    const [d, ...rest] = ofRule(ws, 'svc.yaml', 'service-port-mismatch');
    assert.equal(rest.length, 0);
    assert.equal(at(d), '10:18-10:21');
    assert.equal(d.message, "targetPort 'web' is not the name of any container port of the selected pods, so the Service has no endpoints for this port (Deployment 'web': 8080 'http').");
    assert.equal(d.related?.[0].uri, 'file:///ws/deploy.yaml');
    assert.equal(d.related?.[0].message, "Deployment 'web' declares 8080 'http'");
  });

  it('accepts a named targetPort that a container declares, and checks the protocol', () => {
    const ws = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'web' }, { ports: PORTS_HTTP }),
      'ok.yaml': service('ok', { app: 'web' }, { ports: '    - port: 80\n      targetPort: http\n' }),
      'udp.yaml': service('udp', { app: 'web' }, { ports: '    - port: 80\n      protocol: UDP\n      targetPort: http\n' }),
    });
    assert.deepEqual(ofRule(ws, 'ok.yaml', 'service-port-mismatch'), []);
    assert.match(ofRule(ws, 'udp.yaml', 'service-port-mismatch')[0].message, /only with another protocol than UDP/);
  });

  it('flags a named targetPort even when the containers declare no ports at all', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }), 'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n      targetPort: http\n' }) });
    assert.match(ofRule(ws, 'svc.yaml', 'service-port-mismatch')[0].message, /\(Deployment 'web': no ports\)/);
  });

  it('flags a number only when the selected containers declare ports and none matches', () => {
    const declared = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'web' }, { ports: PORTS_HTTP }),
      'num.yaml': service('num', { app: 'web' }, { ports: '    - port: 80\n      targetPort: 9090\n' }),
      'good.yaml': service('good', { app: 'web' }, { ports: '    - port: 80\n      targetPort: 8080\n' }),
      'dflt.yaml': service('dflt', { app: 'web' }, { ports: '    - port: 80\n' }),
    });
    const [num] = ofRule(declared, 'num.yaml', 'service-port-mismatch');
    assert.equal(num.message, "targetPort 9090 is not a container port of the selected pods (Deployment 'web': 8080 'http').");
    assert.equal(at(num), '10:18-10:22');
    assert.deepEqual(ofRule(declared, 'good.yaml', 'service-port-mismatch'), []);
    const [dflt] = ofRule(declared, 'dflt.yaml', 'service-port-mismatch');
    assert.equal(dflt.message, "targetPort (defaulting to port) 80 is not a container port of the selected pods (Deployment 'web': 8080 'http').");
    assert.equal(at(dflt), '9:12-9:14', 'on the port when targetPort is absent');
    const undeclared = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }), 'num.yaml': service('num', { app: 'web' }, { ports: '    - port: 80\n      targetPort: 9090\n' }) });
    assert.deepEqual(ofRule(undeclared, 'num.yaml', 'service-port-mismatch'), []);
  });

  it('does not flag a number when one of several selected templates declares no ports', () => {
    const ws = workspaceOf({
      'a.yaml': deployment('a', { app: 'web' }, { ports: PORTS_HTTP }),
      'b.yaml': deployment('b', { app: 'web' }),
      'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n      targetPort: 9090\n' }),
    });
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-port-mismatch'), []);
  });

  it('accepts ports of restartable init containers (sidecars)', () => {
    const podSpec = `      initContainers:\n        - name: proxy\n          image: envoy\n          restartPolicy: Always\n          ports: [{name: proxy, containerPort: 15001}]\n`;
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }, { podSpec }), 'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n      targetPort: proxy\n' }) });
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-port-mismatch'), []);
  });

  it('reports nothing about ports when the Service selects nothing (service-no-match covers it)', () => {
    const ws = workspaceOf({ 'svc.yaml': docs(service('web', { app: 'web' }, { ports: '    - port: 80\n      targetPort: http\n' })) });
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-port-mismatch'), []);
  });
});
