"""Drafts of staff forms that take minutes, kept as they are typed.

A page marks a form with ``{% draft_autosave "note" %}`` (clinic_tags): htmx then
posts what is typed to one endpoint a second after each pause. The view that
shows the form asks ``initial(...)`` for what was typed last, and calls
``discard(...)`` once the form is really saved. The idle timeout or a lost
connection therefore never costs more than the last second of typing.
"""

from typing import Any

from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from clinic.models import FormDraft

# Nothing that long is typed into one field; nothing posts that many fields.
MAX_CHARS = 20_000
MAX_FIELDS = 200
MAX_VALUES = 20
SKIPPED = frozenset({"csrfmiddlewaretoken", "draft"})


def key_for(path: str, name: str) -> str:
    return f"{path}#{name}"


def save(*, user: Any, key: str, post: QueryDict) -> FormDraft:
    # A draft keeps what was typed before any validation; PostgreSQL refuses NUL in jsonb.
    data = {
        field.replace("\x00", ""): [value.replace("\x00", "")[:MAX_CHARS] for value in values[:MAX_VALUES]]
        for field, values in list(post.lists())[:MAX_FIELDS]
        if field not in SKIPPED
    }
    with transaction.atomic():
        draft, _created = FormDraft.objects.update_or_create(
            user=user, key=key[:300], defaults={"data": data, "saved_at": timezone.now()}
        )
    return draft


def find(request: HttpRequest, name: str, *, path: str | None = None) -> FormDraft | None:
    return FormDraft.objects.filter(user=request.user, key=key_for(path or request.path, name)).first()


def initial(draft: FormDraft | None, form_class: type[Form], *, prefix: str = "") -> dict[str, Any]:
    """The draft's values as a form's ``initial`` (shown, not yet validated or saved)."""
    return as_initial(draft.data, form_class, prefix=prefix) if draft is not None else {}


def as_initial(data: dict[str, list[str]], form_class: type[Form], *, prefix: str = "") -> dict[str, Any]:
    """Posted lists (field -> values) as ``initial``: a list for multiple choices, else the last value."""
    values: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        posted = data.get(f"{prefix}-{name}" if prefix else name)
        if not posted:
            continue
        values[name] = posted if getattr(field.widget, "allow_multiple_selected", False) else posted[-1]
    return values


def discard(request: HttpRequest, name: str, *, path: str | None = None) -> None:
    FormDraft.objects.filter(user=request.user, key=key_for(path or request.path, name)).delete()
