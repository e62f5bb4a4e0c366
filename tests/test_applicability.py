"""Applicability of the checks (rules/checklist.yml `applies:`): `n/a` for checks that depend on a
missing term or do not fit the kind of service, `review` where the document speaks of a term
but no value was read, and rating counts that leave `n/a` and `review` out of the problems."""
from __future__ import annotations

import dataclasses

import pytest

from sla_check.check import check, rate
from sla_check.checklist import load_checklist, load_rating
from sla_check.models import Evidence, Exclusion, Flag, ServiceCredits, Terms, TimeCommitment, Uptime, Value
from written import findings_from

EV = Evidence(page=3, section="4", text="Response Times")


@pytest.fixture(scope="module")
def checklist():
    return load_checklist()


def findings(checklist, terms: Terms) -> dict[str, object]:
    return {f.check_id: f for f in check(terms, checklist, checklist.profiles.get("standard"))}


def base() -> Terms:
    return Terms(uptime=[Uptime(99.9, "month", evidence=EV)],
                 response_times=[TimeCommitment(1, "P1", "response", 30, "calendar", EV)])


def test_missing_credits_is_one_gap_and_its_details_do_not_apply(checklist):
    got = findings(checklist, base())
    assert got["credits-present"].status == "gap"
    for cid in ("credit-cap", "credits-sole-remedy", "credit-claim-window", "credits-automatic"):
        assert got[cid].status == "n/a", cid
        assert "credits" in got[cid].explanation.lower()


def test_no_uptime_target_makes_maintenance_and_period_not_applicable(checklist):
    terms = dataclasses.replace(base(), uptime=[], exclusions=[Exclusion("scheduled_maintenance", EV)])
    got = findings(checklist, terms)
    assert got["uptime-target"].status == "gap"
    assert {got[c].status for c in ("uptime-period", "maintenance-cap", "downtime-defined")} == {"n/a"}


def test_nothing_measurable_makes_exclusions_exits_and_carve_outs_not_applicable(checklist):
    got = findings(checklist, Terms(exclusions=[Exclusion("force_majeure", EV)]))
    assert got["measurable-sla"].status == "gap"
    assert {got[c].status for c in ("broad-exclusions", "chronic-failure-exit", "carve-outs")} == {"n/a"}


def test_maintenance_counting_as_downtime_is_ok_only_with_an_uptime_target(checklist):
    assert findings(checklist, base())["maintenance-cap"].status == "ok"
    assert findings(checklist, dataclasses.replace(base(), uptime=[]))["maintenance-cap"].status == "n/a"


@pytest.mark.parametrize("kind, expected", [("connectivity", "n/a"), ("colocation", "n/a"), ("hosting", "gap"), (None, "gap")])
def test_backups_do_not_apply_to_networks_and_colocation(checklist, kind, expected):
    terms = dataclasses.replace(base(), service_kind=Value(kind, EV if kind else None))
    assert findings(checklist, terms)["backup-recovery"].status == expected


def test_a_term_the_contract_states_is_judged_whatever_the_kind(checklist):
    terms = dataclasses.replace(base(), service_kind=Value("connectivity", EV), backup=Flag(True, EV),
                                rpo_minutes=Value(15, EV), rto_minutes=Value(60, EV))
    assert findings(checklist, terms)["backup-recovery"].status == "ok"


def test_a_response_table_with_no_value_read_is_review_not_gap(checklist):
    terms = dataclasses.replace(base(), response_times=[], mentions={"response_times": EV})
    got = findings(checklist, terms)
    f = got["p1-response"]
    assert f.status == "review"
    assert f.evidence[0] == EV and "page 3" in f.explanation and "section 4" in f.explanation
    # resolution has no mention: absence stands
    assert got["p1-resolution"].status == "gap"


def test_a_mention_does_not_hide_a_missing_level_when_values_were_read(checklist):
    got = findings(checklist, dataclasses.replace(base(), mentions={"response_times": EV}))
    assert got["p2-response"].status == "gap"


def test_credit_details_are_not_applicable_when_credits_could_not_be_read(checklist):
    got = findings(checklist, dataclasses.replace(base(), mentions={"service_credits": EV}))
    assert got["credits-present"].status == "review"
    assert got["credit-cap"].status == "n/a"


def test_rating_counts_problems_and_review_apart_and_ignores_not_applicable(checklist):
    rules = load_rating()
    got = check(base(), checklist, checklist.profiles.get("standard"))
    r = rate(got, rules)
    assert r.not_applicable == sum(f.status == "n/a" for f in got) > 0
    assert r.review == sum(f.status == "review" for f in got)
    for sev in ("high", "medium", "low"):
        assert getattr(r, f"problems_{sev}") == sum(f.severity == sev and f.status in ("gap", "weak") for f in got)
    # dropping the n/a findings changes nothing: they are neither at stake nor lost
    assert rate([f for f in got if f.status != "n/a"], rules).score == r.score


def test_full_service_credits_make_every_credit_check_apply(checklist):
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, max_credit_percent=50,
                                                                       claim_window_days=60, automatic=True,
                                                                       evidence=(EV,)))
    got = findings(checklist, terms)
    assert all(got[c].status == "ok" for c in ("credits-present", "credit-cap", "credit-claim-window", "credits-automatic"))


SERVICE_KINDS = [("pinnacle-colo.pdf", "colocation"), ("metro-ethernet.pdf", "connectivity"),
                 ("harbour-telecom.pdf", "connectivity"), ("lumen-saas.pdf", "saas"), ("stratus-iaas.pdf", "hosting"),
                 ("fortress-msp.pdf", "managed_service"), ("civic-helpdesk.pdf", "support")]


@pytest.mark.parametrize("name, kind", SERVICE_KINDS)
def test_service_kind_is_read_from_the_contract(extracted, contracts_dir, name, kind):
    result = extracted(contracts_dir / name)
    assert result.terms is not None and result.terms.service_kind.value == kind
    assert result.terms.service_kind.evidence is not None
    assert result.to_dict()["terms"]["service_kind"]["value"] == kind


def test_working_days_notice_is_shown_as_written_and_counted_in_calendar_time(extracted, contracts_dir):
    """ "at least 10 Working Days' notice" is two calendar weeks, not 240 hours (10 x 24)."""
    from sla_check.check import review_terms
    from sla_check.pipeline import Options

    terms = extracted(contracts_dir / "metro-ethernet.pdf").terms
    assert terms is not None
    assert terms.maintenance_notice_hours.value == 336 and terms.maintenance_notice_hours.detail == "10 Working Days"
    finding = next(f for f in review_terms(terms, Options())[0] if f.check_id == "maintenance-notice")
    assert "10 Working Days (about 14 days)" in finding.explanation


def _review_text(tmp_path, nlp, name: str, text: str) -> dict[str, object]:
    return findings_from(tmp_path, nlp, text, name)


def test_a_sentence_about_uptime_is_review_and_one_claiming_credits_is_ok_not_gap(tmp_path, nlp):
    # no heading names the terms and no figure is given: only the prose speaks of them
    got = _review_text(tmp_path, nlp, "order.txt",
                       "Hosting order\n\nThe platform is hosted in our own data centre. The guarantee of uptime "
                       "for each plan is the one printed on your order form.\n\nWhere we miss it you may ask our "
                       "billing desk to request a service credit against the next invoice.\n")
    assert got["uptime-target"].status == "review"
    assert "order form" in got["uptime-target"].evidence[0].text
    # a credit promised for a miss and sized elsewhere is a credit (credits_present is ok or gap, never
    # review): the promise decides, and the explanation says that no amount is stated here
    assert got["credits-present"].status == "ok"
    assert "states no amount" in got["credits-present"].explanation
    assert "billing desk" in got["credits-present"].evidence[0].text


def test_an_availability_heading_over_support_hours_is_no_sign_of_an_uptime_level(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "hours.md",
                       "# Hosting terms\n\n## 5. Availability\n\nOur help desk answers the phone from 8am to 6pm "
                       "on weekdays.\n")
    assert got["uptime-target"].status == "gap"
    # an availability section that gives a level, even one not read as a target, is still a sign of one
    got = _review_text(tmp_path, nlp, "level.md",
                       "# Hosting terms\n\n## 5. Availability\n\nOur help desk answers the phone on weekdays. "
                       "The platform has reached 99 percent in each past quarter.\n")
    assert got["uptime-target"].status == "review"


def test_a_sentence_denying_credits_leaves_the_gap(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "free.txt",
                       "Free transfer service\n\nThe transfer service is provided free of charge and is not backed "
                       "by service credits of any kind.\n")
    assert got["credits-present"].status == "gap"


def test_a_support_policy_is_a_support_contract_and_needs_no_uptime(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "policy.md",
                       "# Support Policy\n\nOur engineers answer tickets by e-mail on working days. "
                       "A Severity 1 ticket is answered within 2 hours.\n")
    assert got["uptime-target"].status == "n/a"
    assert "support" in got["uptime-target"].explanation


@pytest.mark.parametrize("name, text", [
    ("help.md", "---\ntitle: Getting support\n---\n\nWrite to the service desk on working days. "
                "An urgent ticket is answered within 4 hours.\n"),
    ("desk.md", "# Raising tickets with our support team\n\nOur platform team answers tickets on working days. "
                "An urgent ticket is answered within 4 hours.\n"),
])
def test_a_document_titled_after_support_is_a_support_contract(tmp_path, nlp, name, text):
    # "support" alone is too common to count in the body; in the title it names the subject
    got = _review_text(tmp_path, nlp, name, text)
    assert got["uptime-target"].status == "n/a"
    assert "support" in got["uptime-target"].explanation


def test_support_in_a_body_heading_does_not_make_a_hosting_contract_support(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "hosting.md",
                       "# Virtual server hosting terms\n\nWe host your virtual machines on our own servers.\n\n"
                       "## Support\n\nTickets are answered within 4 hours.\n")
    assert got["uptime-target"].status == "gap"


def test_an_unread_sla_still_asks_for_an_exit_right(checklist):
    # the document has an availability section whose figure was not read: there is an SLA, so the
    # missing right to leave after repeated failure is a gap, not "does not apply"
    terms = Terms(mentions={"uptime": EV})
    got = findings(checklist, terms)
    assert got["measurable-sla"].status == "review"
    assert got["chronic-failure-exit"].status == "gap"
    # checks that judge the SLA's own values still wait for them
    assert got["carve-outs"].status == "n/a"
    # with nothing at all the exit check does not apply
    assert findings(checklist, Terms())["chronic-failure-exit"].status == "n/a"


def test_a_response_heading_over_no_time_is_spoken_of_not_unread(tmp_path, nlp):
    # the heading speaks of response times but the words under it give none: a person looks
    # (review), yet there is no SLA whose repeated failure an exit right could answer
    got = _review_text(tmp_path, nlp, "desk.md",
                       "# Helpdesk terms\n\n## Response times\n\nEvery ticket gets an answer from our team, "
                       "on weekdays from 09:00 to 17:00.\n")
    assert got["p1-response"].status == "review"
    assert got["measurable-sla"].status == "review"
    assert got["chronic-failure-exit"].status == "n/a"


def test_the_mention_points_to_the_place_that_holds_a_value(tmp_path, nlp):
    # a definition names availability first; the table with the level comes later and is what to read
    got = _review_text(tmp_path, nlp, "line.md",
                       "# Leased line terms\n\n2.1 Availability. Availability means the share of a month the "
                       "line carries traffic.\n\n## Availability\n\nLine with a second path: one hundred percent; "
                       "single path: ninety nine point nine percent\n")
    up = got["uptime-target"]
    assert up.status == "review" and up.evidence[0].section == "Availability"
    assert got["chronic-failure-exit"].status == "gap"


@pytest.mark.parametrize("heading", ["Time to first contact", "Mean time to repair"])
def test_telecom_and_service_desk_names_for_the_times_are_signs_of_them(tmp_path, nlp, heading):
    # the heading names the time in the words such documents use; the figure below it is not read
    got = _review_text(tmp_path, nlp, "desk.md",
                       f"# Desk levels\n\n## {heading}\n\nSee the figure agreed in the order: two working hours.\n")
    check = "p1-response" if "contact" in heading else "p1-resolution"
    assert got[check].status == "review"
    assert got[check].evidence[0].text == heading


def test_requires_read_must_be_a_boolean(tmp_path):
    from sla_check.errors import RulesError

    path = tmp_path / "mine.yml"
    path.write_text("extends: default\nchecks:\n  - id: chronic-failure-exit\n    applies: {requires: [measurable-sla], requires_read: maybe}\n")
    with pytest.raises(RulesError, match="requires_read"):
        load_checklist(path)


def test_a_credit_not_tied_to_the_service_level_is_no_service_credit(checklist):
    # a credit note in a fees clause pays nothing for a missed SLA: one gap, quoting what was set aside
    fees = Evidence(page=2, section="Fees", text="Amounts invoiced are net of any credits already issued.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(fees,)))
    got = findings(checklist, terms)
    assert got["credits-present"].status == "gap"
    assert "net of any credits" in got["credits-present"].explanation
    assert got["credit-claim-window"].status == "n/a" and got["credit-cap"].status == "n/a"
    # so is a fee cut after a price review, even with a deadline in days beside it
    review = Evidence(page=5, section="12.4", text="The supplier shall accept or reject a proposed fee reduction "
                                                   "within ten (10) days of the benchmark notice.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, claim_window_days=10,
                                                                        evidence=(review,), claim_window_evidence=review))
    assert findings(checklist, terms)["credits-present"].status == "gap"


@pytest.mark.parametrize("ev", [
    Evidence(page=2, section="Service credits", text="Amounts invoiced are net of any credits already issued."),
    Evidence(page=2, section="Fees", text="You receive a credit of 5% of the monthly fee."),
    Evidence(page=2, section="Fees", text="Each hour of downtime beyond the target earns a credit against the next invoice."),
])
def test_a_credit_under_a_credits_heading_with_a_figure_or_tied_to_downtime_is_a_service_credit(checklist, ev):
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(ev,)))
    assert findings(checklist, terms)["credits-present"].status == "ok"


def test_credits_promised_for_missed_levels_but_sized_elsewhere_are_ok_and_say_so(checklist):
    promise = Evidence(page=4, section="7", text="Where an SLA event occurs the customer becomes eligible for "
                                                 "service credits as set out in the service definition.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(promise,)))
    got = findings(checklist, terms)
    assert got["credits-present"].status == "ok"
    assert got["credits-present"].evidence[0] == promise
    assert "states no amount" in got["credits-present"].explanation
    assert got["credit-claim-window"].status == "ok"  # judged: nothing to claim by


def test_a_run_in_clause_heading_counts_as_a_mention(tmp_path, nlp):
    # a numbered clause whose caption names the term ("4. RESPONSE TIME: ...") is a heading in all but layout
    got = _review_text(tmp_path, nlp, "caption.txt",
                       "Support schedule\n\n3. SERVICE HOURS: Staffed on weekdays from 8 am to 6 pm.\n\n"
                       "4. RESPONSE TIME: We answer every call as quickly as our staff allow.\n")
    assert got["p1-response"].status == "review"
    assert got["p1-response"].evidence[0].text.startswith("4. RESPONSE TIME")
    # the same words in an ordinary sentence are not a heading: absence stands
    got = _review_text(tmp_path, nlp, "sentence.txt",
                       "Support schedule\n\nStaffed on weekdays from 8 am to 6 pm.\n\n"
                       "Response time depends on how busy our staff are.\n")
    assert got["p1-response"].status == "gap"


def _service_kind_reference(document) -> str | None:  # type: ignore[no-untyped-def]
    """The plain reading the fast one must equal: every kind's phrases searched in every block.
    (The product weighing after it, tested in tests/test_service_kind.py, changes no fixture's kind.)"""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    lex = lexicon("service_kinds")
    kinds = lex.get("kinds") or {}
    blocks = document.blocks
    title = next((i for i, b in enumerate(blocks) if b.kind == "heading"), 0)
    scores = {k: 0.0 for k in kinds}
    for kind, phrases in kinds.items():
        rx = cue_regex(phrases)
        for i, b in enumerate(blocks):
            w = float(lex.get("title_weight", 1)) if i == title else float(lex.get("heading_weight", 1)) if b.kind == "heading" else 1.0
            scores[kind] += len(rx.findall(b.text)) * w
    order = list(kinds)
    best = max(order, key=lambda k: (scores[k], -order.index(k)))
    return best if scores[best] >= float(lex.get("min_score", 1)) else None


def test_service_kind_single_pass_reads_as_the_plain_search(extracted):
    """The one-pass cue search (a speed trick) gives every fixture the kind the plain per-kind search gives."""
    from pathlib import Path

    from sla_check.ingest import load_document

    root = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"
    docs = [p for p in sorted(root.iterdir()) if p.suffix in (".pdf", ".docx", ".md", ".txt")]
    checked = 0
    for path in docs:
        try:
            document = load_document(path)
        except Exception:  # noqa: BLE001 - the unreadable fixtures have no kind to compare
            continue
        # (the fixture's shared extraction: extract_file reads it with load_document's defaults)
        assert extracted(path).terms.service_kind.value == _service_kind_reference(document), path.name
        checked += 1
    assert checked >= 20


def test_one_time_for_every_incident_decides_out_of_hours_cover_when_no_p1_time_is_given(checklist):
    # the plans' hours differ (so they read as mixed) but the only time, for any call, runs on weekdays
    desk = Evidence(page=1, section="Plans", text="Bronze: phone line 9am - 5pm weekdays | Gold: 9am - 5pm every day")
    visit = Evidence(page=1, section="Plans", text="Engineer on site within 2 working days")
    terms = Terms(support_hours=Value("mixed", desk),
                  response_times=[TimeCommitment(None, None, "response", 960, "business", visit)])
    got = findings(checklist, terms)["p1-out-of-hours"]
    assert got.status == "weak"
    assert got.evidence[0] == desk and visit in got.evidence
    assert "business hours only" in got.explanation


def test_credits_cite_the_clause_tied_to_the_service_level_before_an_indemnity_credit(checklist):
    indemnity = Evidence(page=5, section="Indemnity", text="The supplier will give the customer a credit equal to the "
                                                           "amount paid for the infringing materials.")
    remedy = Evidence(page=25, section="Remedies", text="The availability credit is the sole remedy for a missed SLA target.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, max_credit_percent=100,
                                                                        evidence=(indemnity, remedy)))
    got = findings(checklist, terms)["credits-present"]
    assert got.status == "ok" and got.evidence[0] == remedy



def test_priority_definitions_do_not_apply_when_no_priority_has_a_time(checklist):
    # an uptime-only contract: the missing times are the P1/P2 gaps; undefined levels are no second gap
    got = findings(checklist, dataclasses.replace(base(), response_times=[]))
    assert got["p1-response"].status == "gap"
    assert got["severity-levels-defined"].status == "n/a", got["severity-levels-defined"].explanation
    assert "P1 response time" in got["severity-levels-defined"].explanation
    # one time for one priority is enough for the definitions to matter
    assert findings(checklist, base())["severity-levels-defined"].status == "gap"


def test_priority_definitions_apply_where_a_times_table_was_spoken_of_but_not_read(checklist):
    mention = Evidence(page=2, section="5", text="Priority | Response | Fix", rule="mention.response_times")
    terms = dataclasses.replace(base(), response_times=[], mentions={"response_times": mention, "resolution_times": mention})
    got = findings(checklist, terms)
    assert got["p1-response"].status == "review"
    assert got["severity-levels-defined"].status == "gap"


def test_maintenance_notice_and_window_do_not_apply_to_a_support_only_contract(checklist):
    terms = dataclasses.replace(base(), uptime=[], exclusions=[Exclusion("scheduled_maintenance", EV)],
                                service_kind=Value("support", EV))
    got = findings(checklist, terms)
    assert got["maintenance-notice"].status == "n/a" and got["maintenance-window"].status == "n/a"
    hosted = dataclasses.replace(terms, service_kind=Value("hosting", EV))
    assert findings(checklist, hosted)["maintenance-notice"].status == "gap"


def test_credits_without_a_tier_scale_do_not_claim_the_amount_is_unstated(checklist):
    credits = ServiceCredits(present=True, max_credit_percent=40.0,
                             evidence=(Evidence(page=1, section="3", text="Credits are capped at 40% of the monthly charge."),))
    text = findings(checklist, dataclasses.replace(base(), service_credits=credits))["credits-present"].explanation
    assert "not stated" not in text and "no scale of tiers was read" in text and "at most 40% of the fee" in text


def test_a_target_far_below_the_profile_says_how_much_downtime_it_allows(checklist):
    got = findings(checklist, dataclasses.replace(base(), uptime=[Uptime(60.0, "month", evidence=EV)]))["uptime-target"]
    assert got.status == "weak"
    assert "12.2 days of downtime" in got.explanation


def test_a_low_level_stated_as_a_share_of_each_month_is_read_as_the_target(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "joke.md",
                       "# Our promise\n\nWe promise that each server will be reachable at least 61.5% of every "
                       "month.\n\nIf we fail, you get a credit of 25% of the monthly charge.\n")
    assert got["uptime-target"].status == "weak"
    assert "61.5%" in got["uptime-target"].explanation
    assert "25%" not in got["uptime-target"].explanation  # a credit is never a share of the month


def test_escalation_contact_cites_the_clause_that_makes_the_manager_the_contact(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "msp.md",
                       "# Managed desktop terms\n\n## 1. Getting started\n\n1.1 An account manager will help set up "
                       "your users in the first month.\n\n## 2. Running the service\n\n2.1 Your account manager is "
                       "your point of contact for any escalations.\n")
    first = got["escalation-contact"].evidence[0]
    assert first.section == "2.1" and "point of contact" in first.text


def test_a_part_of_a_compound_document_may_number_its_clauses_from_one_again(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "terms.md",
                       "# Product terms\n\n## Storage service\n\n**1. Ordering**\n\n1.1 Orders are placed online.\n\n"
                       "**2. Support**\n\n2.1 Tickets are answered in office hours.\n\n**3. Data**\n\n3.1 Data stays "
                       "in the country.\n\n**4. Exit**\n\n4.1 Either party may end the service on notice.\n\n"
                       "## Backup service\n\n**1. Service credits**\n\n1.1 Orders are placed by email.\n\n"
                       "1.2 Where availability falls below 99.5% in a month, you receive a service credit of 10% of "
                       "the monthly fee.\n")
    assert got["credits-present"].evidence[0].section == "1.2"


def test_a_help_line_under_a_maintenance_heading_is_no_maintenance_window(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "support.md",
                       "# Hosted payroll service terms\n\n## 1. Maintenance\n\n1.1 The Supplier answers telephone calls "
                       "from the Customer's staff between 07:00 and 19:00 on working days.\n\n## 2. Availability\n\n"
                       "2.1 The hosted system shall be available 99.7% of each month, excluding planned downtime.\n")
    assert got["maintenance-window"].status == "gap"
    assert "07:00" not in got["maintenance-window"].explanation


def test_a_date_for_shipping_spare_equipment_is_no_restoration_time(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "circuit.txt",
                       "Managed circuit service levels\n\nThe circuit is available 99.9% of each month. Where a "
                       "router fails, a replacement unit will be couriered to you within two business days of "
                       "our engineers confirming the fault.\n")
    assert got["p1-resolution"].status == "gap"


def test_each_level_takes_the_period_written_after_it(tmp_path, nlp):
    got = _review_text(tmp_path, nlp, "portal.txt",
                       "Portal service levels\n\nThe portal shall be available to members a minimum of 96% of the "
                       "time during any seven day period and 99% of the time during any calendar month.\n")
    period = got["uptime-period"]
    assert period.status == "ok" and "Uptime (99%) is measured each month" in period.explanation


@pytest.mark.parametrize("sentence, status", [
    ("Our desk logs incidents and change requests in one queue.", "review"),
    ("The customer will answer our change requests within ten days.", "review"),
    ("Change requests must be submitted on the form in Annex C and are quoted before work starts.", "ok"),
])
def test_change_requests_count_as_a_change_process_only_when_made_or_priced(tmp_path, nlp, sentence, status):
    got = _review_text(tmp_path, nlp, "desk.txt", f"IT support terms\n\nSupport is provided by our desk. {sentence}\n")
    assert got["change-control"].status == status


def test_a_lowercase_caption_line_over_an_unread_ladder_is_review_not_gap(tmp_path, nlp):
    # a web page saved as text: the caption is a line of its own in sentence case, and the
    # ladder below it is laid out so that no time is read; the document still speaks of it
    text = ("Ticket handling\n\nAnswer time\n\nHow long our desk takes to pick up a ticket once its level is set\n\n"
            "Level\n\nDescription\n\nGold\n\nWhole office offline\n\nSilver\n\nOne team affected\n")
    got = _review_text(tmp_path, nlp, "desk.txt", text.replace("Answer time", "Response time"))
    assert got["p1-response"].status == "review"
    # without the caption line nothing in the document speaks of response times
    got = _review_text(tmp_path, nlp, "desk2.txt", text.replace("Answer time\n\n", ""))
    assert got["p1-response"].status == "gap"


def test_priority_definitions_do_not_apply_when_no_time_depends_on_a_priority(tmp_path, nlp):
    # one repair target per care plan, for every fault: there is no priority for a definition to decide
    plan = ("Line care plans\n\nOn the Basic plan we answer every fault report within 4 working hours and "
            "repair the line within 40 hours.\n")
    got = _review_text(tmp_path, nlp, "plan.txt", plan)
    assert got["severity-levels-defined"].status == "n/a", got["severity-levels-defined"].explanation
    # once a time belongs to a priority, the levels must be defined
    got = _review_text(tmp_path, nlp, "prio.txt", plan + "\nPriority 1 faults are answered within 1 hour.\n")
    # ...and "Priority 1" is named but never defined: it now applies, and it is a gap
    assert got["severity-levels-defined"].status == "gap", got["severity-levels-defined"].explanation


FORM_SLA = """# Standard Cloud Terms: Service Levels

1. Availability
    1. Availability Goal. Where the Order Form names an Availability Goal, the Vendor will try to keep the Service reachable for that share of every month.
    2. Measuring Availability. Reachable minutes are counted by the Vendor's probes from two regions.
2. Response Time
    1. Response Goal. Where the Order Form names a Response Goal, the Vendor will answer support requests sent to the help address within it.
    2. Measuring Response Time. The clock runs from the request to the first answer written by a person.
3. Leaving
    1. If the Service misses the Availability Goal in three months of any six, the Customer may end the Order Form on written notice.
"""


def test_a_numbered_caption_speaks_of_its_own_clause_not_of_the_next(tmp_path, nlp):
    # the availability clause is followed, within a few lines, by one about support requests; a
    # caption that is no heading opens only its own clause, so "Availability" is still a sign of an
    # uptime level the order form sets, and the values all live elsewhere
    got = _review_text(tmp_path, nlp, "form.md", FORM_SLA)
    assert got["uptime-target"].status == "review"
    assert got["uptime-target"].evidence[0].text.startswith("1. Availability")
    assert got["p1-response"].status == "review"
    # nothing measurable is stated, only spoken of: the exit right has no level to hang on
    assert got["measurable-sla"].status == "review"
    assert got["chronic-failure-exit"].status == "n/a"


def test_a_credit_for_a_ticket_answered_late_is_a_service_credit(checklist):
    # no percentage, no credits heading, no SLA word: the missed time itself ties it to the service level
    late = Evidence(page=1, section="Our promise", text="You may ask for one day's fee back for every ticket "
                                                        "that is not answered within 8 hours.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(late,)))
    assert findings(checklist, terms)["credits-present"].status == "ok"


def test_credits_left_to_the_vendors_discretion_are_review_and_their_details_do_not_apply(checklist):
    maybe = Evidence(page=2, section="Faults", text="Lines are repaired within 12 hours. Requests for a credit "
                                                    "after an outage are considered case by case.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(maybe,)))
    got = findings(checklist, terms)
    assert got["credits-present"].status == "review"
    assert got["credits-present"].evidence[0] == maybe
    # the quote is the sentence that leaves it to the vendor, not the repair time before it
    assert "“Requests for a credit after an outage are considered case by case" in got["credits-present"].explanation
    for cid in ("credit-claim-window", "credit-cap", "credits-automatic"):
        assert got[cid].status == "n/a", cid
    # one firm credit clause beside it is a credit owed: judged as usual
    firm = Evidence(page=2, section="Faults", text="Each full hour of outage beyond the repair time earns 5% of the monthly fee.")
    terms = dataclasses.replace(base(), service_credits=ServiceCredits(present=True, evidence=(maybe, firm)))
    assert findings(checklist, terms)["credits-present"].status == "ok"


def test_a_transactions_response_time_is_no_sign_of_a_support_response_time(tmp_path, nlp):
    # a processing schedule's "response time" is how fast a system answers, in seconds: a support
    # response time stays absent (gap), where the same heading over people answering is a sign of one
    got = _review_text(tmp_path, nlp, "processing.txt",
                       "Processing Schedule\n\n4.2 Payment Transactions Response Time Service Level.\n\n"
                       "The Processor returns each payment message in an average of 2 seconds or less, measured "
                       "over each month of six months.\n")
    assert got["p1-response"].status == "gap"
    got = _review_text(tmp_path, nlp, "desk.txt",
                       "Desk Schedule\n\n4.2 Response Time Service Level.\n\n"
                       "The desk answers each fault as the order form sets out.\n")
    assert got["p1-response"].status == "review"


def test_a_sentence_read_into_a_table_cell_is_no_table_header(tmp_path, nlp):
    # a paragraph the layout put in a table's first cell is text: naming "priority levels" in passing
    # says nothing of times, so no response time stays a gap
    text = ("# Incident handling\n\n| Step | What happens |\n|---|---|\n| 1. | We log the fault |\n"
            "| The faults you report are sorted into four priority levels by our staff. | see below |\n")
    got = _review_text(tmp_path, nlp, "steps.md", text)
    assert got["p1-response"].status == "gap"


def test_fix_times_that_may_vary_are_review_and_the_response_times_stay_firm(tmp_path, nlp):
    # the hedge sits in the sentence that introduces the fix times; it names them, and only them
    text = ("# Fault handling\n\n## First reply\n\nWe reply to each fault by priority:\n\n"
            "- Priority 1 - 30 minutes\n- Priority 2 - 2 hours\n\n## Fix times\n\n"
            "The fix times below depend on the parts we have in stock, so they may vary.\n\n"
            "- Priority 1 - 6 hours\n- Priority 2 - 2 days\n")
    got = _review_text(tmp_path, nlp, "faults.md", text)
    assert got["p1-resolution"].status == "review"
    assert "may vary" in got["p1-resolution"].explanation
    assert got["p1-response"].status == "ok"


def test_a_time_for_no_priority_pages_away_from_the_priority_ladder_is_not_the_p1_time(checklist):
    ladder = Evidence(page=3, section="5.2", text="Priority 1 | respond within 30 minutes")
    remedy = Evidence(page=9, section="14", text="A returned unit is repaired or replaced within thirty (30) days.")
    p1 = TimeCommitment(1, "Priority 1", "response", 30, "calendar", ladder)
    far = TimeCommitment(None, None, "resolution", 30 * 1440, "unspecified", remedy)
    got = findings(checklist, Terms(response_times=[p1, far]))
    assert got["p1-resolution"].status == "gap"
    # the same sentence on the ladder's page is the contract's one fix time for every incident
    near = dataclasses.replace(far, evidence=dataclasses.replace(remedy, page=3, section="5.3"))
    got = findings(checklist, Terms(response_times=[p1, near]))
    assert got["p1-resolution"].status == "weak"
    assert got["p1-resolution"].evidence[0].page == 3
    # with no ladder at all, a time for every incident stands wherever it is written
    got = findings(checklist, Terms(response_times=[far]))
    assert got["p1-resolution"].status == "weak"


def test_an_uptime_goal_without_a_percentage_is_review_not_gap(tmp_path, nlp):
    # a run service that speaks of its uptime goal in words, with no figure: a person reads it
    got = _review_text(tmp_path, nlp, "goal.txt",
                       "Research Computing Service Levels\n\n1.4 Systems\n\nOur team hosts the shared compute "
                       "servers and storage. Our goal is an uptime of every hour of every day for the login "
                       "servers, apart from announced maintenance.\n")
    assert got["uptime-target"].status == "review"
    assert "an uptime of" in got["uptime-target"].evidence[0].text
