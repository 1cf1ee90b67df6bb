"""jlp: a course and toolkit for network brokers.

Everything the course computes lives here; the notebooks only narrate and call it.
The source is Ceglie & Dini (1999), *SME Cluster and Network Development in Developing
Countries: the Experience of UNIDO*.

>>> import jlp
>>> isinstance(jlp.__version__, str)
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jlp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
