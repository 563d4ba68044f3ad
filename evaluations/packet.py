"""The prior-authorization packet for one planned procedure: what a payer asks to see, as a page and a PDF.

Each part of the packet is a section: a template under ``evaluations/packet/`` and,
when it needs more than the shared context, a function that adds its own keys. The
packet shows the sections in the order of ``SECTIONS``; a new part of the packet is
one more ``PacketSection`` there and one template, nothing else.

The PDF is drawn by WeasyPrint from the same templates. It fetches nothing from the
network: ``StaticFilesOnly`` serves the project's own static files and refuses every
other URL, and the leg diagram and the VCSS trend are SVG drawn on the server and
written into the page inline.
"""

import datetime
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from evaluations import diagram, selectors, services, trends
from evaluations.models import DuplexStudy, Evaluation, PlanItem, PriorAuthorization
from evaluations.rules.procedures import ItemKind

# WeasyPrint resolves the page's relative URLs against this made-up origin, and the
# fetcher answers for it only; nothing under it is ever looked up on a network.
PACKET_ORIGIN = "https://packet.veinflow.invalid"


@dataclass(frozen=True)
class PacketSection:
    """One part of the packet: its template, and what it adds to the shared context (or None)."""

    template: str
    context: Callable[[PlanItem, dict[str, Any]], dict[str, Any]] | None = None


@dataclass(frozen=True)
class CompressionTrial:
    item: PlanItem
    ends_on: datetime.date | None


def _trials(item: PlanItem) -> dict[str, Any]:
    trials = (
        PlanItem.objects.filter(plan__patient_id=item.plan.patient_id, kind=ItemKind.COMPRESSION)
        .filter(side__in=[item.side, "B"])
        .order_by("start_date", "pk")
    )
    return {
        "trials": [
            CompressionTrial(
                t, t.start_date + datetime.timedelta(days=t.trial_days) if t.start_date and t.trial_days else None
            )
            for t in trials
        ]
    }


def _duplex(item: PlanItem) -> dict[str, Any]:
    """The latest final study of the treated leg, its findings on that leg, and the drawing of both legs."""
    patient = item.plan.patient
    studies = DuplexStudy.objects.for_patient(patient).filter(status=DuplexStudy.Status.FINAL)
    study = next(
        (s for s in studies.select_related("office").prefetch_related("findings") if item.side in s.sides), None
    )
    if study is None:
        return {"study": None, "findings": [], "diagram": None}
    findings = list(study.findings.all())
    return {
        "study": study,
        "findings": [f for f in findings if f.side == item.side],
        "diagram": diagram.build(findings, selectors.treated_segments(patient)),
    }


def _note(item: PlanItem) -> dict[str, Any]:
    """The plan's own note, or else the patient's latest signed one: CEAP, VCSS and the leg's diagnoses."""
    plan = item.plan
    evaluation = plan.evaluation
    if evaluation is None:
        evaluation = Evaluation.objects.for_patient(plan.patient).signed().first()
    if evaluation is None:
        return {"evaluation": None, "leg": None, "diagnoses": []}
    diagnoses = [
        d for d in evaluation.diagnoses.select_related("code") if not d.code.laterality or d.code.applies_to(item.side)
    ]
    leg = next((leg for leg in evaluation.legs.all() if leg.side == item.side), None)
    return {"evaluation": evaluation, "leg": leg, "diagnoses": diagnoses}


def _ordering_physician(item: PlanItem, evaluation: Evaluation | None):
    plan = item.plan
    return plan.signed_by or (evaluation.physician if evaluation is not None else None) or plan.created_by


def _trend(item: PlanItem, context: dict[str, Any]) -> dict[str, Any]:
    return {"trend": trends.build(selectors.leg_history(item.plan.patient))}


def _authorization(item: PlanItem, context: dict[str, Any]) -> dict[str, Any]:
    """The payer's answer so far, and every safety check a physician booked past, with the reason."""
    return {
        "authorization": PriorAuthorization.objects.filter(item=item).first(),
        "overrides": list(item.gate_overrides.select_related("overridden_by")),
    }


# The packet, in order. Add a part here and give it a template in evaluations/packet/;
# an app above evaluations adds its part with register_section (photos does).
SECTIONS: list[PacketSection] = [
    PacketSection("evaluations/packet/_patient.html"),
    PacketSection("evaluations/packet/_request.html", _authorization),
    PacketSection("evaluations/packet/_overrides.html"),
    PacketSection("evaluations/packet/_diagnoses.html"),
    PacketSection("evaluations/packet/_ceap_vcss.html"),
    PacketSection("evaluations/packet/_duplex.html"),
    PacketSection("evaluations/packet/_compression.html"),
    PacketSection("evaluations/packet/_criteria.html"),
    PacketSection("evaluations/packet/_trend.html", _trend),
]


def register_section(section: PacketSection) -> None:
    """Add a part after the packet's own (from an app's ``ready()``); registering twice adds it once."""
    if section not in SECTIONS:
        SECTIONS.append(section)


def packet_context(item: PlanItem, *, check: services.ProcedureCheck, today: datetime.date | None = None) -> dict:
    """Everything the packet shows for ``item`` (a procedure), with ``check`` its payer verdicts."""
    plan = item.plan
    note = _note(item)
    physician = _ordering_physician(item, note["evaluation"])
    context: dict[str, Any] = {
        "item": item,
        "plan": plan,
        "patient": plan.patient,
        "check": check,
        "physician": physician,
        "npi": getattr(getattr(physician, "staff_profile", None), "npi", ""),
        "prepared_on": today or timezone.localdate(),
        # Files a section embeds in the PDF: name -> (content type, a function that reads the bytes).
        "attachments": {},
        **note,
        **_duplex(item),
        **_trials(item),
    }
    for section in SECTIONS:
        if section.context is not None:
            context.update(section.context(item, context))
    context["sections"] = [s.template for s in SECTIONS]
    return context


def filename(item: PlanItem, check: services.ProcedureCheck, today: datetime.date) -> str:
    """No name, birth date or member id: a downloaded file's name is seen in download folders and mail."""
    return f"prior-authorization-item-{item.pk}-cpt-{check.cpt or 'none'}-{today:%Y-%m-%d}.pdf"


ATTACHMENTS = "/attachments/"


class StaticFilesOnly:
    """A WeasyPrint URL fetcher for the project's static files and the packet's own attachments
    (the photos a section put in ``context["attachments"]``); every other URL is refused, unread."""

    def __init__(self, attachments: dict[str, tuple[str, Callable[[], bytes]]] | None = None) -> None:
        self.attachments = attachments or {}

    def __call__(self, url: str):
        return self.fetch(url)

    def fetch(self, url: str, headers: dict | None = None):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith(PACKET_ORIGIN + ATTACHMENTS):
            name = url[len(PACKET_ORIGIN + ATTACHMENTS) :]
            if name not in self.attachments:
                raise ValueError(f"The packet has no attachment {name}")
            content_type, read = self.attachments[name]
            return URLFetcherResponse(url, read(), {"Content-Type": content_type})
        prefix = PACKET_ORIGIN + settings.STATIC_URL
        if not url.startswith(prefix) or ".." in url:
            raise ValueError(f"The packet fetches only the project's static files, not {url}")
        path = url[len(prefix) :].split("?")[0].split("#")[0]
        found = finders.find(path)
        if not found:
            raise ValueError(f"No static file {path}")
        with open(found, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _svg_css() -> str:
    # WeasyPrint styles an inline SVG from a <style> inside it only, not from the page's stylesheets.
    with open(finders.find("evaluations/evaluations.css"), encoding="utf-8") as handle:
        return handle.read()


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("evaluations/packet/document.html", {**context, "svg_css": _svg_css(), "pdf": True})
    fetcher = StaticFilesOnly(context.get("attachments"))
    return HTML(string=html, base_url=PACKET_ORIGIN + "/", url_fetcher=fetcher).write_pdf()
