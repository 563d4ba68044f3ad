"""QuestionnaireResponse (screening and intake answers) and DocumentReference (the signed visit summary)."""

import base64
import datetime
import hashlib

from django.db.models import Prefetch
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from evaluations.models import Addendum, Evaluation, LegAssessment
from intake.models import IntakeRecord, ScreeningSubmission
from intake.models.answers import ANSWER_FIELDS, AnswerSet
from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import LOINC, instant, patient_ref, practitioner_ref
from interop.fhir.registry import identifier, register, resource_id

QUESTIONNAIRE = "urn:veinflow:questionnaire:"


def _answers(row: AnswerSet) -> list[dict]:
    """One item per question answered, linkId the field's name, text its English label."""
    items = []
    for name in ANSWER_FIELDS:
        field = row._meta.get_field(name)
        value = getattr(row, name)
        if value in (None, "", []):
            continue
        if isinstance(value, bool):
            answers = [{"valueBoolean": value}]
        elif isinstance(value, int):
            answers = [{"valueInteger": value}]
        elif isinstance(value, datetime.date):
            answers = [{"valueDate": value.isoformat()}]
        elif isinstance(value, list):
            answers = [{"valueString": str(v)} for v in value]
        elif field.choices:
            answers = [
                {
                    "valueCoding": {
                        "system": f"{QUESTIONNAIRE}{name}",
                        "code": value,
                        "display": str(dict(field.choices).get(value, value)),
                    }
                }
            ]
        else:
            answers = [{"valueString": value}]
        items.append({"linkId": name, "text": str(field.verbose_name), "answer": answers})
    return items


@register(
    "QuestionnaireResponse",
    prefix="intake",
    queryset=lambda: IntakeRecord.objects.all(),
    patient="patient_id",
    date="recorded_at",
)
def intake_response(row: IntakeRecord) -> QuestionnaireResponse:
    author = practitioner_ref(row.entered_by_id) if row.source == IntakeRecord.Source.STAFF else None
    return QuestionnaireResponse(
        id=resource_id("intake", row.pk),
        identifier=identifier("intake", row.pk),
        questionnaire=f"{QUESTIONNAIRE}intake",
        status=vs.QUESTIONNAIRE_RESPONSE_STATUS.code("completed"),
        subject=patient_ref(row.patient_id),
        source=patient_ref(row.patient_id) if row.source == IntakeRecord.Source.PATIENT else author,
        author=author,
        authored=instant(row.recorded_at),
        item=_answers(row) or None,
    )


@register(
    "QuestionnaireResponse",
    prefix="screening",
    queryset=lambda: ScreeningSubmission.objects.filter(patient__isnull=False),
    patient="patient_id",
    date="submitted_at",
)
def screening_response(row: ScreeningSubmission) -> QuestionnaireResponse:
    """The public screening form as sent, once it is linked to a patient; its triage level travels as an item."""
    items = _answers(row)
    items.append(
        {
            "linkId": "triage_level",
            "text": "Triage",
            "answer": [
                {
                    "valueCoding": {
                        "system": f"{QUESTIONNAIRE}triage_level",
                        "code": str(row.triage_level),
                        "display": row.get_triage_level_display(),
                    }
                }
            ],
        }
    )
    return QuestionnaireResponse(
        id=resource_id("screening", row.pk),
        identifier=identifier("screening", row.pk),
        questionnaire=f"{QUESTIONNAIRE}screening",
        status=vs.QUESTIONNAIRE_RESPONSE_STATUS.code("completed"),
        subject=patient_ref(row.patient_id),
        source=patient_ref(row.patient_id),
        authored=instant(row.submitted_at),
        item=items,
    )


def summary_text(note: Evaluation) -> str:
    """The signed visit summary as plain text: the note's sections, CEAP and VCSS per leg, addenda."""
    lines = [f"Visit summary, {note.visit_date.isoformat()}", ""]
    for title, text in note.sections:
        if text:
            lines += [title, text, ""]
    for leg in note.legs.all():
        lines.append(f"{leg.get_side_display()} leg: CEAP {leg.ceap_text}; revised VCSS {leg.vcss_total}")
    for addendum in note.addenda.all():
        lines += ["", f"Addendum {addendum.created_at:%Y-%m-%d}", addendum.text]
    signer = note.signed_by.get_full_name() or note.signed_by.get_username()
    lines += ["", f"Signed by {signer} at {instant(note.signed_at)}"]
    return "\n".join(lines)


@register(
    "DocumentReference",
    prefix="summary",
    queryset=lambda: (
        Evaluation.objects.filter(status=Evaluation.Status.SIGNED)
        .select_related("signed_by", "patient")
        .prefetch_related(
            Prefetch("legs", queryset=LegAssessment.objects.order_by("side")),
            Prefetch("addenda", queryset=Addendum.objects.order_by("created_at", "pk")),
        )
    ),
    patient="patient_id",
    date="visit_date",
)
def visit_summary(row: Evaluation) -> DocumentReference:
    """LOINC 11506-3 (Progress note): the signed evaluation as the patient's visit summary."""
    text = summary_text(row).encode()
    return DocumentReference(
        id=resource_id("summary", row.pk),
        identifier=[identifier("summary", row.pk)],
        status=vs.DOCUMENT_REFERENCE_STATUS.code("current"),
        docStatus=vs.COMPOSITION_STATUS.code("amended" if row.addenda.all() else "final"),
        type={"coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}]},
        subject=patient_ref(row.patient_id),
        date=instant(row.signed_at),
        author=[practitioner_ref(row.signed_by_id)],
        authenticator=practitioner_ref(row.signed_by_id),
        description=f"Vein evaluation, {row.visit_date.isoformat()}",
        content=[
            {
                "attachment": {
                    "contentType": "text/plain; charset=utf-8",
                    "language": "en",
                    "data": base64.b64encode(text).decode(),
                    "size": len(text),
                    "hash": base64.b64encode(hashlib.sha1(text).digest()).decode(),
                    "title": f"Visit summary {row.visit_date.isoformat()}",
                    "creation": instant(row.signed_at),
                }
            }
        ],
        context={"related": [{"reference": f"Patient/{resource_id('patient', row.patient_id)}"}]},
    )
