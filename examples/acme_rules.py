# acme_rules.py
import orgcheck


@orgcheck.rule("ACME001", "contractor-manages-staff", severity="warning",
               options={"word": "contractor"})
def contractor_manages_staff(org, word):
    """Contractors should not manage employees.

    Why: line management is a long-term commitment that a contractor cannot make.
    Fix: move the reports to an employee, or make the contractor a coach without reports.
    """
    for person in org.managers():
        if word in (person.title or "").lower():
            yield person, f"{person.name} is a {word} with {len(person.reports)} direct reports"


@orgcheck.hookimpl
def orgcheck_rules():
    return [contractor_manages_staff]
