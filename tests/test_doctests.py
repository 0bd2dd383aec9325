"""Every docstring example in the package runs (the equivalent of ``--doctest-modules`` on src,
without collecting the tests' conftest files twice)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sideswitch


def _has_examples(name: str) -> bool:
    return any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name)))


MODULES = sorted(m.name for m in pkgutil.walk_packages(sideswitch.__path__, "sideswitch."))
WITH_EXAMPLES = [name for name in MODULES if _has_examples(name)]


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_examples_are_found():
    """The examples of the stages that document with them are collected (a renamed module is not lost)."""
    assert len(WITH_EXAMPLES) >= 15
    assert (
        sum(doctest.testmod(importlib.import_module(n), optionflags=doctest.ELLIPSIS).attempted for n in WITH_EXAMPLES)
        >= 80
    )
