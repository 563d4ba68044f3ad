"""Duplex findings read down each leg in anatomical order; a thrombus row shows no reflux cut-off."""

import pytest
from django.urls import reverse

from evaluations import diagram
from evaluations.models import SegmentFinding
from evaluations.rules.segments import ANATOMICAL_ORDER, Segment
from tests.factories.evaluations import DuplexStudyFactory, SegmentFindingFactory

pytestmark = pytest.mark.django_db

# Entered out of order, and so that alphabetical order would differ from anatomical.
ENTERED = ["SSV", "CFV", "GSVb", "SFJ", "POPV", "GSVa", "AASV", "FV"]


def test_the_anatomical_order_is_the_segment_enumerations() -> None:
    assert tuple(Segment.values) == ANATOMICAL_ORDER
    assert ANATOMICAL_ORDER[:4] == ("SFJ", "GSVa", "GSVb", "AASV")
    assert ANATOMICAL_ORDER.index("CFV") < ANATOMICAL_ORDER.index("FV") < ANATOMICAL_ORDER.index("POPV")


def study_with_findings():
    study = DuplexStudyFactory()
    for side in ("L", "R"):
        for segment in ENTERED:
            SegmentFindingFactory(study=study, side=side, segment=segment)
    return study


def expected() -> list[tuple[str, str]]:
    ordered = sorted(ENTERED, key=ANATOMICAL_ORDER.index)
    return [("R", s) for s in ordered] + [("L", s) for s in ordered]


def test_findings_are_listed_right_leg_first_then_down_each_leg() -> None:
    study = study_with_findings()
    assert [(f.side, f.segment) for f in study.findings.all()] == expected()
    assert [(f.side, f.segment) for f in SegmentFinding.objects.all()] == expected()


def test_the_study_page_and_the_vein_record_list_findings_in_anatomical_order(
    sonographer_client, physician_client
) -> None:
    study = study_with_findings()
    page = sonographer_client.get(study.get_absolute_url())
    assert [(f.side, f.segment) for f in page.context["findings"]] == expected()
    overview = physician_client.get(reverse("evaluations:patient_overview", args=[study.patient_id]))
    latest = overview.context["latest_study"]
    assert [(f.side, f.segment) for f in latest.findings.all()] == expected()
    html = page.content.decode()
    positions = [html.index(f'<abbr title="{Segment(s).label}">{s}</abbr>') for s in ("SFJ", "GSVa", "SSV", "CFV")]
    assert positions == sorted(positions)


def test_a_thrombus_row_shows_no_reflux_threshold(sonographer_client) -> None:
    study = DuplexStudyFactory()
    SegmentFindingFactory(study=study, segment="FV", compressibility="none", thrombus="acute", reflux_ms=None)
    SegmentFindingFactory(study=study, segment="GSVa", reflux_ms=800)
    html = sonographer_client.get(study.get_absolute_url()).content.decode()
    thresholds = html.count('data-testid="threshold"')
    assert thresholds == 1  # the GSVa row only
    fv_row = html[html.index('<abbr title="Femoral vein">FV</abbr>') :]
    fv_row = fv_row[: fv_row.index("</tr>")]
    assert "SVS/AVF 2011" not in fv_row
    assert "Thrombus" in fv_row


def test_each_leg_is_its_own_picture_so_labels_stay_readable_on_a_phone() -> None:
    study = DuplexStudyFactory()
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=800)
    SegmentFindingFactory(study=study, side="L", segment="SSV", reflux_ms=900)
    built = diagram.build(study.findings.all())
    right, left = built.legs
    assert (right.side, right.x, right.width) == ("R", 0, built.width // 2)
    assert (left.side, left.x) == ("L", built.width // 2)
    assert [label.text.split()[0] for label in right.labels] == ["GSVa"]
    assert [label.text.split()[0] for label in left.labels] == ["SSV"]
    assert all(s.side == "R" for s in right.shapes) and all(s.side == "L" for s in left.shapes)
