"""The pytest plugin for rule authors, registered through the ``pytest11`` entry
point: installing orgcheck makes these fixtures available to every test suite.

    def test_contractor_manages_staff(lint_model):
        report = lint_model({"people": [...]}, select=["ACME001"])
        assert_fires(report, "ACME001", entities=["ann"])

Fixtures:

- ``lint_model``: :func:`orgcheck.testing.lint_model`, loading the local plugin
  files the ``orgcheck_plugins`` ini option names (paths relative to the ini file)
  in addition to the installed ones.
- ``org_model``: :func:`orgcheck.testing.org_model`, the same way.

orgcheck itself is imported only when a test asks for a fixture, so the plugin costs
other test suites nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("orgcheck_plugins", type="paths", default=[],
                  help="local orgcheck plugin files that the lint_model and org_model fixtures load")


def _with_plugins(request: pytest.FixtureRequest, function: Callable[..., Any]) -> Callable[..., Any]:
    local = [str(p) for p in request.config.getini("orgcheck_plugins")]

    def call(model: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        kwargs["plugins"] = [*local, *kwargs.get("plugins", ())]
        return function(model, **kwargs)

    call.__doc__ = function.__doc__
    return call


@pytest.fixture
def lint_model(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Lint a model (dict or text) and return the Report; see orgcheck.testing.lint_model."""
    from orgcheck import testing

    return _with_plugins(request, testing.lint_model)


@pytest.fixture
def org_model(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Build the Org a rule receives; see orgcheck.testing.org_model."""
    from orgcheck import testing

    return _with_plugins(request, testing.org_model)
