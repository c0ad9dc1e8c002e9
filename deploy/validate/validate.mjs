#!/usr/bin/env node
// Offline validation of deploy/: every YAML document under deploy/k8s against the Kubernetes (and KEDA) models,
// the project's own rules for those manifests, the Prometheus alert rules and the Grafana dashboard.
// Needs no cluster and no network once `npm ci` has run. Exits 1 with one line per problem.
// Run it through deploy/validate.sh (which also installs the pinned packages and checks docker-compose.yml).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const deployDir = path.resolve(here, '..');
const repoRoot = path.resolve(deployDir, '..');
const k8sDir = path.join(deployDir, 'k8s');
const alertsFile = path.join(deployDir, 'prometheus', 'alerts.yml');
const dashboardFile = path.join(deployDir, 'grafana', 'canvas-campus-sync.json');
const operationsDoc = path.join(repoRoot, 'docs', 'operations.md');
const readme = path.join(repoRoot, 'README.md');

/** apiVersion -> the module whose named exports are the model classes of that group/version. */
const MODELS = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/**
 * The per-district keys each service reads (ccsync.districts."<tenant>".<key>, env CCSYNC_DISTRICTS_<TENANT>_<KEY>),
 * from the services' @ConfigMapping interfaces; `required` have no default, so a district missing one stops the
 * service at start. Update this when a service gains a district setting (and docs/configuration.md with it).
 */
const DISTRICT_KEYS = {
  'canvas-ingest': {
    required: ['CANVAS_BASE_URL', 'CANVAS_TOKEN', 'JWKS_URL'],
    optional: ['ALLOW_UNSIGNED', 'ACCOUNT_ID', 'COURSES'],
  },
  'eligibility-service': {
    required: [],
    optional: ['ENABLED_COURSES', 'REQUIRE_DUE_DATE', 'NAME_LENGTH_LIMIT', 'HIDDEN_GRADES', 'INELIGIBLE_ACTION', 'PENDING_REVIEW', 'EXTRA_CREDIT'],
  },
  'campus-writer': {
    required: ['CAMPUS_BASE_URL', 'APP_NAME', 'CLIENT_ID', 'CLIENT_SECRET', 'VENDOR_KEY', 'VENDOR_SECRET'],
    optional: ['DEFAULT_CATEGORY', 'MAX_CONCURRENT_PEAK', 'MAX_CONCURRENT_OFF_PEAK', 'PEAK_HOURS', 'TIME_ZONE',
      'CREDENTIALS_EXPIRE_AT', 'RETRY_MAX_ATTEMPTS', 'ROSTERING_CLIENT_ID', 'ROSTERING_CLIENT_SECRET', 'TOKEN_SCOPES',
      'GRADING_PERIOD_END_INCLUSIVE', 'IDENTITY_STRATEGY', 'BATCH_RESULTS', 'BATCH_MAX_RESULTS'],
    prefixes: ['CATEGORY_MAPPINGS_'],
  },
  'status-service': {
    required: [],
    optional: ['TIME_ZONE', 'DAILY_SYNC_DEFAULT', 'OUTCOME_RETENTION', 'SIGN_IN_ADMINS', 'SIGN_IN_TEACHERS',
      'LTI_ISSUER', 'LTI_CLIENT_ID', 'LTI_DEPLOYMENT_IDS', 'LTI_JWKS_URL', 'LTI_AUTHORIZATION_URL',
      'LTI_ADMINISTRATOR_IS_DISTRICT_ADMIN', 'LTI_COURSE_ID_PARAMETER'],
  },
};

/**
 * Settings a service cannot work without beyond Kafka and its database (status-service: the district's identity
 * provider, OpenID Connect).
 */
const REQUIRED_ENV = {
  'status-service': ['QUARKUS_OIDC_AUTH_SERVER_URL', 'QUARKUS_OIDC_CLIENT_ID', 'QUARKUS_OIDC_CREDENTIALS_SECRET'],
};

/** Environment variable names that hold a secret: only ever in a Secret. */
const SECRET_NAME = /(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|CREDENTIALS?)$/;
const PLACEHOLDER = /^CHANGE-ME/;

/** Prometheus names of the project's meters (docs/operations.md, "Metrics") and the Kafka client lag metric. */
const KNOWN_METRICS = new Set([
  'ccsync_webhook_events_total',
  'ccsync_canvas_requests_total',
  'ccsync_canvas_request_cost_total',
  'ccsync_canvas_throttle_wait_seconds_count',
  'ccsync_canvas_throttle_wait_seconds_sum',
  'ccsync_canvas_throttle_wait_seconds_max',
  'ccsync_canvas_token_valid',
  'ccsync_canvas_watermark_age_seconds',
  'ccsync_eligibility_decisions_total',
  'ccsync_ic_requests_total',
  'ccsync_lane_wait_seconds_count',
  'ccsync_lane_wait_seconds_sum',
  'ccsync_lane_wait_seconds_max',
  'ccsync_lane_in_flight',
  'ccsync_lane_capacity',
  'ccsync_ic_circuit_open',
  'ccsync_ic_credentials_expiry',
  'ccsync_sync_latency_seconds_bucket',
  'ccsync_sync_latency_seconds_count',
  'ccsync_sync_latency_seconds_sum',
  'ccsync_sync_latency_seconds_max',
  'ccsync_backlog_pending',
  'ccsync_backlog_oldest_age_seconds',
  'ccsync_dlq_depth',
  'ccsync_drift_found_total',
  'ccsync_drift_repaired_total',
  'ccsync_drift_held_total',
  'ccsync_drift_held_oldest_age_seconds',
  'ccsync_outbox_rows',
  'ccsync_outbox_oldest_age_seconds',
  'kafka_consumer_fetch_manager_records_lag',
  'kafka_consumer_fetch_manager_records_lag_max',
]);

/** What the dashboard must show: one metric per panel family the runbook relies on. */
const DASHBOARD_MUST_USE = [
  'ccsync_sync_latency_seconds_bucket', 'ccsync_backlog_pending', 'ccsync_backlog_oldest_age_seconds',
  'ccsync_ic_requests_total', 'ccsync_lane_in_flight', 'ccsync_lane_capacity', 'ccsync_ic_circuit_open',
  'ccsync_canvas_requests_total', 'ccsync_canvas_request_cost_total', 'ccsync_canvas_throttle_wait_seconds_sum',
  'ccsync_webhook_events_total', 'ccsync_eligibility_decisions_total', 'kafka_consumer_fetch_manager_records_lag',
  'ccsync_dlq_depth',
];

/** The alerts the runbook documents; each must exist in alerts.yml. */
const ALERTS_MUST_EXIST = [
  'CcsyncIcFailing', 'CcsyncBacklogAgeHigh', 'CcsyncDlqNotEmpty', 'CcsyncCanvasTokenInvalid',
  'CcsyncIcCredentialsExpiring', 'CcsyncConsumerLagHigh', 'CcsyncHeldChangeWaiting', 'CcsyncOutboxStuck',
];

const errors = [];
const notes = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);
const rel = (file) => path.relative(repoRoot, file);

// ---------------------------------------------------------------------------------------------- k8s manifests

/** Every YAML document under deploy/k8s except the kustomization, each with where it came from. */
function loadManifests() {
  const docs = [];
  const files = readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    if (file === 'kustomization.yaml' || file === 'kustomization.yml') continue;
    const full = path.join(k8sDir, file);
    const parsed = parseAllDocuments(readFileSync(full, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    parsed.forEach((doc, index) => {
      const where = `${rel(full)}#${index + 1}`;
      for (const e of doc.errors) fail(where, `YAML: ${e.message.split('\n')[0]}`);
      if (doc.errors.length > 0) return;
      const obj = doc.toJS();
      if (obj === null || obj === undefined) return;
      docs.push({ file, where, obj });
    });
  }
  return { files, docs };
}

async function validateModels(docs) {
  for (const { where, obj } of docs) {
    const label = `${where} ${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`;
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      fail(where, 'a document must be a mapping (a Kubernetes object)');
      continue;
    }
    if (!obj.apiVersion || !obj.kind) {
      fail(label, 'missing apiVersion or kind');
      continue;
    }
    if (!obj.metadata?.name) fail(label, 'missing metadata.name');
    const modulePath = MODELS[obj.apiVersion];
    if (!modulePath) {
      fail(label, `no model for apiVersion ${obj.apiVersion} (add it to MODELS in validate.mjs)`);
      continue;
    }
    const Model = (await import(modulePath))[obj.kind];
    if (!Model) {
      fail(label, `unknown kind ${obj.kind} in ${obj.apiVersion}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      fail(label, `schema: ${e.message}`);
    }
  }
}

function validateKustomization(files) {
  const file = path.join(k8sDir, 'kustomization.yaml');
  if (!existsSync(file)) return;
  let k;
  try {
    k = parse(readFileSync(file, 'utf8'), { uniqueKeys: true });
  } catch (e) {
    fail(rel(file), `YAML: ${e.message.split('\n')[0]}`);
    return;
  }
  const listed = new Set(k?.resources ?? []);
  for (const r of listed) {
    if (!files.includes(r)) fail(rel(file), `lists ${r}, which does not exist in deploy/k8s`);
  }
  for (const f of files) {
    if (f !== 'kustomization.yaml' && !listed.has(f)) fail(rel(file), `does not list ${f} (list it, or delete the file)`);
  }
}

/** Partition counts from the README's topic table: | `name` | 6 | ... */
function readmePartitions() {
  const counts = new Map();
  if (!existsSync(readme)) {
    fail('README.md', 'not found; the topic partition counts are read from its "Topics" table');
    return counts;
  }
  for (const m of readFileSync(readme, 'utf8').matchAll(/^\|\s*`([a-z-]+)`\s*\|\s*(\d+)\s*\|/gm)) {
    counts.set(m[1], Number(m[2]));
  }
  if (counts.size === 0) fail('README.md', 'no topic table rows (| `topic` | partitions | ...) found');
  return counts;
}

const byKind = (docs, kind) => docs.filter((d) => d.obj.kind === kind);
const named = (docs, kind, name) => docs.find((d) => d.obj.kind === kind && d.obj.metadata?.name === name);
const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;

/** A Secret's values as strings (stringData as is, data base64-decoded). */
function secretValues(obj) {
  const values = { ...(obj.stringData ?? {}) };
  for (const [k, v] of Object.entries(obj.data ?? {})) values[k] = Buffer.from(String(v), 'base64').toString('utf8');
  return values;
}

/** The environment a container gets from its envFrom ConfigMaps/Secrets and its env entries, with sources. */
function containerEnv(docs, container, where) {
  const env = new Map();
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const doc = named(docs, kind, ref?.name);
    if (!doc) {
      if (!ref?.optional) fail(where, `envFrom ${kind} ${ref?.name} is not defined in deploy/k8s`);
      continue;
    }
    const data = kind === 'Secret' ? secretValues(doc.obj) : (doc.obj.data ?? {});
    for (const [k, v] of Object.entries(data)) env.set(k, { value: String(v), kind });
  }
  for (const e of container.env ?? []) {
    env.set(e.name, { value: e.value, kind: e.valueFrom?.secretKeyRef ? 'Secret' : e.valueFrom ? 'ref' : 'literal' });
  }
  return env;
}

function validatePolicies(docs, partitions) {
  const common = named(docs, 'ConfigMap', 'ccsync-common');
  const bootstrap = common?.obj.data?.KAFKA_BOOTSTRAP_SERVERS;
  if (!bootstrap) fail('deploy/k8s', 'ConfigMap ccsync-common must set KAFKA_BOOTSTRAP_SERVERS');

  // Secrets: placeholders only. ConfigMaps: no secret-looking keys.
  for (const { where, obj } of byKind(docs, 'Secret')) {
    for (const [k, v] of Object.entries(secretValues(obj))) {
      if (!PLACEHOLDER.test(v)) {
        fail(`${where} Secret/${obj.metadata.name}`, `${k} is not a CHANGE-ME placeholder: never commit a real secret`);
      }
    }
  }
  for (const { where, obj } of byKind(docs, 'ConfigMap')) {
    for (const k of Object.keys(obj.data ?? {})) {
      if (SECRET_NAME.test(k)) fail(`${where} ConfigMap/${obj.metadata.name}`, `${k} looks like a secret: move it to the Secret`);
    }
  }

  const services = Object.keys(DISTRICT_KEYS);
  for (const service of services) {
    const dep = named(docs, 'Deployment', service);
    if (!dep) {
      fail('deploy/k8s', `no Deployment ${service}`);
      continue;
    }
    const where = `${dep.where} Deployment/${service}`;
    const spec = dep.obj.spec ?? {};
    const pod = spec.template?.spec ?? {};
    const container = (pod.containers ?? []).find((c) => c.name === service) ?? pod.containers?.[0];
    if (!container) {
      fail(where, 'no container');
      continue;
    }
    if (container.image !== `ccsync/${service}:0.1.0-SNAPSHOT`) {
      fail(where, `image is ${container.image}, expected ccsync/${service}:0.1.0-SNAPSHOT`);
    }
    if (container.readinessProbe?.httpGet?.path !== '/q/health/ready') fail(where, 'readinessProbe must GET /q/health/ready');
    if (container.livenessProbe?.httpGet?.path !== '/q/health/live') fail(where, 'livenessProbe must GET /q/health/live');
    for (const part of ['requests', 'limits']) {
      for (const res of ['cpu', 'memory']) {
        if (!container.resources?.[part]?.[res]) fail(where, `resources.${part}.${res} is not set`);
      }
    }
    if (!labelsMatch(spec.selector?.matchLabels, spec.template?.metadata?.labels)) {
      fail(where, 'selector.matchLabels does not match the pod template labels');
    }
    const envFrom = container.envFrom ?? [];
    if (!envFrom.some((e) => e.configMapRef?.name === service)) fail(where, `envFrom must include ConfigMap ${service}`);
    if (!envFrom.some((e) => e.secretRef?.name === service)) fail(where, `envFrom must include Secret ${service}`);
    for (const e of container.env ?? []) {
      if (SECRET_NAME.test(e.name) && !e.valueFrom?.secretKeyRef) fail(where, `env ${e.name} must come from a Secret`);
    }

    const env = containerEnv(docs, container, where);
    for (const [k, { kind }] of env) {
      if (SECRET_NAME.test(k) && kind !== 'Secret') fail(where, `${k} reaches the container from a ${kind}, not a Secret`);
    }
    const needed = ['KAFKA_BOOTSTRAP_SERVERS', 'QUARKUS_DATASOURCE_JDBC_URL', 'QUARKUS_DATASOURCE_USERNAME', 'QUARKUS_DATASOURCE_PASSWORD',
      ...(REQUIRED_ENV[service] ?? [])];
    for (const k of needed) {
      if (!env.has(k)) fail(where, `the container gets no ${k}`);
    }

    // Districts: CCSYNC_DISTRICTS_<TENANT>_<KEY>. A tenant id in an env var name can only be [A-Z0-9]+: with '_'
    // (from '-' or '_') SmallRye Config cannot tell the tenant from the key and silently drops the district.
    const keys = DISTRICT_KEYS[service];
    const known = [...keys.required, ...keys.optional];
    const tenants = new Map();
    for (const name of env.keys()) {
      if (!name.startsWith('CCSYNC_DISTRICTS_')) continue;
      const rest = name.slice('CCSYNC_DISTRICTS_'.length);
      const m = rest.match(/^([A-Z0-9]+)_(.+)$/);
      const key = m?.[2];
      const ok = m && (known.includes(key) || (keys.prefixes ?? []).some((p) => key.startsWith(p) && key.length > p.length));
      if (!ok) {
        fail(where, `${name} is not a ${service} district setting of a tenant id made of letters and digits `
          + `(known keys: ${known.join(', ') || 'none'}); see docs/configuration.md, "Districts"`);
        continue;
      }
      if (!tenants.has(m[1])) tenants.set(m[1], new Set());
      tenants.get(m[1]).add(key);
    }
    for (const [tenant, set] of tenants) {
      for (const k of keys.required) {
        if (!set.has(k)) fail(where, `district ${tenant.toLowerCase()} lacks CCSYNC_DISTRICTS_${tenant}_${k} (required, no default)`);
      }
    }
    if (service === 'campus-writer') {
      // IC's published load rules: serial at peak, at most 5 concurrent off-peak, per district.
      for (const [tenant] of tenants) {
        const peak = env.get(`CCSYNC_DISTRICTS_${tenant}_MAX_CONCURRENT_PEAK`)?.value;
        const off = env.get(`CCSYNC_DISTRICTS_${tenant}_MAX_CONCURRENT_OFF_PEAK`)?.value;
        if (peak !== undefined && !(Number(peak) >= 1 && Number(peak) <= 1)) fail(where, `district ${tenant.toLowerCase()}: MAX_CONCURRENT_PEAK must be 1 (IC: serial at peak), is ${peak}`);
        if (off !== undefined && !(Number(off) >= 1 && Number(off) <= 5)) fail(where, `district ${tenant.toLowerCase()}: MAX_CONCURRENT_OFF_PEAK must be 1..5 (IC: at most 5 off-peak), is ${off}`);
      }
      if (spec.replicas !== undefined) fail(where, 'must not set spec.replicas: the KEDA ScaledObject owns the replica count');
    }
  }

  // Services select a Deployment's pods and target a port its container names.
  for (const { where, obj } of byKind(docs, 'Service')) {
    const target = byKind(docs, 'Deployment').find((d) => labelsMatch(obj.spec?.selector, d.obj.spec?.template?.metadata?.labels));
    if (!target) {
      fail(`${where} Service/${obj.metadata.name}`, 'its selector matches no Deployment in deploy/k8s');
      continue;
    }
    const ports = (target.obj.spec.template.spec.containers ?? []).flatMap((c) => c.ports ?? []);
    for (const p of obj.spec?.ports ?? []) {
      const t = p.targetPort ?? p.port;
      if (!ports.some((cp) => cp.name === t || cp.containerPort === t)) {
        fail(`${where} Service/${obj.metadata.name}`, `targetPort ${t} is not a port of Deployment ${target.obj.metadata.name}`);
      }
    }
  }
  for (const { where, obj } of byKind(docs, 'PodDisruptionBudget')) {
    if (!byKind(docs, 'Deployment').some((d) => labelsMatch(obj.spec?.selector?.matchLabels, d.obj.spec?.template?.metadata?.labels))) {
      fail(`${where} PodDisruptionBudget/${obj.metadata.name}`, 'its selector matches no Deployment in deploy/k8s');
    }
  }
  if (!byKind(docs, 'PodDisruptionBudget').some((d) => d.obj.spec?.selector?.matchLabels?.['app.kubernetes.io/name'] === 'campus-writer')) {
    fail('deploy/k8s', 'campus-writer needs a PodDisruptionBudget');
  }

  // KEDA: campus-writer on the lag of group campus-writer on campus-writes, at most one replica per partition.
  const scaled = byKind(docs, 'ScaledObject');
  const writerScaler = scaled.find((d) => d.obj.spec?.scaleTargetRef?.name === 'campus-writer');
  if (!writerScaler) fail('deploy/k8s', 'no KEDA ScaledObject targets campus-writer');
  for (const { where, obj } of scaled) {
    const label = `${where} ScaledObject/${obj.metadata.name}`;
    const spec = obj.spec ?? {};
    if (!named(docs, 'Deployment', spec.scaleTargetRef?.name)) fail(label, `scaleTargetRef ${spec.scaleTargetRef?.name} is not a Deployment in deploy/k8s`);
    const kafka = (spec.triggers ?? []).filter((t) => t.type === 'kafka');
    if (kafka.length === 0) fail(label, 'needs a kafka trigger');
    for (const t of kafka) {
      const md = t.metadata ?? {};
      const topic = md.topic;
      if (md.consumerGroup !== spec.scaleTargetRef?.name) fail(label, `consumerGroup ${md.consumerGroup} is not the service's group ${spec.scaleTargetRef?.name}`);
      if (!partitions.has(topic)) fail(label, `topic ${topic} is not in the README's topic table`);
      if (!/^[1-9]\d*$/.test(String(md.lagThreshold ?? ''))) fail(label, 'lagThreshold must be a positive integer (as a string)');
      if (md.bootstrapServers !== bootstrap) fail(label, `bootstrapServers ${md.bootstrapServers} differs from ccsync-common KAFKA_BOOTSTRAP_SERVERS ${bootstrap}`);
      if (String(md.allowIdleConsumers ?? 'false') !== 'false') fail(label, 'allowIdleConsumers must stay false: a replica beyond the partition count idles');
      if (partitions.has(topic) && spec.maxReplicaCount !== partitions.get(topic)) {
        fail(label, `maxReplicaCount ${spec.maxReplicaCount} must equal the ${partitions.get(topic)} partitions of ${topic}`);
      }
    }
    if (!(spec.minReplicaCount >= 1)) fail(label, 'minReplicaCount must be at least 1');
  }

  // The topic Job creates exactly the README's topics and partition counts, plus a 1-partition DLQ per topic.
  const jobs = byKind(docs, 'Job').filter((d) => JSON.stringify(d.obj).includes('kafka-topics.sh'));
  for (const { where, obj } of jobs) {
    const label = `${where} Job/${obj.metadata.name}`;
    const script = (obj.spec?.template?.spec?.containers ?? []).flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).join('\n');
    const created = new Map([...script.matchAll(/^\s*create ([a-z-]+) (\d+)\s*$/gm)].map((m) => [m[1], Number(m[2])]));
    const dlqLoop = script.match(/for t in ([a-z -]+); do\s*create "\$t-dlq" 1/);
    if (dlqLoop) for (const t of dlqLoop[1].trim().split(/\s+/)) created.set(`${t}-dlq`, 1);
    for (const [topic, n] of partitions) {
      if (topic.includes('<')) continue;
      if (created.get(topic) !== n) fail(label, `creates ${topic} with ${created.get(topic) ?? 'no'} partitions, README says ${n}`);
      if (created.get(`${topic}-dlq`) !== 1) fail(label, `does not create ${topic}-dlq with 1 partition`);
    }
    for (const topic of created.keys()) {
      if (!partitions.has(topic) && !partitions.has(topic.replace(/-dlq$/, ''))) fail(label, `creates ${topic}, which the README does not list`);
    }
  }
}

// ---------------------------------------------------------------------------------------------- runbook anchors

/** GitHub's heading anchors of a Markdown file. */
function markdownAnchors(file) {
  const anchors = new Set();
  if (!existsSync(file)) return anchors;
  const seen = new Map();
  let fence = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    const base = m[1].toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every relative Markdown link of docs/*.md resolves: the file exists and, with a #section, so does the heading. */
function validateDocLinks() {
  const docsDir = path.join(repoRoot, 'docs');
  if (!existsSync(docsDir)) return 0;
  let count = 0;
  for (const name of readdirSync(docsDir).filter((f) => f.endsWith('.md'))) {
    const file = path.join(docsDir, name);
    let fence = false;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      if (fence) continue;
      for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1];
        if (/^[a-z]+:/.test(link)) continue;
        count++;
        const [target, anchor] = link.split('#');
        const targetFile = target === '' ? file : path.resolve(docsDir, target);
        if (!existsSync(targetFile)) {
          fail(rel(file), `link ${link}: ${rel(targetFile)} does not exist`);
          continue;
        }
        if (anchor !== undefined && targetFile.endsWith('.md') && !markdownAnchors(targetFile).has(anchor)) {
          fail(rel(file), `link ${link}: no heading #${anchor} in ${rel(targetFile)}`);
        }
      }
    }
  }
  return count;
}

function metricNames(expr) {
  return [...expr.matchAll(/\b((?:ccsync|kafka)_[a-z0-9_]+)\b/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------- alerts

async function validateAlerts() {
  if (!existsSync(alertsFile)) {
    fail(rel(alertsFile), 'missing');
    return { rules: 0, exprs: [] };
  }
  const docs = parseAllDocuments(readFileSync(alertsFile, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (docs.length !== 1 || docs[0].errors.length > 0) {
    for (const d of docs) for (const e of d.errors) fail(rel(alertsFile), `YAML: ${e.message.split('\n')[0]}`);
    if (docs.length !== 1) fail(rel(alertsFile), 'must hold exactly one YAML document');
    return { rules: 0, exprs: [] };
  }
  const file = docs[0].toJS();
  const { PrometheusRule } = await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');
  try {
    new PrometheusRule({ metadata: { name: 'ccsync-alerts' }, spec: file }).validate();
  } catch (e) {
    fail(rel(alertsFile), `not a valid PrometheusRule spec: ${e.message}`);
  }
  const anchors = markdownAnchors(operationsDoc);
  if (anchors.size === 0) fail(rel(operationsDoc), 'missing or has no headings (the alerts link to it)');
  const names = new Set();
  let count = 0;
  const exprs = [];
  for (const group of file?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      count++;
      const label = `${rel(alertsFile)} ${rule.alert ?? rule.record ?? '?'}`;
      if (!rule.alert) {
        fail(label, 'only alerting rules belong in this file');
        continue;
      }
      names.add(rule.alert);
      exprs.push(String(rule.expr));
      if (!['warning', 'critical', 'info'].includes(rule.labels?.severity)) fail(label, 'labels.severity must be info, warning or critical');
      if (!rule.annotations?.summary) fail(label, 'needs a summary annotation');
      const runbook = rule.annotations?.runbook;
      const m = typeof runbook === 'string' && runbook.match(/^docs\/operations\.md#([a-z0-9_-]+)$/);
      if (!m) fail(label, `runbook annotation must be docs/operations.md#<section>, is ${runbook}`);
      else if (anchors.size > 0 && !anchors.has(m[1])) fail(label, `runbook section #${m[1]} is not a heading of docs/operations.md`);
      for (const metric of metricNames(String(rule.expr))) {
        if (!KNOWN_METRICS.has(metric)) fail(label, `unknown metric ${metric}`);
      }
    }
  }
  for (const a of ALERTS_MUST_EXIST) if (!names.has(a)) fail(rel(alertsFile), `alert ${a} is missing`);
  return { rules: count, exprs };
}

// ---------------------------------------------------------------------------------------------- dashboard

function validateDashboard() {
  if (!existsSync(dashboardFile)) {
    fail(rel(dashboardFile), 'missing');
    return { panels: 0, exprs: [] };
  }
  let d;
  try {
    d = JSON.parse(readFileSync(dashboardFile, 'utf8'));
  } catch (e) {
    fail(rel(dashboardFile), `JSON: ${e.message}`);
    return { panels: 0, exprs: [] };
  }
  const where = rel(dashboardFile);
  if (!d.uid || !d.title) fail(where, 'needs uid and title');
  const vars = d.templating?.list ?? [];
  const ds = vars.find((v) => v.type === 'datasource' && v.query === 'prometheus');
  if (!ds) fail(where, 'needs a datasource variable of type prometheus');
  const tenant = vars.find((v) => v.name === 'tenant');
  if (!tenant) fail(where, 'needs a tenant variable');
  const dsRef = ds ? `\${${ds.name}}` : null;
  const panels = (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  const ids = new Set();
  const exprs = [];
  let count = 0;
  for (const p of panels) {
    const label = `${where} panel "${p.title}"`;
    if (ids.has(p.id)) fail(label, `duplicate panel id ${p.id}`);
    ids.add(p.id);
    if (!p.gridPos) fail(label, 'no gridPos');
    if (p.type === 'row') continue;
    count++;
    if (p.datasource?.uid !== dsRef) fail(label, `datasource must be the ${dsRef} variable`);
    if (!(p.targets?.length > 0)) fail(label, 'no query');
    for (const t of p.targets ?? []) {
      if (!t.expr) fail(label, `target ${t.refId} has no expr`);
      if (t.datasource?.uid !== dsRef) fail(label, `target ${t.refId} datasource must be the ${dsRef} variable`);
      exprs.push(String(t.expr));
      for (const metric of metricNames(String(t.expr))) if (!KNOWN_METRICS.has(metric)) fail(label, `unknown metric ${metric}`);
      if (/ccsync_/.test(t.expr) && !t.expr.includes('tenant=~"$tenant"') && !/dlq_depth/.test(t.expr)) {
        fail(label, 'a ccsync_ query must filter on tenant=~"$tenant"');
      }
    }
  }
  const all = exprs.join('\n');
  for (const m of DASHBOARD_MUST_USE) if (!all.includes(m)) fail(where, `no panel reads ${m}`);
  if (!/histogram_quantile\(0\.5/.test(all) || !/histogram_quantile\(0\.95/.test(all) || !/histogram_quantile\(0\.99/.test(all)) {
    fail(where, 'the latency panel needs p50, p95 and p99');
  }
  return { panels: count, exprs };
}

// ---------------------------------------------------------------------------------------------- promtool

/** Checks the PromQL of the alerts and of the dashboard (as recording rules) with promtool, when it is installed. */
function promtool(dashboardExprs) {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    notes.push('promtool not installed: PromQL syntax not checked');
    return 'skipped';
  }
  const r1 = spawnSync('promtool', ['check', 'rules', alertsFile], { encoding: 'utf8' });
  if (r1.status !== 0) fail(rel(alertsFile), `promtool: ${(r1.stdout + r1.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'ccsync-validate-'));
  try {
    const grafanaFree = (e) => e.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$tenant', '.*');
    const rules = { groups: [{ name: 'dashboard', rules: dashboardExprs.map((e, i) => ({ record: `ccsync:dashboard_query_${i}`, expr: grafanaFree(e) })) }] };
    const file = path.join(dir, 'dashboard-queries.yml');
    writeFileSync(file, JSON.stringify(rules));
    const r2 = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    if (r2.status !== 0) fail(rel(dashboardFile), `promtool: ${(r2.stdout + r2.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 'OK';
}

// ---------------------------------------------------------------------------------------------- main

const { files, docs } = loadManifests();
await validateModels(docs);
validateKustomization(files);
validatePolicies(docs, readmePartitions());
const alerts = await validateAlerts();
const dashboard = validateDashboard();
const promql = promtool(dashboard.exprs);
const links = validateDocLinks();

for (const n of notes) console.log(`note: ${n}`);
if (errors.length > 0) {
  for (const e of errors) console.error(`ERROR ${e}`);
  console.error(`validate.mjs: ${errors.length} problem(s) found`);
  process.exit(1);
}
console.log(`validate.mjs: ${docs.length} manifests OK, ${alerts.rules} alert rules OK, dashboard OK (${dashboard.panels} panels), PromQL ${promql}, ${links} doc links OK`);
