/**
 * Deterministic generator of realistic manifests for benchmarks: each "app" is a Deployment, a Service,
 * a ConfigMap and (every few apps) an Ingress, a Secret, an HPA and RBAC — about 30 lines per resource.
 */
export function appManifests(i: number, namespace = 'default'): string[] {
  const name = `app-${i}`;
  const docs = [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
    tier: backend
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: backend
    spec:
      containers:
        - name: main
          image: example/${name}:1.${i % 10}.0
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${name}-config
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 5`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http`,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${namespace}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"`,
  ];
  if (i % 3 === 0) {
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  ingressClassName: nginx
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http`);
  }
  if (i % 4 === 0) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70`);
  }
  if (i % 5 === 0) {
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}-reader
  namespace: ${namespace}
rules:
  - apiGroups: [""]
    resources: ["pods", "configmaps"]
    verbs: ["get", "list", "watch"]`);
  }
  return docs;
}

/** At least `resources` resources, as one multi-document YAML text. */
export function manifestText(resources: number, namespace = 'default'): { text: string; count: number } {
  const docs: string[] = [];
  for (let i = 0; docs.length < resources; i++) docs.push(...appManifests(i, namespace));
  const used = docs.slice(0, resources);
  return { text: used.join('\n---\n') + '\n', count: used.length };
}
