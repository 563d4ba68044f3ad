"""clinic.access.get_for: the permission, then what the user may see (404), then the record's own rule (403)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from clinic.access import allows, get_for, may_open
from clinic.roles import Role
from evaluations.models import Evaluation
from tests.conftest import make_staff
from tests.factories import PatientFactory, UserFactory
from tests.factories.evaluations import EvaluationFactory, signed_evaluation

pytestmark = pytest.mark.django_db


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_user_without_the_permission_is_refused_before_any_lookup(front_desk) -> None:
    with pytest.raises(PermissionDenied):
        get_for(request_by(front_desk), Evaluation, perm="evaluations.view_evaluation", pk=1)


def test_a_record_the_user_may_not_see_answers_like_one_that_does_not_exist(sonographer) -> None:
    draft = EvaluationFactory()
    for pk in (draft.pk, 999999, "not-a-number"):
        with pytest.raises(Http404):
            get_for(request_by(sonographer), Evaluation, perm="evaluations.view_evaluation", pk=pk)


def test_a_visible_record_whose_rule_refuses_the_action_is_forbidden(physician) -> None:
    others = EvaluationFactory()
    assert get_for(request_by(physician), Evaluation, perm="evaluations.view_evaluation", pk=others.pk) == others
    with pytest.raises(PermissionDenied):
        get_for(request_by(physician), Evaluation, perm="evaluations.sign_evaluation", pk=others.pk)


def test_a_patient_sees_only_their_own_signed_notes(office) -> None:
    user = UserFactory(role=Role.PATIENT)
    mine = signed_evaluation(PatientFactory(user=user))
    theirs = signed_evaluation(PatientFactory())
    visible = Evaluation.objects.visible_to(user)
    assert list(visible) == [mine]
    assert theirs not in visible


def test_allows_asks_the_permission_and_the_record(physician) -> None:
    own = EvaluationFactory(physician=physician)
    others = EvaluationFactory()
    assert allows(physician, "evaluations.sign_evaluation", own)
    assert not allows(physician, "evaluations.sign_evaluation", others)
    assert allows(physician, "evaluations.take_over_evaluation", others)
    assert not allows(make_staff(Role.FRONT_DESK), "evaluations.sign_evaluation", own)


def test_a_link_is_offered_only_to_users_its_view_lets_in(physician, front_desk) -> None:
    assert may_open(front_desk, "/scheduling/waitlist/")
    assert not may_open(physician, "/scheduling/waitlist/?patient=1")
    assert may_open(physician, "/vein/")
