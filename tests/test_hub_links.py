"""jlp.hub.pull_link: nbgitpuller links built the way nbgitpuller reads them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from jlp.errors import JlpInputError
from jlp.hub import links_from_environment, main, pull_link


def query(link):
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


def test_link_parts_are_what_nbgitpuller_reads():
    link = pull_link(
        "https://hub.example.org/prefix/",
        "https://github.com/org/jlp.git",
        "main",
        "/notebooks/net-tool.ipynb",
    )
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.org")
    assert parts.path == "/prefix/hub/user-redirect/git-pull"
    assert query(link) == {
        "repo": "https://github.com/org/jlp.git",
        "branch": "main",
        "targetpath": "jlp",
        "urlpath": "lab/tree/jlp/notebooks/net-tool.ipynb",
    }


def test_odd_characters_survive_the_round_trip():
    link = pull_link(
        "http://127.0.0.1:8081",
        "/tmp/a b/c&d=e#f",
        "feature/x",
        "notebooks/año 1.ipynb",
        folder="curso",
    )
    assert "#" not in link and " " not in link
    got = query(link)
    assert got["repo"] == "/tmp/a b/c&d=e#f" and got["branch"] == "feature/x"
    assert got["urlpath"] == "lab/tree/curso/notebooks/año 1.ipynb"


@pytest.mark.parametrize(
    "hub",
    [
        "",
        "hub.example.org",
        "javascript:alert(1)",
        "ftp://hub.example.org",
        "https://hub.example.org/?x=1",
    ],
)
def test_bad_hub_addresses_are_refused(hub):
    with pytest.raises(JlpInputError, match="not the web address of a hub"):
        pull_link(hub, "https://github.com/org/jlp")


@pytest.mark.parametrize("path", ["../secret", "notebooks/../../x", "~/x"])
def test_paths_stay_inside_the_repository(path):
    with pytest.raises(JlpInputError, match="inside the repository"):
        pull_link("https://hub.example.org", "https://github.com/org/jlp", path=path)


def test_environment_and_command_line(capsys):
    env = {
        "JLP_JUPYTERHUB_URL": "https://hub.example.org",
        "JLP_REPOSITORY_URL": "https://github.com/org/jlp",
    }
    links = links_from_environment(["notebooks/a.ipynb", "notebooks/b.ipynb"], env)
    assert query(links["notebooks/b.ipynb"])["urlpath"] == "lab/tree/jlp/notebooks/b.ipynb"
    assert (
        main(["--hub", "https://hub.example.org", "--repo", "https://x.org/jlp", "notebooks"]) == 0
    )
    assert capsys.readouterr().out.strip() == pull_link(
        "https://hub.example.org", "https://x.org/jlp", "main", "notebooks"
    )
    assert main(["--hub", "nope", "--repo", "r"]) == 2
    assert capsys.readouterr().err.startswith("error: ")
