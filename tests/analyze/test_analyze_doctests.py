import doctest
from importlib import import_module

import pytest

MODULES = ["actors", "changepoints", "flows", "trends", "simulate"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(import_module(f"sideswitch.analyze.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
