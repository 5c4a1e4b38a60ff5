# acme_rules.py
import orgcheck


@orgcheck.rule("ACME001", "contractor-manages-staff", severity="warning",
               options={"word": "contractor"}, pillar="professionalism")
def contractor_manages_staff(org, word):
    """A contractor manages employees.

    What: a manager whose job title contains `word` (a contractor, by default).

    Why: line management is a long-term commitment to people's development that a
    contractor, hired for a task and a term, cannot make (Acme's HR policy, section 3).

    Fix: move the reports to an employee, or make the contractor a coach without reports.

    Options: `word`, the word in a job title that marks a contractor (default
    "contractor"): `[rules.contractor-manages-staff] word = "freelance"`.

    Example: `{"id": "a", "name": "Ann", "title": "Contractor"}` with one person
    `reports_to` her fires; with the title "Coach" it stays silent.
    """
    for person in org.managers():
        if word in (person.title or "").lower():
            n = len(person.reports)
            yield person, f"{person.name} is a {word} with {n} direct report{'' if n == 1 else 's'}"


@orgcheck.hookimpl
def orgcheck_rules():
    return [contractor_manages_staff]
