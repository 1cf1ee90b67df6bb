"""jlp: a course and toolkit for network brokers.

Everything the course computes lives here; the notebooks only narrate and call it.
The source is Ceglie & Dini (1999), *SME Cluster and Network Development in Developing
Countries: the Experience of UNIDO*.

>>> import jlp
>>> isinstance(jlp.__version__, str)
True
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # the version is looked up on first use: importlib.metadata costs ~0.1 s at start-up
    if name != "__version__":
        raise AttributeError(f"module 'jlp' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("jlp")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


__all__ = ["__version__"]
