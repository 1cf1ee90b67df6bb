"""The hub configurations under hub/: they parse, set what the deployment page promises, and
the Kubernetes hook gives a trainee only their own class sub-folder and an instructor all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from traitlets.config import Config

HUB = Path(__file__).resolve().parents[1] / "hub"


def test_z2jh_values_set_image_limits_culler_and_class_folder():
    values = yaml.safe_load((HUB / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    user = values["singleuser"]
    assert set(user["image"]) == {"name", "tag"}
    assert user["memory"]["limit"] == "1G" and user["cpu"]["limit"] == 1
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == 1800
    assert user["extraEnv"]["JLP_CLASS_FOLDER"] == "/home/jovyan/class"
    mount = user["storage"]["extraVolumeMounts"][0]
    assert mount == {
        "name": "jlp-class",
        "mountPath": "/home/jovyan/class",
        "subPath": "{username}",
    }
    claim = user["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
    pvc = yaml.safe_load((HUB / "z2jh" / "class-pvc.yaml").read_text(encoding="utf-8"))
    assert pvc["metadata"]["name"] == claim
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]


@pytest.mark.parametrize(("admin", "sub_path"), [(False, "{username}"), (True, None)])
def test_z2jh_hook_mounts_own_folder_for_trainees_and_all_for_instructors(admin, sub_path):
    values = yaml.safe_load((HUB / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    c = Config()
    exec(values["hub"]["extraConfig"]["jlp-class-folder"], {"c": c})
    hook = c.KubeSpawner.pre_spawn_hook
    home = {"name": "home", "mountPath": "/home/jovyan", "subPath": "{username}"}
    spawner = SimpleNamespace(
        user=SimpleNamespace(admin=admin),
        volume_mounts=[home, *values["singleuser"]["storage"]["extraVolumeMounts"]],
    )
    hook(spawner)
    home_after, class_after = spawner.volume_mounts
    assert home_after == home
    assert class_after.get("subPath") == sub_path
    assert class_after["mountPath"] == "/home/jovyan/class"


def test_tljh_snippet_sets_the_class_folder():
    c = Config()
    c.Spawner.environment = {"OTHER": "1"}
    source = (HUB / "tljh" / "jlp_config.py").read_text(encoding="utf-8")
    exec(source, {"get_config": lambda: c})
    assert c.Spawner.environment == {"OTHER": "1", "JLP_CLASS_FOLDER": "/srv/jlp-class"}
    assert c.Spawner.default_url == "/lab"


@pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("tljh-config") is not None,
    reason="needs bash, and a machine without TLJH",
)
def test_tljh_setup_script_parses_and_refuses_without_root_or_tljh(tmp_path):
    script = HUB / "tljh" / "setup.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    text = script.read_text(encoding="utf-8")
    for setting in (
        "limits.memory",
        "limits.cpu",
        "services.cull.timeout",
        "user_environment.default_app",
        "-m 3773",
        "requirements.txt",
    ):
        assert setting in text
    done = subprocess.run(
        [shutil.which("bash"), str(script)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert done.returncode == 2 and done.stderr.startswith("error: ")
