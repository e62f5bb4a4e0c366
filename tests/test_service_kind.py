"""The service kind is read from the whole document: help with a product the vendor supplies
(support) against a service the vendor runs (SaaS, hosting, a managed service). The texts are
our own; each runs the real pipeline from a file, and the uptime finding shows why it matters
(no uptime target is `n/a` for support, a `gap` for a run service)."""
from __future__ import annotations

from pathlib import Path

from sla_check.pipeline import review_file


def _review(tmp_path: Path, nlp, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = review_file(path, nlp=nlp)
    assert result.status == "ok" and result.terms is not None
    return result.terms.service_kind, {f.check_id: f for f in result.findings}


LICENSED_PRODUCT = """Customer Care Terms for Ledgerly Desktop

These terms describe how we help licensees of Ledgerly Desktop, the accounting software you
install on your own computers under your licence.

1. What we cover

We answer questions about the Software, investigate defects you report in the current version
and the previous version, and ship fixes in maintenance releases. Installation of the product on
your premises and changes you make to its source code are yours.

2. Severity and first reply

Severity A: the Software cannot be started or corrupts ledgers | first reply within 2 hours
Severity B: a feature does not work as the documentation says | first reply within 1 business day
Severity C: a question about functionality | first reply within 3 business days
"""

MANAGED_DESK = """Managed Service Schedule

Under this managed service our service desk runs your office IT for you.

1. Scope

We look after your servers, desktops and network: we monitor them, apply software updates and
software releases from your software suppliers, install new software versions on your desktops
and replace failed hardware. Licensed software remains licensed to you.

2. Priorities

Priority 1: a server or the network is down for the whole office | response within 30 minutes
Priority 2: one desktop cannot work | response within 4 hours
Priority 3: a question about a product or feature | response within 2 business days
"""

SAAS_WITH_SUPPORT = """Harbourview Subscription Service Level Agreement

1. Availability

The Harbourview platform, our web application for booking rooms, is available 99.9% of each
calendar month to every subscription.

2. Support

Our support team answers tickets about the application and its features. A defect in a feature
of the software is fixed in a later release; the documentation lists each version's changes.

Severity 1: the platform is unavailable | response within 1 hour
Severity 2: a feature fails for many users | response within 4 hours
"""

RUN_PRIORITY_TABLE = """Incident priorities

Priority 1: the network or the email system is down across the campus | response within 1 hour
Priority 2: one team cannot reach a shared server | response within 4 hours
Priority 3: a single desktop or printer fault | response within 1 business day
"""


def test_a_support_policy_for_licensed_software_is_support(tmp_path, nlp):
    # no kind's own cue names it (the title says "Customer Care"): the product words decide
    kind, got = _review(tmp_path, nlp, "care.txt", LICENSED_PRODUCT)
    assert kind.value == "support"
    assert kind.evidence is not None and kind.evidence.rule == "service_kind.support"
    assert got["uptime-target"].status == "n/a"
    assert "support" in got["uptime-target"].explanation


def test_a_managed_service_desk_running_the_customers_systems_stays_managed_service(tmp_path, nlp):
    # it speaks of software releases and licences as much as a support policy does, but the
    # vendor operates the customer's servers: a managed service wins over support
    kind, got = _review(tmp_path, nlp, "desk.txt", MANAGED_DESK)
    assert kind.value == "managed_service"
    assert got["uptime-target"].status == "gap"


def test_a_saas_with_a_support_section_stays_saas(tmp_path, nlp):
    kind, got = _review(tmp_path, nlp, "saas.txt", SAAS_WITH_SUPPORT)
    assert kind.value == "saas"
    assert got["uptime-target"].status == "ok"


def test_a_priority_table_about_systems_the_vendor_runs_is_no_support_document(tmp_path, nlp):
    # no product words at all: absent uptime stays a gap, whatever kind the words name
    kind, got = _review(tmp_path, nlp, "desk-priorities.txt", RUN_PRIORITY_TABLE)
    assert kind.value != "support"
    assert got["uptime-target"].status == "gap"


HOSTED_SOFTWARE = """Application Hosting Agreement

1. Hosting

We host the licensed Software for you in our data centre on servers we own and manage.

2. The Software

Each new version and maintenance release of the Software is installed by us; defects in the
Software are fixed in later releases and the documentation of every release describes its
features, modules and functionality. Your licence to the Software covers every user.

3. Faults

Priority 1: the Software cannot be reached | response within 1 hour
Priority 2: a feature of the Software fails | response within 1 business day
"""


def test_hosted_software_stays_hosting_though_it_speaks_mostly_of_the_software(tmp_path, nlp):
    # the vendor runs the machines: a hosting kind is not overruled by product words
    kind, got = _review(tmp_path, nlp, "hosted.txt", HOSTED_SOFTWARE)
    assert kind.value == "hosting"
    assert got["uptime-target"].status == "gap"


MSP_HELP_DESK = """Managed IT Services: Help Desk Response Commitments

Under your managed IT services contract with Fenwick Digital, our technical support help desk
answers every call you raise about the computers and servers we look after for you.

Priority | What is affected | We start work within
Urgent | the whole office cannot work | 30 minutes
Normal | one person cannot work | 4 hours
Low | a question or a small change | 2 business days
"""


def test_the_help_desk_of_a_managed_it_service_is_that_managed_service(tmp_path, nlp):
    # the help-desk words outnumber the managed-service words, but the document names the managed
    # service the desk belongs to: the vendor runs the customer's IT, so no uptime target is a gap
    kind, got = _review(tmp_path, nlp, "msp-desk.txt", MSP_HELP_DESK)
    assert kind.value == "managed_service"
    assert got["uptime-target"].status == "gap"
