"""``orgcheck history``: how an organization changed, one row per commit of its model.

Each version is read from git (renames followed) and measured by ``stats.compute``,
judged with today's config and plugins as ``diff --base`` judges the old version, so
a row holds exactly the figures ``orgcheck stats`` prints for that version. Rows run
oldest first, as a time series reads; ``--max-count N`` keeps the N most recent.
A version that is not a valid model is a row that says so.
"""
from __future__ import annotations

from typing import Any

from orgcheck.api.rules import PILLARS, SEVERITIES
from orgcheck.config import Overrides
from orgcheck.formatters.escape import deep, json_text, printable
from orgcheck.i18n.runtime import _, ngettext
from orgcheck.views import git
from orgcheck.views import stats as st
from orgcheck.views.load import NoReader, ViewError, load_bytes, settings_for
from orgcheck.views.tables import table, write_csv
from orgcheck.wording import word


def pillar_figure(entry: dict[str, Any]) -> int | None:
    """The one figure per pillar that history shows and charts, 0-100: the pillar's
    score in the trust profile (None when none of its indicators was assessed)."""
    return entry["score"]


def figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The figures of one version, taken from ``stats.compute``'s output."""
    return {
        "positions": stats["people"]["positions"],
        "managers": stats["people"]["managers"],
        "layers": stats["hierarchy"]["layers"],
        "average_span": stats["spans"]["average"],
        "findings": {s: stats["findings"][s] for s in SEVERITIES},
        "pillars": {pillar: pillar_figure(p) for pillar, p in stats["profile"].items()},
    }


def _reason(exc: ViewError) -> str:
    # load_bytes ends with advice to lint the file, which a past version cannot be
    return str(exc).split("; run `orgcheck lint", 1)[0]


def compute(path: str, overrides: Overrides | None = None, *, since: str | None = None,
            max_count: int | None = None) -> dict[str, Any]:
    """Every commit that changed the model at ``path``, oldest first, with its figures."""
    if path == "-":
        raise ViewError(_("history reads the commits of a file in git: name the model file, not - (standard input)"))
    target, config, plugins = settings_for(path, overrides or Overrides())
    commits = git.file_log(target.path, since=since, max_count=max_count)
    if not commits:
        text = (_("no commit since {since} in git changed it, so it has no history to show; commit it first (git "
                  "add, git commit)") if since else
                _("no commit in git changed it, so it has no history to show; commit it first (git add, git commit)"))
        raise ViewError(f"{target.display}: " + text.format(since=since))
    top = git.tracked(target.path, "history")
    shallow = top is not None and git.is_shallow(top.top, "history")
    rows = []
    for c in reversed(commits):
        row: dict[str, Any] = {"date": c.date, "commit": c.commit, "short": c.short, "subject": c.subject,
                               "path": c.path}
        data = git.show(top.top, c.commit, c.path, "history") if c.path and top else None
        if data is None:
            row.update(valid=False, error=f"{target.display}: " + _("not in this commit (deleted or moved away)"))
        else:
            try:
                loaded = load_bytes(target.path, c.path, data, config, plugins)
            except NoReader:
                raise ViewError(f"{target.display}: " + _("no reader for this file; name it *.org.json or pass "
                                                          "--input-format")) from None
            except ViewError as exc:
                row.update(valid=False, error=_reason(exc))
            else:
                row.update(valid=True, **figures(st.compute(loaded)))
        rows.append(row)
    return {"file": target.display, "order": "oldest first", "commits": rows, "shallow": shallow}


def shallow_warning(result: dict[str, Any]) -> str | None:
    """What to say when the rows come from a shallow clone: the oldest commits are missing."""
    if not result.get("shallow"):
        return None
    return _("{file}: the repository is a shallow clone, so its history holds only the commits fetched ({count} "
             "shown here); fetch the whole history for every commit (git fetch --unshallow, or fetch-depth: 0 in "
             "GitHub's actions/checkout)").format(file=result["file"], count=len(result["commits"]))


# -- output ---------------------------------------------------------------------------

COLUMNS = ["date", "commit", "positions", "managers", "layers", "average_span",
           *(f"findings_{s}" for s in SEVERITIES), *PILLARS]


def _cells(row: dict[str, Any]) -> list[Any]:
    if not row["valid"]:
        return [row["date"], row["short"]]
    return [row["date"], row["short"], row["positions"], row["managers"], row["layers"], row["average_span"],
            *(row["findings"][s] for s in SEVERITIES), *(row["pillars"].get(p) for p in PILLARS)]


def render_text(result: dict[str, Any]) -> str:
    # commit subjects, file names and the models' own names are anyone's to write:
    # no escape sequence or line break reaches the terminal
    result = deep(result, printable)
    rows = result["commits"]
    out = [f"{result['file']}: " + ngettext(
        "{count} commit, oldest first (pillars: their trust-profile score, 0-100)",
        "{count} commits, oldest first (pillars: their trust-profile score, 0-100)", len(rows)).format(
        count=len(rows)), ""]
    headers = [_("date"), _("commit"), _("positions"), _("managers"), _("layers"), _("avg span"), _("errors"),
               _("warnings"), _("info"), *map(word, PILLARS), _("subject")]
    valid = [r for r in rows if r["valid"]]
    printed = table(headers, [[r["date"][:10], *_cells(r)[1:], r["subject"]] for r in valid])
    lines = iter(printed[1:])
    out.append(printed[0])
    for r in rows:
        if r["valid"]:
            out.append(next(lines))
        else:
            out.append(f"  {r['date'][:10]}  {r['short']}  {r['error']} ({r['subject']})")
    return "".join(line + "\n" for line in out)


def render_json(result: dict[str, Any]) -> str:
    return json_text(result) + "\n"


def render_csv(result: dict[str, Any]) -> str:
    table = []
    for r in result["commits"]:
        cells = _cells(r)
        cells += [None] * (len(COLUMNS) - len(cells))
        table.append([*cells, r["subject"], "yes" if r["valid"] else "no", r.get("error")])
    return write_csv([*COLUMNS, "subject", "valid", "error"], table)
