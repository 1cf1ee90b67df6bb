"""Helpers for the course's case notebooks, one module per case (``jlp.cases.<case>``).

A case module only loads its bundled tables and shapes them for its notebook; the
computation lives in :mod:`jlp.net`, :mod:`jlp.graphs`, :mod:`jlp.fees` and :mod:`jlp.scale`.
Import the case you need, e.g. ``from jlp.cases import ecohamaca``.
"""
