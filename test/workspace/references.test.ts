import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, deployment, ofRule, service, workspaceOf } from './helpers';

const cm = (name: string, keys: string[], namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n${keys.map((k) => `  ${k}: "1"\n`).join('')}`;
const secret = (name: string, keys: string[], field = 'stringData') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${field}:\n${keys.map((k) => `  ${k}: x\n`).join('')}`;

const envPod = (refs: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx
      env:
${refs}`;

describe('missing-configmap / missing-configmap-key', () => {
  it('flags a configMapKeyRef to a ConfigMap that is not defined, with a did-you-mean and its location', () => {
    const ws = workspaceOf({
      'cm.yaml': cm('app-config', ['DB_HOST']),
      'pod.yaml': envPod('        - name: DB\n          valueFrom:\n            configMapKeyRef:\n              name: app-confg\n              key: DB_HOST\n'),
    });
    const [d] = ofRule(ws, 'pod.yaml', 'missing-configmap');
    assert.equal(d.message, "ConfigMap 'app-confg' is not defined in namespace 'default' in this workspace (referenced by env DB of container 'app'). Did you mean 'app-config'?");
    assert.equal(at(d), '13:20-13:29');
    assert.equal(d.data?.suggestion, 'app-config');
    assert.equal(d.related?.[0].uri, 'file:///ws/cm.yaml');
    assert.equal(d.related?.[0].range.start.line, 3);
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-configmap-key'), [], 'no key check for a missing ConfigMap');
  });

  it('flags a key the ConfigMap lacks, on the key, listing the keys', () => {
    const ws = workspaceOf({
      'cm.yaml': cm('app', ['DB_HOST', 'DB_PORT']),
      'pod.yaml': envPod('        - name: DB\n          valueFrom:\n            configMapKeyRef:\n              name: app\n              key: DB_HOTS\n'),
    });
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-configmap'), []);
    const [d] = ofRule(ws, 'pod.yaml', 'missing-configmap-key');
    assert.equal(d.message, "ConfigMap 'app' has no key 'DB_HOTS'. Its keys: 'DB_HOST', 'DB_PORT'. Did you mean 'DB_HOST'?");
    assert.equal(at(d), '14:19-14:26');
    assert.equal(d.related?.[0].message, "ConfigMap 'app' is defined here");
  });

  it('does not report optional references', () => {
    const ws = workspaceOf({
      'pod.yaml': envPod('        - name: DB\n          valueFrom:\n            configMapKeyRef:\n              name: nope\n              key: k\n              optional: true\n'),
    });
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-configmap'), []);
  });

  it('checks envFrom, configMap volumes with items, and projected sources, in Deployments and CronJobs', () => {
    const podSpec = `          envFrom:
            - configMapRef: {name: env-cm}
            - secretRef: {name: env-secret, optional: true}
      volumes:
        - name: cfg
          configMap:
            name: files
            items:
              - key: app.conf
                path: app.conf
              - key: missing.conf
                path: m.conf
        - name: proj
          projected:
            sources:
              - configMap: {name: proj-cm}
              - secret: {name: proj-secret}
              - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
`;
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }, { podSpec }), 'files.yaml': cm('files', ['app.conf']) });
    assert.deepEqual(
      ofRule(ws, 'deploy.yaml', 'missing-configmap').map((d) => d.message.split(' is not')[0]),
      ["ConfigMap 'env-cm'", "ConfigMap 'proj-cm'"],
    );
    assert.deepEqual(
      ofRule(ws, 'deploy.yaml', 'missing-secret').map((d) => d.message.split(' is not')[0]),
      ["Secret 'proj-secret'"],
    );
    const [key] = ofRule(ws, 'deploy.yaml', 'missing-configmap-key');
    assert.match(key.message, /^ConfigMap 'files' has no key 'missing.conf'/);
    const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: a, image: b, envFrom: [{configMapRef: {name: gone}}]}]\n`;
    const ws2 = workspaceOf({ 'cron.yaml': cron });
    assert.equal(ofRule(ws2, 'cron.yaml', 'missing-configmap').length, 1);
  });

  it('looks only in the referring namespace and says where a same-named ConfigMap lives', () => {
    const ws = workspaceOf({ 'cm.yaml': cm('app', ['k'], 'other'), 'pod.yaml': envPod('        - name: K\n          valueFrom:\n            configMapKeyRef: {name: app, key: k}\n') });
    const [d] = ofRule(ws, 'pod.yaml', 'missing-configmap');
    assert.match(d.message, /A ConfigMap with this name exists in namespace 'other', but Pod objects can only refer to their own namespace\.$/);
    assert.equal(d.related?.[0].uri, 'file:///ws/cm.yaml');
  });
});

describe('missing-secret / missing-secret-key', () => {
  it('reads data and stringData keys, and checks imagePullSecrets', () => {
    const ws = workspaceOf({
      's.yaml': `${secret('db', ['user'])}data:\n  password: cGFzcw==\n`,
      'pod.yaml': `${envPod('        - name: U\n          valueFrom:\n            secretKeyRef: {name: db, key: user}\n        - name: P\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n        - name: T\n          valueFrom:\n            secretKeyRef: {name: db, key: token}\n')}  imagePullSecrets:\n    - name: regcred\n`,
    });
    const keys = ofRule(ws, 'pod.yaml', 'missing-secret-key');
    assert.equal(keys.length, 1);
    assert.equal(keys[0].message, "Secret 'db' has no key 'token'. Its keys: 'password', 'user'.");
    const missing = ofRule(ws, 'pod.yaml', 'missing-secret');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /^Secret 'regcred' is not defined in namespace 'default' in this workspace \(referenced by imagePullSecrets\)\./);
  });

  it('does not check keys of service-account-token Secrets, which the token controller fills', () => {
    const ws = workspaceOf({
      's.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tok\n  annotations: {kubernetes.io/service-account.name: sa}\ntype: kubernetes.io/service-account-token\n`,
      'pod.yaml': envPod('        - name: T\n          valueFrom:\n            secretKeyRef: {name: tok, key: token}\n'),
    });
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-secret-key'), []);
  });

  it('knows the Secrets cert-manager Certificates create', () => {
    const ws = workspaceOf({
      'cert.yaml': `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec:\n  secretName: web-tls\n  issuerRef: {name: le}\n`,
      'pod.yaml': `${envPod('        - name: K\n          valueFrom:\n            secretKeyRef: {name: web-tls, key: tls.pem}\n')}`,
    });
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-secret'), []);
    assert.equal(ofRule(ws, 'pod.yaml', 'missing-secret-key')[0].message, "Secret 'web-tls' (created by cert-manager for Certificate 'web') has no key 'tls.pem'. Its keys: 'ca.crt', 'tls.crt', 'tls.key'. Did you mean 'tls.key'?");
  });

  it('checks Ingress TLS secrets unless cert-manager manages the Ingress', () => {
    const ingress = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
${annotations}spec:
  tls:
    - hosts: [example.com]
      secretName: web-tls
`;
    const plain = workspaceOf({ 'ing.yaml': ingress('') });
    const [d] = ofRule(plain, 'ing.yaml', 'missing-secret');
    assert.equal(d.message, "Secret 'web-tls' is not defined in namespace 'default' in this workspace (referenced by TLS).");
    assert.equal(at(d), '8:18-8:25');
    for (const a of ['cert-manager.io/cluster-issuer: letsencrypt', 'cert-manager.io/issuer: ca', 'kubernetes.io/tls-acme: "true"']) {
      const ws = workspaceOf({ 'ing.yaml': ingress(`  annotations:\n    ${a}\n`) });
      assert.deepEqual(ofRule(ws, 'ing.yaml', 'missing-secret'), [], a);
    }
  });
});

describe('missing-pvc and missing-service-account', () => {
  it('flags claimName without a PersistentVolumeClaim and accepts an existing one', () => {
    const podSpec = `      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n        - name: logs\n          persistentVolumeClaim: {claimName: logs}\n`;
    const ws = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'web' }, { podSpec }),
      'pvc.yaml': `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n`,
    });
    const [d, ...rest] = ofRule(ws, 'deploy.yaml', 'missing-pvc');
    assert.equal(rest.length, 0);
    assert.equal(d.message, "PersistentVolumeClaim 'logs' is not defined in namespace 'default' in this workspace (referenced by volume 'logs').");
  });

  it('does not treat StatefulSet volumeClaimTemplates (or pod volumes they replace) as references', () => {
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: a, image: b, volumeMounts: [{name: data, mountPath: /d}]}]\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n        - name: other\n          persistentVolumeClaim: {claimName: other}\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
    const ws = workspaceOf({ 'sts.yaml': sts, 'svc.yaml': service('db', { app: 'db' }) });
    assert.deepEqual(
      ofRule(ws, 'sts.yaml', 'missing-pvc').map((d) => d.message),
      ["PersistentVolumeClaim 'other' is not defined in namespace 'default' in this workspace (referenced by volume 'other')."],
    );
    assert.deepEqual(ofRule(ws, 'sts.yaml', 'missing-service'), []);
  });

  it('flags serviceAccountName without a ServiceAccount, except default', () => {
    const ws = workspaceOf({
      'a.yaml': deployment('a', { app: 'a' }, { podSpec: '      serviceAccountName: builder\n' }),
      'b.yaml': deployment('b', { app: 'b' }, { podSpec: '      serviceAccountName: default\n' }),
      'c.yaml': deployment('c', { app: 'c' }, { podSpec: '      serviceAccount: robot\n' }),
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n',
    });
    const [d] = ofRule(ws, 'a.yaml', 'missing-service-account');
    assert.equal(d.message, "ServiceAccount 'builder' is not defined in namespace 'default' in this workspace (referenced by serviceAccountName).");
    assert.equal(at(d), '17:26-17:33');
    assert.deepEqual(ofRule(ws, 'b.yaml', 'missing-service-account'), []);
    assert.deepEqual(ofRule(ws, 'c.yaml', 'missing-service-account'), []);
  });
});

describe('missing-service / missing-service-port', () => {
  const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
${backend}`;
  const svc = service('web', { app: 'web' }, { ports: '    - name: http\n      port: 80\n' });

  it('flags a backend Service that does not exist', () => {
    const ws = workspaceOf({ 'ing.yaml': ingress('              service:\n                name: api\n                port: {number: 80}\n'), 'svc.yaml': svc });
    const [d] = ofRule(ws, 'ing.yaml', 'missing-service');
    assert.equal(d.message, "Service 'api' is not defined in namespace 'default' in this workspace (referenced by path '/' of host example.com).");
    assert.equal(at(d), '14:22-14:25');
  });

  it('checks port numbers and names against the Service ports (not targetPorts)', () => {
    const byNumber = workspaceOf({ 'ing.yaml': ingress('              service:\n                name: web\n                port: {number: 8080}\n'), 'svc.yaml': svc });
    const [n] = ofRule(byNumber, 'ing.yaml', 'missing-service-port');
    assert.equal(n.message, "Service 'web' has no port number 8080 (its ports: 80 'http').");
    assert.equal(n.related?.[0].uri, 'file:///ws/svc.yaml');
    const byName = workspaceOf({ 'ing.yaml': ingress('              service:\n                name: web\n                port: {name: htp}\n'), 'svc.yaml': svc });
    assert.equal(ofRule(byName, 'ing.yaml', 'missing-service-port')[0].message, "Service 'web' has no port name 'htp' (its ports: 80 'http'). Did you mean 'http'?");
    const good = workspaceOf({ 'ing.yaml': ingress('              service:\n                name: web\n                port: {name: http}\n'), 'svc.yaml': svc });
    assert.deepEqual(ofRule(good, 'ing.yaml', 'missing-service-port'), []);
    assert.deepEqual(ofRule(good, 'ing.yaml', 'missing-service'), []);
  });

  it('checks defaultBackend and the legacy serviceName/servicePort form', () => {
    const legacy = `apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: 81}\n  rules:\n    - http:\n        paths:\n          - backend: {serviceName: gone, servicePort: 80}\n`;
    const modern = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n  defaultBackend:\n    service: {name: fallback, port: {number: 80}}\n`;
    const ws = workspaceOf({ 'old.yaml': legacy, 'new.yaml': modern, 'svc.yaml': svc });
    assert.deepEqual(ofRule(ws, 'old.yaml', 'missing-service').map((d) => d.message.split(' is not')[0]), ["Service 'gone'"]);
    assert.equal(ofRule(ws, 'old.yaml', 'missing-service-port')[0].message, "Service 'web' has no port number 81 (its ports: 80 'http').");
    assert.match(ofRule(ws, 'new.yaml', 'missing-service')[0].message, /^Service 'fallback' .*\(referenced by defaultBackend\)\.$/);
  });

  it('flags a StatefulSet serviceName without a Service', () => {
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db-headless\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: a, image: b}]}\n`;
    const ws = workspaceOf({ 'sts.yaml': sts });
    const [d] = ofRule(ws, 'sts.yaml', 'missing-service');
    assert.equal(d.message, "Service 'db-headless' is not defined in namespace 'default' in this workspace (referenced by serviceName).");
    assert.equal(at(d), '5:15-5:26');
  });
});

describe('missing-hpa-target', () => {
  const hpa = (apiVersion: string, kind: string, name: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef:\n    apiVersion: ${apiVersion}\n    kind: ${kind}\n    name: ${name}\n  minReplicas: 1\n  maxReplicas: 3\n`;

  it('flags a scaleTargetRef that names nothing, accepts an existing target', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }), 'bad.yaml': hpa('apps/v1', 'Deployment', 'wbe'), 'good.yaml': hpa('apps/v1', 'Deployment', 'web') });
    const [d] = ofRule(ws, 'bad.yaml', 'missing-hpa-target');
    assert.equal(d.message, "Deployment 'wbe' is not defined in namespace 'default' in this workspace (referenced by scaleTargetRef). Did you mean 'web'?");
    assert.equal(at(d), '8:10-8:13');
    assert.deepEqual(ofRule(ws, 'good.yaml', 'missing-hpa-target'), []);
  });

  it('considers the apiVersion group of the target', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }), 'hpa.yaml': hpa('extensions/v1beta1', 'Deployment', 'web') });
    assert.equal(ofRule(ws, 'hpa.yaml', 'missing-hpa-target')[0].message, "Deployment 'web' in namespace 'default' is defined with API group 'apps', but scaleTargetRef asks for group 'extensions'.");
  });
});
