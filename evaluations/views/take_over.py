"""Taking over another clinician's draft note or study in progress: confirm, then it is yours.

The model records whose it was and when (``taken_over_from``, ``taken_over_at``);
the audit trail keeps every hand-over as a change of physician or sonographer.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def take_over_page(request: HttpRequest, record: models.Model, *, owner: models.Model, what: str) -> HttpResponse:
    """GET: what taking over means, and a confirm button. POST: take it over, then back to the record."""
    owner_name = owner.get_full_name() or owner.get_username()
    if request.method == "POST":
        try:
            record.take_over(request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, f"You have taken over this {what} from {owner_name}.")
        return redirect(record)
    context = {"record": record, "patient": record.patient, "owner_name": owner_name, "what": what}
    return render(request, "evaluations/take_over.html", context)
