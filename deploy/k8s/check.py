"""What the schemas cannot say about deploy/k8s (scripts/check-deploy.sh):

- the kustomization names every manifest of the directory, and only those;
- every container has CPU and memory requests and limits, a pinned image
  (a tag, never `latest`), drops all capabilities, and runs read-only;
- every service Deployment has liveness, readiness and startup probes on
  /health/live and /health/ready, and a stop grace above the services'
  30 s shutdown grace.
"""

import pathlib
import sys

import yaml

SHUTDOWN_GRACE_S = 30


def containers(spec):
    pod = spec["template"]["spec"]
    return pod.get("initContainers", []) + pod["containers"], pod


def main(root):
    root = pathlib.Path(root)
    problems = []
    listed = set(yaml.safe_load((root / "kustomization.yaml").read_text())["resources"])
    present = {p.name for p in root.glob("*.yaml")} - {"kustomization.yaml"}
    if listed != present:
        problems.append(f"kustomization resources {sorted(listed)} != files {sorted(present)}")
    for path in sorted(root.glob("*.yaml")) + sorted(root.glob("optional/*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") not in ("Deployment", "Job", "CronJob"):
                continue
            name = f"{path.name}: {doc['kind']} {doc['metadata']['name']}"
            spec = doc["spec"]
            if doc["kind"] == "CronJob":
                spec = spec["jobTemplate"]["spec"]
            cs, pod = containers(spec)
            for c in cs:
                where = f"{name}, container {c['name']}"
                res = c.get("resources", {})
                for kind in ("requests", "limits"):
                    for r in ("cpu", "memory"):
                        if r not in res.get(kind, {}):
                            problems.append(f"{where}: no {r} {kind[:-1]}")
                image = c.get("image", "")
                if ":" not in image or image.endswith(":latest"):
                    problems.append(f"{where}: image {image!r} is not pinned")
                sc = c.get("securityContext", {})
                if not sc.get("readOnlyRootFilesystem") or sc.get("capabilities", {}).get("drop") != ["ALL"]:
                    problems.append(f"{where}: not read-only with every capability dropped")
                if sc.get("allowPrivilegeEscalation") is not False:
                    problems.append(f"{where}: privilege escalation allowed")
            if pod.get("securityContext", {}).get("runAsNonRoot") is not True:
                problems.append(f"{name}: may run as root")
            if doc["kind"] == "Deployment":
                c = pod["containers"][0]
                for probe, path_ in (
                    ("livenessProbe", "/health/live"),
                    ("readinessProbe", "/health/ready"),
                    ("startupProbe", "/health/live"),
                ):
                    if c.get(probe, {}).get("httpGet", {}).get("path") != path_:
                        problems.append(f"{name}: {probe} is not on {path_}")
                grace = pod.get("terminationGracePeriodSeconds", 30)
                if grace <= SHUTDOWN_GRACE_S:
                    problems.append(f"{name}: stop grace {grace} s is not above the {SHUTDOWN_GRACE_S} s shutdown grace")
    for p in problems:
        print(f"deploy/k8s: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"deploy/k8s: {len(present)} manifests checked")


if __name__ == "__main__":
    main(sys.argv[1])
