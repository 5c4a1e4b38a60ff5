"""One exception base: a plugin or an embedding host catches ``orgcheck.OrgcheckError``
and has every error orgcheck raises."""
from __future__ import annotations

import importlib
import pkgutil
import warnings

import pytest

import orgcheck
from orgcheck.errors import OrgcheckError
from orgcheck.run.guard import RuleTimeout


def _exception_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.walk_packages(orgcheck.__path__, "orgcheck."):
        if info.name.endswith("__main__"):  # runs the command line when imported
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, BaseException)
                    and value.__module__ == module.__name__):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_exception_orgcheck_defines_is_an_orgcheck_error():
    classes = _exception_classes()
    assert "orgcheck.io.safe_io.ReadError" in classes  # the walk found the modules
    strays = sorted(name for name, cls in classes.items()
                    if not issubclass(cls, OrgcheckError) and cls is not RuleTimeout)
    assert strays == []


def test_a_rule_timeout_is_not_an_exception_a_rule_could_swallow():
    assert not issubclass(RuleTimeout, Exception)


def test_the_earlier_name_of_parse_problem_still_imports_with_a_warning():
    with pytest.warns(DeprecationWarning, match="orgcheck.ParseProblem"):
        from orgcheck import ParseError
    assert ParseError is orgcheck.ParseProblem
    assert not issubclass(orgcheck.ParseProblem, BaseException)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert orgcheck.ParseProblem("bad", 1, 2).line == 1
    with pytest.raises(AttributeError):
        orgcheck.NoSuchName  # noqa: B018
