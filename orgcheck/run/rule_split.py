"""Some built-in rules in a forked child, on a big model, while this process runs the
others: a million-person model's rules take 6 s on one processor, and 4 s on two.

The child shares the model with this process as it was at the fork (copy on write).
Each process copies the pages of the model it writes to (reading an object writes
its reference count), so each rule costs a third more than alone, and the child's
copies hold up to half the model's memory again until it ends. A split is worth it
only on a big model (``SPLIT_FROM``), and is made only where the machine, and the
control groups of a container, have the memory and two processors' time to spare.

The child runs whole rule families that share their measures (``CHILD_FAMILIES``),
each rule guarded as here (a crash, a change to the model), and leaves what each
came to (findings, errors, tracebacks) as plain values; this process takes them in
the rules' order, so the report is the one a run on one processor gives. Should the
child fail in any way, this process runs those rules itself. A run with a plugin's
rule is not split (see :func:`start`).
"""
from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import TYPE_CHECKING

from orgcheck.api.rules import Rule, Severity
from orgcheck.config import Config
from orgcheck.io import forked
from orgcheck.model import Org
from orgcheck.run import streams
from orgcheck.run.raw import RawFinding

if TYPE_CHECKING:
    from orgcheck.run.rule_runner import Outcome

#: the built-in families the child runs (the plugin names they register under): about
#: half of the rules' time on a big model (``benchmarks/phases.py`` lists each rule's),
#: and the families of each side share measures (feedback's performer groups serve
#: direction); with matrix too, the child finished 0.8 s after this process on a
#: million people, without it at the same time
CHILD_FAMILIES = frozenset({"feedback", "direction", "teams"})

#: from this many people, units and steps: a 100,000-person model has 159,000, and its
#: rules take 0.37 s instead of 0.48; a 20,000-person one (32,000) gains nothing, the
#: fork and the pages both processes copy costing about what the child saves
SPLIT_FROM = 100_000


class Split:
    """The child running ``theirs`` (indexes into the rules)."""

    def __init__(self, theirs: frozenset[int], check: forked.Check) -> None:
        self.theirs, self._check = theirs, check

    def outcomes(self, rules: list[Rule], outcome: Callable[[Rule], Outcome]) -> dict[int, Outcome]:
        """What each of the child's rules came to; run here when the child failed."""
        answer = self._check.result()
        if answer is None:
            return {i: outcome(rules[i]) for i in sorted(self.theirs)}
        out: dict[int, Outcome] = {}
        for i, found, errors, tracebacks in marshal.loads(answer):
            rule = rules[i]
            out[i] = ([RawFinding(rule, Severity(severity), message, pointer, entity, at_key, line, column, file)
                       for severity, message, pointer, entity, at_key, line, column, file in found],
                      errors, tracebacks)
        return out


def start(rules: list[Rule], org: Org, config: Config, outcome: Callable[[Rule], Outcome]) -> Split | None:
    """Fork a child that runs the rules of ``CHILD_FAMILIES`` among ``rules``, each
    through ``outcome``; None when the model is small, a rule may time out (a timeout
    runs rules in a thread, which a fork cannot take along), a plugin's rule is among
    them, or no child can run.

    A plugin's rule is never split off, nor run beside a split: it might write into the
    model's data where the guard does not look (``person.raw``), and a rule in the
    child, forked before, would not see what a run in one process shows it."""
    if config.rule_timeout or len(org.people) + len(org.units) + len(org.steps) < SPLIT_FROM:
        return None
    if not all(map(_built_in, rules)):
        return None
    theirs = frozenset(i for i, rule in enumerate(rules) if rule.plugin in CHILD_FAMILIES)
    if not theirs or len(theirs) == len(rules) or not _memory_to_spare():
        return None

    def job() -> bytes:
        streams.as_worker()
        answer = []
        for i in sorted(theirs):
            found, errors, tracebacks = outcome(rules[i])
            answer.append((i, [(f.severity.value, f.message, f.pointer, f.entity, f.at_key, f.line, f.column,
                                f.file) for f in found], errors, tracebacks))
        return marshal.dumps(answer)  # raises on anything but plain values: the rules then run here

    check = forked.start(job)
    return Split(theirs, check) if check is not None else None


def _built_in(rule: Rule) -> bool:
    """A rule of orgcheck's own families: registered by orgcheck's distribution, with a
    function of theirs (a plugin's rule, even one wrapping a built-in function, is none)."""
    return rule.distribution.startswith("orgcheck ") and getattr(rule.func, "__module__", "").startswith(
        "orgcheck_plugins.")


def _memory_to_spare() -> bool:
    """Whether the system, and the control group this process runs in (a container's
    memory limit), have as much memory free as this process holds: the most the
    child's copies of the model can take."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            available = next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:"))
        with open("/proc/self/status", encoding="ascii") as status:
            held = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return False
    return min(available, forked.memory_headroom()) >= held
