"""The examples in the docstrings of jlp.scale, its charts and its widget run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "jlp.scale",
    "jlp.scale._checks",
    "jlp.scale.coordination",
    "jlp.scale.pooling",
    "jlp.scale.prices",
    "jlp.scale.tradeoff",
    "jlp.viz.scale_charts",
    "jlp.widgets.pool_chooser",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
