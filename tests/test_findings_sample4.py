"""Findings a buyer can trust, from the causes found in corpus/findings-sample-4.md: each test
runs the real pipeline on a short contract written for it (no vendor's words)."""
from __future__ import annotations

from written import findings_from


SCALE_WITHOUT_CAP = """# Web Hosting Service Level

## 1. Availability

The hosting platform will be available 99.9% of the time in each calendar month.

## 2. Credits

If availability falls short, the customer receives a credit on the next invoice:

| Availability in the month | Credit |
|---|---|
| below 99.9% | 10% |
| below 99.5% | 25% |
"""


def test_a_credit_scale_with_no_cap_is_not_called_a_cap(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, SCALE_WITHOUT_CAP)
    cap = got["credit-cap"]
    assert cap.status == "ok"
    assert "No cap on credits is stated" in cap.explanation and "25%" in cap.explanation
    assert "capped at" not in cap.explanation


def test_a_stated_cap_is_cited_first_and_called_a_cap(tmp_path, nlp):
    text = SCALE_WITHOUT_CAP + "\nCredits in any month are capped at 30% of that month's hosting fee.\n"
    cap = findings_from(tmp_path, nlp, text)["credit-cap"]
    assert cap.status == "ok" and "capped at 30%" in cap.explanation
    assert "capped at 30%" in cap.evidence[0].text


# a credit scale typed as lines, run into the exclusion with no full stop between (as saved web pages are)
RUN_ON_EXCLUSION = """Hosting Service Level

Your site will be available 99.9% of the time in every calendar month.

Availability in the month and the credit it earns
99.5% to 99.8% earns a 10% credit on the next invoice
99.0% to 99.4% earns a 25% credit on the next invoice
below 99.0% earns a 50% credit on the next invoice we accept no responsibility for outages caused by failures of the public internet or of upstream carriers
"""


def test_a_broad_exclusion_is_quoted_from_its_own_words_not_the_start_of_the_block(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, RUN_ON_EXCLUSION, name="contract.txt")
    finding = got["broad-exclusions"]
    assert finding.status == "review"
    assert "public internet" in finding.explanation
    assert "earns a 10% credit" not in finding.explanation


NO_FIGURE_UNDER_A_HEADING = """# Platform Service Terms

## 3. Availability

We keep the platform running for almost all of every month, as our status history shows.

## 4. Support

Critical incidents get a reply from an engineer within 30 minutes, at any hour.
"""


def test_a_review_on_words_with_no_value_quotes_those_words(tmp_path, nlp):
    finding = findings_from(tmp_path, nlp, NO_FIGURE_UNDER_A_HEADING)["uptime-target"]
    assert finding.status == "review"
    assert "page 1, section 3" in finding.explanation
    assert "\u201cWe keep the platform running for almost all of every month" in finding.explanation


def _uptime_terms(*items: tuple[float, str]):
    from sla_check.models import Evidence, Terms, Uptime

    return Terms(uptime=[Uptime(pct, "month", evidence=Evidence(page=1, section=None, text=text)) for pct, text in items])


def test_a_credit_rows_bound_is_not_the_headline_uptime_target():
    from sla_check.money import headline_uptime

    terms = _uptime_terms(
        (99.9, "Your site will be reachable 99.9% of the time in every calendar month."),
        (98.9, "Uptime in the month | credit: 99.5 - 99.8% | 10% credit; 99.0 - 99.4% | 25% credit; 98.9% and below | 50% credit"))
    assert headline_uptime(terms).percent == 99.9
    # a bound of a range and a "below" row are bounds too; alone, a bound is all there is and stands
    assert headline_uptime(_uptime_terms((99.9, "a"), (99.0, "99.0 - 99.4% earns a 25% credit"))).percent == 99.9
    assert headline_uptime(_uptime_terms((99.9, "a"), (99.0, "below 99.0% | 50% service credit"))).percent == 99.9
    assert headline_uptime(_uptime_terms((98.9, "98.9% and below | 50% credit"))).percent == 98.9


def test_a_target_that_names_its_credit_is_still_the_target():
    from sla_check.money import headline_uptime

    terms = _uptime_terms((99.5, "We commit to 99.5% availability each month; a missed month earns a 10% credit."),
                          (99.95, "Premium sites are available 99.95% of each month."))
    assert headline_uptime(terms).percent == 99.5
