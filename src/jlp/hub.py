"""Links that open the course on a programme's JupyterHub, through nbgitpuller.

A link made by :func:`pull_link` logs the trainee in on the hub, starts their server, and
has nbgitpuller copy the course's repository into their home folder (the first time) or
merge the newest version into their copy (every later time), keeping their own changes:
nbgitpuller never replaces a file the trainee has edited. Then it opens the notebook given.

The hub's address usually comes from ``JLP_JUPYTERHUB_URL``, the same variable that sets
the book's launch buttons (see :mod:`jlp.editions.build`). Only the standard library is used.

>>> pull_link(
...     "https://hub.example.org", "https://github.com/org/jlp", "main", "notebooks/net-tool.ipynb"
... )  # doctest: +NORMALIZE_WHITESPACE
'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fjlp&branch=main&targetpath=jlp&urlpath=lab%2Ftree%2Fjlp%2Fnotebooks%2Fnet-tool.ipynb'

From a terminal, ``python -m jlp.hub notebooks/net-tool.ipynb`` prints the link for
``JLP_JUPYTERHUB_URL`` and ``JLP_REPOSITORY_URL`` (or ``--hub`` and ``--repo``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode, urlsplit

from jlp.errors import JlpInputError
from jlp.i18n import Messages

#: The environment variables a programme sets (the book's launch buttons read them too).
HUB_VARIABLE = "JLP_JUPYTERHUB_URL"
REPOSITORY_VARIABLE = "JLP_REPOSITORY_URL"

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "bad_hub": "'{url}' is not the web address of a hub",
        "bad_hub_fix": "write it as https://hub.example.org (http:// only on a room's own network)",
        "no_repo": "the course's repository is not given",
        "no_repo_fix": "give the address git can clone, e.g. https://github.com/ORG/jlp",
        "bad_path": "'{path}' must be a path inside the repository",
        "bad_path_fix": "write it relative to the repository, e.g. notebooks/net-tool.ipynb",
        "help": "Print nbgitpuller links that open the course on a JupyterHub.",
    }
)


def _folder_name(repo: str) -> str:
    last = repo.rstrip("/").split("/")[-1].split(":")[-1]
    return last.removesuffix(".git") or "course"


def pull_link(
    hub_url: str,
    repo: str,
    branch: str = "main",
    path: str = "",
    *,
    folder: str | None = None,
    app: str = "lab",
) -> str:
    """An nbgitpuller link: log in on ``hub_url``, pull ``repo`` at ``branch``, open ``path``.

    The copy goes to ``folder`` in the trainee's home (by default the repository's name,
    without ``.git``); ``path`` is a file or folder inside the repository (empty: its top).
    ``app`` is ``lab`` (JupyterLab) or ``tree`` (the classic file view).

    >>> pull_link("http://127.0.0.1:8000/", "/srv/git/jlp.git", "dev", folder="course")
    'http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=%2Fsrv%2Fgit%2Fjlp.git&branch=dev&targetpath=course&urlpath=lab%2Ftree%2Fcourse'
    """
    parts = urlsplit(str(hub_url).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise JlpInputError(
            TEXT["bad_hub"].format(url=hub_url), column=HUB_VARIABLE, fix=TEXT["bad_hub_fix"]
        )
    repo = str(repo).strip()
    if not repo:
        raise JlpInputError(TEXT["no_repo"], column=REPOSITORY_VARIABLE, fix=TEXT["no_repo_fix"])
    inner = str(path).strip().strip("/")
    if inner.startswith("~") or ".." in inner.split("/") or "\\" in inner:
        raise JlpInputError(
            TEXT["bad_path"].format(path=path), column="path", fix=TEXT["bad_path_fix"]
        )
    target = folder or _folder_name(repo)
    opened = "/".join(p for p in (app, "tree", target, inner) if p)
    query = urlencode(
        {"repo": repo, "branch": branch, "targetpath": target, "urlpath": opened},
        quote_via=quote,
        safe="",
    )
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    return f"{base}/hub/user-redirect/git-pull?{query}"


def links_from_environment(
    paths: Sequence[str], environ: Mapping[str, str] | None = None, *, branch: str = "main"
) -> dict[str, str]:
    """One link per path, for the hub and repository named in ``JLP_*`` variables.

    >>> env = {
    ...     "JLP_JUPYTERHUB_URL": "https://hub.example.org",
    ...     "JLP_REPOSITORY_URL": "https://github.com/org/jlp",
    ... }
    >>> list(links_from_environment(["notebooks/emasim.ipynb"], env))
    ['notebooks/emasim.ipynb']
    """
    environ = os.environ if environ is None else environ
    hub = environ.get(HUB_VARIABLE, "")
    repo = environ.get(REPOSITORY_VARIABLE, "")
    return {p: pull_link(hub, repo, branch, p) for p in paths}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m jlp.hub [--hub URL] [--repo URL] [--branch B] PATH…``: print the links."""
    parser = argparse.ArgumentParser(prog="python -m jlp.hub", description=TEXT["help"])
    parser.add_argument("paths", nargs="*", default=[""], metavar="PATH")
    parser.add_argument("--hub", default=os.environ.get(HUB_VARIABLE, ""))
    parser.add_argument("--repo", default=os.environ.get(REPOSITORY_VARIABLE, ""))
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        for path in args.paths:
            print(pull_link(args.hub, args.repo, args.branch, path))
    except JlpInputError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = [
    "HUB_VARIABLE",
    "REPOSITORY_VARIABLE",
    "TEXT",
    "links_from_environment",
    "main",
    "pull_link",
]
