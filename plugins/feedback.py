"""OC3xx: feedback loops and context (pillar 3, "the right context").

An organization that trusts its people feeds information about the results of their
work back to the people who do it, so that they can adjust (short term) and learn
(long term). These rules read the processes and metrics of the model.

Shared definitions (the words of rules.md, made precise):

- The *doers* of a process are the performers (``org.performers``) of its ``work``
  steps: people, and an external party that does work as itself.
- A step is *performed by the doers* when its performers and the doers have someone
  in common (or it names the very same performer entity as a work step).
- Feedback *reaches*: a ``feedback`` flow reaches its target step; a ``feedback``
  step reaches itself (its performers take part in it) and the steps it flows to
  directly, along sequence or feedback flows.
- Feedback *starts with* the customer when a ``feedback`` flow leaves a step the
  customer performs, or a ``feedback`` step is performed by the customer (for an
  internal customer, a unit or person: by someone it stands for).

Cost: who an entity stands for is computed once per entity per rule run and kept as
a frozenset; the doers of a process are a few of those sets (small ones merged), so
a big unit named in thousands of processes is never copied, and a test "does this
step / metric audience meet the doers" costs the size of the smaller side.
"""
from __future__ import annotations

from operator import attrgetter

from orgcheck_plugins._common import names as _names

import orgcheck
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.model import External
from orgcheck.wording import word

CADENCES = ("realtime", "daily", "weekly", "monthly", "quarterly", "yearly")
_RANK = {c: i for i, c in enumerate(CADENCES)}
_SMALL = 64  # groups up to this size are merged into one set per process
_kind = attrgetter("kind")


# -- helpers -------------------------------------------------------------------


class Groups:
    """Who a person, unit, role or external stands for, as a frozenset, once per entity;
    and the doers of each process, once per process."""

    def __init__(self, org) -> None:
        self.org = org
        self._cache: dict = {}
        self.doers: dict = {}  # id(process) -> Audience

    def of(self, entity) -> frozenset:
        if entity is None:
            return frozenset()
        group = self._cache.get(entity)
        if group is None:
            if isinstance(entity, External):
                group = frozenset((entity,))
            else:
                group = frozenset(self.org.people_of(entity))
            self._cache[entity] = group
        return group


class Audience:
    """The people (and externals) that some performer entities stand for.

    ``entities`` are the distinct entities in document order (for messages);
    ``meets(entity)`` tells whether another entity shares someone with them. Who the
    entities stand for is read only when a question needs it: most questions name one
    of the entities themselves (the team that does the work also gives the feedback).
    """

    def __init__(self, groups: Groups, entities) -> None:
        self.groups = groups
        # each once, in order, at C speed: a dict is an ordered set (entities hash by identity)
        same = dict.fromkeys(entities)
        same.pop(None, None)
        self._same = same
        self.entities: list = list(same)
        self._parts: list[frozenset] | None = None
        self._has_people: bool | None = None

    @property
    def has_people(self) -> bool:
        if self._has_people is None:
            # the list the model keeps: no set of a big unit's people made to see it is not empty
            people_of = self.groups.org.people_of
            self._has_people = any(not isinstance(e, External) and people_of(e) for e in self.entities)
        return self._has_people

    def _read_parts(self) -> list[frozenset]:
        small: set = set()
        parts: list[frozenset] = []
        for e in self.entities:
            group = self.groups.of(e)
            if len(group) <= _SMALL:
                small.update(group)
            else:
                parts.append(group)
        if small:
            parts.insert(0, frozenset(small))
        self._parts = parts
        return parts

    def meets(self, entity) -> bool:
        if entity is None:
            return False
        if entity in self._same:
            return True
        group = self.groups.of(entity)
        parts = self._parts if self._parts is not None else self._read_parts()
        return any(not group.isdisjoint(part) for part in parts)

    @property
    def label(self) -> str:
        return _names([e.label for e in self.entities])


def _processes(org):
    return org.processes


def performer_groups(org) -> Groups:
    """Who each performer entity stands for, once per model: the six rules of this family
    and the direction family (OC307) ask about the same performers and processes."""
    return org.memo(("feedback", "Groups"), lambda: Groups(org))


def audience(org, entities) -> Audience:
    """Who some performer entities stand for (people, and externals as themselves)."""
    return Audience(performer_groups(org), entities)


def doers(org, process) -> Audience:
    """The doers of a process: who performs its ``work`` steps (once per process)."""
    groups = performer_groups(org)
    party = groups.doers.get(id(process))
    if party is None:
        party = groups.doers[id(process)] = Audience(groups, [s.performer for s in process.steps if s.kind == "work"])
    return party


def has_feedback(process) -> bool:
    """OC301: whether a process has a feedback flow or a feedback step (read at C speed,
    stopping at the first: no lists made)."""
    return "feedback" in map(_kind, process.flows) or "feedback" in map(_kind, process.steps)


def _feedback_parts(process) -> tuple[list, list]:
    """A process's feedback flows and feedback steps: what OC301 asks for, and what
    OC302 follows to the people feedback reaches."""
    return ([f for f in process.flows if f.kind == "feedback"],
            [s for s in process.steps if s.kind == "feedback"])


def feedback_reach(org, process) -> tuple[str, list, list]:
    """OC302: ('reaches the doers' | 'misses the doers' | 'none' | 'no work steps' |
    'unknown', the steps feedback flows to, the feedback steps). Unknown: a broken
    reference (the integrity rules report it), or a process without doers."""
    steps = process.steps
    flows, own = _feedback_parts(process)  # feedback steps (own): their performers take part in it
    if not flows and not own:
        return "none", [], []
    if "work" not in map(_kind, steps):
        return "no work steps", [], []
    arrives: set = set()  # steps feedback flows to
    unknown = False
    for flow in flows:
        if flow.target is None:
            unknown = True
        else:
            arrives.add(flow.target)
    for step in own:
        arrives.update(step.successors("sequence"))
        arrives.update(step.successors("feedback"))
    targets = [s for s in steps if s in arrives]
    if unknown or any(s.performer is None for s in (*targets, *own)):
        return "unknown", targets, own
    team = doers(org, process)
    if not team.entities:
        return "unknown", targets, own
    met = any(team.meets(s.performer) for s in (*targets, *own))
    return ("reaches the doers" if met else "misses the doers"), targets, own


def customer_feedback_status(org, process) -> str:
    """OC303: 'yes' when some feedback starts with the customer, 'no', 'no customer',
    or 'unknown' (a broken reference)."""
    customer = process.customer
    if customer is None:
        return "no customer"
    party = audience(org, [customer])
    unknown = False
    for flow in process.flows:
        if flow.kind != "feedback":
            continue
        if flow.source is None or flow.source.performer is None:
            unknown = True
        elif party.meets(flow.source.performer):
            return "yes"
    for step in process.steps:
        if step.kind != "feedback":
            continue
        if step.performer is None:
            unknown = True
        elif party.meets(step.performer):
            return "yes"
    return "unknown" if unknown else "no"


def metric_audience(org, metric) -> Audience | None:
    """Whom a metric should reach (OC304): its step's performers, or the doers of its
    process; None when not judged (a broken step reference)."""
    if metric.step is not None:
        return audience(org, [metric.step.performer])
    if "step" in metric.raw or metric.process is None:
        return None
    return doers(org, metric.process)


def metric_status(org, metric) -> str:
    """OC304: 'visible' when the metric's audience meets whom it should reach, 'hidden',
    or 'not judged' (nobody who could see it, or a broken reference)."""
    target = metric_audience(org, metric)
    if target is None or not target.has_people:
        return "not judged"
    return "visible" if any(target.meets(v) for v in metric.visible_to) else "hidden"


def received(org, process) -> list:
    """The metrics of a process its doers see (OC306)."""
    team = doers(org, process)
    if not team.has_people:
        return []
    return [m for m in process.metrics if any(team.meets(v) for v in m.visible_to)]


def fastest_to_doers(org, process) -> str | None:
    """OC306: the most frequent cadence among the metrics the doers see (None: none)."""
    known = [m.cadence for m in received(org, process) if m.cadence in _RANK]
    return min(known, key=_RANK.__getitem__) if known else None


def cadence_status(org, process, slow: dict | None = None) -> str:
    """OC306: 'slow', 'within', or 'not judged' (no cadence to judge, or no bound)."""
    fastest = fastest_to_doers(org, process)
    if fastest is None or slow is None or slow["max_cadence"] not in _RANK:
        return "not judged"
    return "slow" if _RANK[fastest] > _RANK[slow["max_cadence"]] else "within"


def _step_label(step) -> str:
    performer = step.performer.label if step.performer is not None else "?"
    return f"{step.name} ({performer})"


# -- rules ---------------------------------------------------------------------


@orgcheck.rule("OC301", "process-without-feedback", severity="warning", pillar="context",
               needs=("processes", "feedback"))
def process_without_feedback(org):
    """A process has no feedback flow and no feedback step.

    What: a process none of whose flows has `kind: feedback` and none of whose steps has
    `kind: feedback`. Nothing in the model carries information about the results back
    to the people who did the work. (A feedback flow with a broken reference still
    counts as feedback here: the integrity rules report the reference.)

    Why: a feedback loop is the output's information routed back to its source (the
    systems definition); without it the doers cannot adjust in the short term or learn
    in the long term (Argyris' single- and double-loop learning; sociocracy's
    lead-do-measure; DevOps' "second way", fast feedback from right to left). Where
    the doers get no feedback, control has to come from above.

    Fix: add a `feedback` step (a customer evaluation, a retrospective, a quality
    measurement) and a `feedback` flow from it back to the work steps, so that the
    people who did the work hear how it turned out.

    Options: none.

    Example:
        {"id": "intake", "name": "Order intake",
         "steps": [{"id": "take", "name": "Take order", "performer": "sales"}]}
        -> process 'Order intake' has no feedback flow and no feedback step: the people
           who do its work (Sales) never hear how the results turned out; ...
    """
    for process in _processes(org):
        if has_feedback(process):
            continue
        team = doers(org, process)
        if team.entities:
            text = _("process '{process}' has no feedback flow and no feedback step: the people who do its "
                     "work ({doers}) never hear how the results turned out; add a feedback step or a "
                     "feedback flow that routes the results back to the work steps")
        else:
            text = _("process '{process}' has no feedback flow and no feedback step: the people who do its "
                     "work never hear how the results turned out; add a feedback step or a "
                     "feedback flow that routes the results back to the work steps")
        yield process, text.format(process=process.name, doers=team.label)


@orgcheck.rule("OC302", "feedback-misses-doers", severity="warning", pillar="context", needs=("processes", "feedback"))
def feedback_misses_doers(org):
    """The process has feedback, but none of it reaches the people who do its work.

    What: a process with at least one feedback flow or feedback step, none of which
    reaches a step performed by the doers (the performers of its `work` steps).
    A feedback flow reaches its target step. A feedback step reaches itself (its
    performers take part in it) and the steps it flows to directly, along sequence or
    feedback flows. A step is performed by the doers when its performers (people, or an
    external as itself) and the doers have someone in common. Silent for a process with
    no work step, and where a feedback flow's target or a reached step's performer is a
    broken reference (the integrity rules report it; where the feedback goes is then
    unknown).

    Why: feedback that goes to management only turns information into control: the
    manager judges, the doers are told. DevOps' "second way" asks that the team that
    built it hears about it; Bain's Net Promoter "inner loop" sends customer feedback to
    the front line directly; sociocracy's lead-do-measure closes the loop at the doers.

    Fix: route the feedback (also) to a work step: a `feedback` flow from the feedback
    step, or from the last step, back to the first work step of the people who do the
    work, or let them perform the feedback step themselves.

    Options: none.

    Example:
        steps: take (work, Sales), ok (approval, Mia Jansen), survey (feedback, Client);
        flows: take -> ok, survey -> ok (feedback)
        -> feedback in process 'Order intake' reaches only Approve (Mia Jansen); none of
           it reaches a step of the people who do its work (Sales): ...
    """
    for process in _processes(org):
        status, targets, own = feedback_reach(org, process)
        if status != "misses the doers":
            continue
        team = doers(org, process)
        if targets:
            head = _("feedback in process '{process}' reaches only {steps}").format(
                process=process.name, steps=_names(_step_label(s) for s in targets))
        else:
            head = _("feedback in process '{process}' stays with {steps}").format(
                process=process.name, steps=_names(_step_label(s) for s in own))
        yield process, _("{head}; none of it reaches a step of the people who do its work ({doers}): route it "
                         "(also) to their work steps, so that those who did the work hear how it turned "
                         "out").format(head=head, doers=team.label)


@orgcheck.rule("OC303", "customer-feedback-missing", severity="warning", pillar="context",
               needs=("processes", "feedback"))
def customer_feedback_missing(org):
    """A process with a customer has no feedback that starts with that customer.

    What: a process whose `customer` is set, where no `feedback` flow leaves a step the
    customer performs and no `feedback` step is performed by the customer. "Performed by
    the customer": the step's performer is the customer, or (for an internal customer, a
    unit or a person) its performers include someone the customer stands for. Fires also
    when the process has no feedback at all (OC301 then fires too). Silent without a
    customer, or where a feedback flow's source or a feedback step's performer is a
    broken reference.

    Why: the customer is where the results of the work show; Bain's Net Promoter "inner
    loop" lets front-line teams hear customer feedback directly and immediately, rather
    than through a report that management reads months later. A feedback loop routes the
    output's information back to its source.

    Fix: add a `feedback` step performed by the customer (an evaluation, a survey, a
    conversation) and a `feedback` flow from it to the work steps.

    Options: none.

    Example:
        {"id": "care-visit", "customer": "client", "steps": [...no step by client...]}
        -> process 'Care visit' has customer Client, but none of its feedback starts with
           Client: ...
    """
    for process in _processes(org):
        customer = process.customer
        if customer is None:
            continue
        if customer_feedback_status(org, process) != "no":
            continue
        team = doers(org, process)
        if team.entities:
            text = _("process '{process}' has customer {customer}, but none of its feedback starts with "
                     "{customer}: add a feedback step performed by {customer}, with a feedback flow straight "
                     "to the people who do the work ({doers})")
        else:
            text = _("process '{process}' has customer {customer}, but none of its feedback starts with "
                     "{customer}: add a feedback step performed by {customer}, with a feedback flow straight "
                     "to the work steps")
        yield process, text.format(process=process.name, customer=customer.label, doers=team.label)


@orgcheck.rule("OC304", "metric-hidden-from-doers", severity="warning", pillar="context",
               needs=("processes", "metrics"))
def metric_hidden_from_doers(org):
    """A process metric is not visible to the people who do the work.

    What: a metric of a process whose `visible_to` (the people its persons, units and
    roles stand for) includes none of the performers of the process's `work` steps, or,
    when the metric names a `step`, none of that step's performers. An empty or missing
    `visible_to` counts as visible to nobody. External parties never count: `visible_to`
    names only people, units and roles. Silent when those performers include nobody who
    could see it (only externals, or broken references).

    Why: performance information that only management sees is a control instrument,
    not feedback: the doers cannot adjust on what they do not see. The right context
    (pillar 3) feeds performance information back to the people doing the work;
    DevOps' "second way" and sociocracy's lead-do-measure put the measurement with the
    doers.

    Fix: add the team (unit), role or people who do the work to the metric's
    `visible_to`; management can keep seeing it too.

    Options: none.

    Example:
        {"id": "lead-time", "process": "intake", "visible_to": ["mia"], "cadence": "weekly"}
        -> metric 'Lead time' of process 'Order intake' is visible only to Mia Jansen;
           none of the people who do its work steps (Sales) see it: ...
    """
    for process in _processes(org):
        if not process.metrics:
            continue
        for metric in process.metrics:
            if metric_status(org, metric) != "hidden":
                continue
            target = metric_audience(org, metric)
            if metric.visible_to:
                head = _("metric '{metric}' of process '{process}' is visible only to {viewers}")
            else:
                head = _("metric '{metric}' of process '{process}' is visible to nobody")
            head = head.format(metric=metric.name, process=process.name,
                               viewers=_names(v.label for v in metric.visible_to))
            if metric.step is not None:
                text = _("{head}; none of the performers of its step '{step}' ({doers}) see it: add them to "
                         "its visible_to so that they can adjust their own work")
            else:
                text = _("{head}; none of the people who do its work steps ({doers}) see it: add them to "
                         "its visible_to so that they can adjust their own work")
            pointer = f"{metric.pointer}/visible_to" if "visible_to" in metric.raw else None
            yield orgcheck.Finding(
                metric,
                text.format(head=head, step=metric.step.name if metric.step is not None else "",
                            doers=target.label),
                pointer=pointer)


@orgcheck.rule("OC305", "process-without-metric", severity="info", pillar="context", needs=("processes", "metrics"))
def process_without_metric(org):
    """No metric measures the process.

    What: a process that no metric names as its `process` (a metric that names only a
    `step` of the process counts for that process).

    Why: without performance information nobody, doers or management, learns how well
    the process works; the right context (pillar 3) feeds performance information back
    to the people who do the work. Sociocracy's lead-do-measure: what is not measured
    cannot be learnt from.

    Fix: add a metric of the process's result (lead time, quality, customer
    satisfaction), visible to the people who do the work, with a cadence.

    Options: none.

    Example:
        {"id": "intake", "name": "Order intake", "steps": [...]} and no metric of it
        -> process 'Order intake' has no metric: ...
    """
    for process in _processes(org):
        if process.metrics:
            continue
        team = doers(org, process)
        if team.entities:
            text = _("process '{process}' has no metric: nobody learns how well it performs; measure its "
                     "results and show them to the people who do its work ({doers})")
        else:
            text = _("process '{process}' has no metric: nobody learns how well it performs; measure its "
                     "results and show them to the people who do its work")
        yield process, text.format(process=process.name, doers=team.label)


@orgcheck.rule("OC306", "slow-feedback", severity="info", pillar="context",
               options={"max_cadence": "monthly"}, needs=("metrics",))
def slow_feedback(org, max_cadence):
    """The doers receive metrics of the process, but only slowly.

    What: some metrics of a process are visible to its doers (the performers of its
    `work` steps), but the most frequent of them comes less often than `max_cadence`.
    Cadences from fast to slow: realtime, daily, weekly, monthly, quarterly, yearly.
    A metric without a `cadence` is of unknown frequency: it neither makes the feedback
    fast nor slow. It is left out of the comparison and named in the message; when no
    metric the doers receive has a cadence, the rule is silent. Processes whose doers
    receive no metric at all are OC304's and OC305's subject, not this rule's.

    Why: short-term adjustment needs fast feedback (DevOps' "second way": fast feedback
    from right to left; Bain's Net Promoter inner loop: directly and immediately). A
    quarterly report lets the doers learn at best four times a year, long after the
    work it is about.

    Fix: report a metric the doers receive more often (weekly or daily), or give them a
    realtime view of their own results.

    Options: `max_cadence` (default "monthly"): the slowest acceptable cadence of the
    fastest metric the doers receive; one of realtime, daily, weekly, monthly,
    quarterly, yearly.

    Example:
        {"id": "nps", "process": "care-visit", "visible_to": ["care"], "cadence": "quarterly"}
        -> the people who do the work of process 'Care visit' (Care team) get its metrics
           at best quarterly (NPS); ...
    """
    if max_cadence not in _RANK:
        raise ValueError(_("OC306 max_cadence {value} is not one of {choices}").format(
            value=repr(max_cadence), choices=", ".join(CADENCES)))
    for process in _processes(org):
        if not process.metrics or cadence_status(org, process, {"max_cadence": max_cadence}) != "slow":
            continue
        team = doers(org, process)
        seen = received(org, process)
        known = [m for m in seen if m.cadence in _RANK]
        best = _RANK[fastest_to_doers(org, process)]
        fastest = [m.name for m in known if _RANK[m.cadence] == best]
        unknown = [m.name for m in seen if m.cadence not in _RANK]
        text = _("the people who do the work of process '{process}' ({doers}) get its metrics at best "
                 "{cadence} ({metrics}); feedback should reach them at least {max_cadence} so that they "
                 "can adjust").format(process=process.name, doers=team.label, cadence=word(CADENCES[best]),
                                      metrics=_names(fastest), max_cadence=word(max_cadence))
        if unknown:
            text += ngettext("; {metrics} has no cadence: state how often it is reported",
                             "; {metrics} have no cadence: state how often they are reported",
                             len(unknown)).format(metrics=_names(unknown))
        yield process, text


@orgcheck.hookimpl
def orgcheck_rules():
    return [process_without_feedback, feedback_misses_doers, customer_feedback_missing,
            metric_hidden_from_doers, process_without_metric, slow_feedback]


@orgcheck.hookimpl
def orgcheck_measures():
    return [orgcheck.Measure("has_feedback", lambda org, process: has_feedback(process)),
            orgcheck.Measure("feedback_status", lambda org, process: feedback_reach(org, process)[0]),
            orgcheck.Measure("customer_feedback_status", customer_feedback_status),
            orgcheck.Measure("doers", doers),
            orgcheck.Measure("metric_status", metric_status),
            orgcheck.Measure("fastest_to_doers", fastest_to_doers),
            orgcheck.Measure("cadence_status", cadence_status, {"slow": "slow-feedback"}),
            orgcheck.Measure("cadences", lambda org: CADENCES)]
