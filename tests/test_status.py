"""A row's response status, normalised: read from a status column or a response's opening words."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import parse, parse_text
from extract.analyze.status import STATUSES, status_of

SAMPLES = Path(__file__).parent.parent / "samples"
REAL = Path(__file__).parent.parent.parent / "shared" / "real"


@pytest.mark.parametrize(("cells", "expected"), [
    ({"status": "Accepted"}, ("accepted", "Accepted")),
    ({"status": "Accepted in part"}, ("accepted_in_part", "Accepted in part")),
    ({"status": "Partially accepted"}, ("accepted_in_part", "Partially accepted")),
    ({"status": "Accepted in principle"}, ("accepted_in_principle", "Accepted in principle")),
    ({"status": "Rejected"}, ("rejected", "Rejected")),
    ({"status": "Not accepted"}, ("rejected", "Not accepted")),
    ({"status": "Under consideration"}, ("under_consideration", "Under consideration")),
    ({"status": "Being implemented"}, ("in_progress", "Being implemented")),
    ({"status": "Accepted and being implemented"}, ("in_progress", "Accepted and being implemented")),
    ({"status": "Accepted and implemented"}, ("implemented", "Accepted and implemented")),
    ({"status": "Implemented"}, ("implemented", "Implemented")),
    ({"status": "No further action"}, ("no_further_action", "No further action")),
    ({"status": "Noted"}, ("noted", "Noted")),
    ({"accepted": "Yes"}, ("accepted", "Yes")),
    ({"accepted": "No"}, ("rejected", "No")),
    ({"accepted": "In part"}, ("accepted_in_part", "In part")),
    ({"response": "The Government accepts this recommendation. It will publish a plan for the sector next spring."},
     ("accepted", "The Government accepts this recommendation.")),
    ({"response": "We do not accept this recommendation, because the duty already exists in the 2014 Act."},
     ("rejected", "We do not accept this recommendation, because the duty already exists in the 2014 Act.")),
    ({"response": "Agreed in part. A dedicated discharge pharmacy team has been in place since November 2019."},
     ("accepted_in_part", "Agreed in part.")),
    # negations within two words turn the wording round
    ({"response": "The Government cannot accept this recommendation, as the duty already exists."},
     ("rejected", "The Government cannot accept this recommendation, as the duty already exists.")),
    ({"response": "We are unable to accept this recommendation as it stands, for the reasons set out below."},
     ("rejected", "We are unable to accept this recommendation as it stands, for the reasons set out below.")),
    ({"status": "Accepted (not yet implemented)"}, ("accepted", "Accepted (not yet implemented)")),
    ({"status": "Accepted, not yet complete"}, ("accepted", "Accepted, not yet complete")),
    ({"status": "Disagree"}, ("rejected", "Disagree")),
    ({"status": "Partially completed"}, ("in_progress", "Partially completed")),
    # "in principle", "in part", "partially" anywhere in the sentence
    ({"response": "The Government accepts this recommendation in principle and will consult on how."},
     ("accepted_in_principle", "The Government accepts this recommendation in principle and will consult on how.")),
    ({"response": "The Government partially accepts this recommendation, for the reasons below in full."},
     ("accepted_in_part", "The Government partially accepts this recommendation, for the reasons below in full.")),
    # a later sentence of the opening paragraph
    ({"response": "We agree that more needs to be done. However, we do not accept this recommendation as drafted."},
     ("rejected", "However, we do not accept this recommendation as drafted.")),
    # a wording past the first sentence's opening words hides nothing in the next
    ({"response": "Over the past year several of the larger trusts have implemented it in full. We accept this "
                  "recommendation."}, ("accepted", "We accept this recommendation.")),
    ({"response": "We will review the services across the region with the boards. Noted."}, ("noted", "Noted.")),
])
def test_the_status_a_cell_states(cells: dict[str, str], expected: tuple[str, str]) -> None:
    found = status_of(cells)
    assert found is not None and found[:2] == expected and found[0] in STATUSES


@pytest.mark.parametrize("cells", [
    {"response": "A business case will go to the Board in May 2020, and the service will be reviewed then."},
    {"response": "It should be noted that the trust accepted the earlier review's findings in 2019 in full."},
    {"action_taken": "Accepted"},  # not a status or response column
    {"progress_update": "Work on the new framework was accepted by the board and begins in the autumn of 2022."},
    {"status": "Not yet implemented"}, {"status": "Implementation not yet complete"},
    {"comments": "Not fully implemented – awaiting funding"},
    {"response": "Rejected proposals from 2019 have been revisited and the Department now intends to act on them."},
    {"responsible_lead": "Board to consider"},  # not a response column: "respon" is no word of its key
    {"expected_outcome": "Completed discharge summaries for 95% of patients"},
    {"agreed_action": "Complete the audit of discharge letters by March 2024"},
    {"status": "To complete by March 2024"},
])
def test_a_response_that_states_no_status_in_its_opening_words_has_none(cells: dict[str, str]) -> None:
    assert status_of(cells) is None


def test_the_latest_status_column_wins_and_the_row_carries_it() -> None:
    report = parse_text("Status report (published 1 July 2023)\n\nNo.\tRecommendation\tStatus at 30-Jun-22\t"
                        "Status at 30-Jun-23\n1\tFix the signals.\tBeing implemented\tImplemented\n"
                        "2\tTrain the crews.\tUnder consideration\t\n", name="status.txt")
    assert [(r.id, r.status.value if r.status else None, r.status.field if r.status else None)
            for r in report.records] == [("1", "implemented", "status_at_30_jun_23"),
                                         ("2", "under_consideration", "status_at_30_jun_22")]


def test_the_samples_statuses() -> None:
    statuses = {path.stem: [(r.id, r.status.value if r.status else None) for r in parse(path).records]
                for path in sorted(SAMPLES.glob("*.txt"))}
    assert statuses["dh-safer-maternity-care-2016"] == [
        ("R1", "accepted"), ("R2", "accepted"), ("R3", "accepted_in_part"), ("R4", "accepted"),
        ("R5", "under_consideration")]
    assert statuses["nhs-workforce-burnout-2021"] == [
        ("1.1", "accepted"), ("1.2", "accepted_in_part"), ("2.1", "accepted"), ("2.2", "accepted")]
    assert {status for _, status in statuses["hqip-engaging-clinicians-2014"]} == {None}  # no status stated


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (real documents) is not here")
def test_every_numbered_recommendation_of_the_taic_status_report_has_its_status() -> None:
    report = parse(REAL / "taic-sr-report-to-minister-2023.docx")
    numbered = [r for r in report.records if r.id and "/" in r.id]
    assert numbered and all(r.status is not None for r in numbered)
    by_id = {r.id: r.status.value for r in numbered if r.status}
    assert (by_id["002/23"], by_id["014/16"], by_id["008/17"], by_id["009/23"]) == (
        "rejected", "implemented", "no_further_action", "in_progress")
