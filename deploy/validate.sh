#!/usr/bin/env bash
# Offline validation of everything under deploy/ (no cluster, no Docker engine, no network after `npm ci`):
#   - every Kubernetes manifest under deploy/k8s against the kubernetes-models / KEDA / prometheus-operator
#     schemas plus the project's rules (secrets only in Secrets, probes, partitions = max replicas, ...),
#     deploy/prometheus/alerts.yml and deploy/grafana/canvas-campus-sync.json (deploy/validate/validate.mjs);
#   - `kubectl kustomize deploy/k8s`, when kubectl is installed;
#   - `docker-compose config -q` of the root docker-compose.yml, when docker-compose is installed, with dummy
#     values for the variables it requires.
# Exits non-zero on the first failing step. Usage: deploy/validate.sh
set -euo pipefail

deploy_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$deploy_dir/.." && pwd)"

command -v node >/dev/null || { echo "deploy validation: node is required (Node.js 20 or later)" >&2; exit 1; }
command -v npm >/dev/null || { echo "deploy validation: npm is required" >&2; exit 1; }

# 1. Pinned validation packages (package-lock.json), quietly.
(cd "$deploy_dir/validate" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
  || { echo "deploy validation: npm ci failed in deploy/validate" >&2; exit 1; }

# 2. Manifests, alerts, dashboard.
mjs_out="$(node "$deploy_dir/validate/validate.mjs")" || exit 1
echo "$mjs_out"
manifests="$(sed -n 's/^validate\.mjs: \([0-9]*\) manifests OK.*/\1/p' <<<"$mjs_out")"
alerts="$(sed -n 's/.* \([0-9]*\) alert rules OK.*/\1/p' <<<"$mjs_out")"

# 3. The kustomization builds (it lists every manifest; validate.mjs checked that).
kustomize_status="kustomize skipped (kubectl not installed)"
if command -v kubectl >/dev/null; then
  built="$(kubectl kustomize "$deploy_dir/k8s")" \
    || { echo "deploy validation: kubectl kustomize deploy/k8s failed" >&2; exit 1; }
  objects="$(grep -c '^kind:' <<<"$built")"
  if [[ "$objects" != "$manifests" ]]; then
    echo "deploy validation: kustomize built $objects objects but deploy/k8s holds $manifests manifests" >&2
    exit 1
  fi
  kustomize_status="kustomize OK"
fi

# 4. docker-compose.yml: deploy/compose/.env.example names every variable it requires, and (when docker-compose
#    is installed) `config -q` passes with a dummy value for each.
required="$(grep -o '\${[A-Za-z_][A-Za-z0-9_]*:?' "$repo_root/docker-compose.yml" | sed 's/^\${//; s/:?$//' | sort -u)"
for var in $required; do
  grep -q "^$var=" "$deploy_dir/compose/.env.example" \
    || { echo "deploy validation: docker-compose.yml requires $var but deploy/compose/.env.example lacks it" >&2; exit 1; }
done
compose_status="compose skipped (docker-compose not installed)"
if command -v docker-compose >/dev/null; then
  env_args=()
  for var in $required; do env_args+=("$var=validate-dummy"); done
  (cd "$repo_root" && env "${env_args[@]}" docker-compose -f docker-compose.yml config -q) \
    || { echo "deploy validation: docker-compose -f docker-compose.yml config -q failed" >&2; exit 1; }
  compose_status="compose OK"
fi

echo "deploy validation: $manifests manifests OK, $alerts alert rules OK, dashboard OK, $kustomize_status, $compose_status"
