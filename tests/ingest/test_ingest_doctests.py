"""The worked examples in the ingest modules' docstrings are checked."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "dates", "records", "registry", "run", "text", "textutil"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module("sideswitch.ingest" + ("" if name == "__init__" else f".{name}"))
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
