"""A study names who finalized it; only its own sonographer finalizes, another takes it over first, on the record."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.roles import Role
from evaluations.models import DuplexStudy
from tests.conftest import client_for, make_staff
from tests.factories.evaluations import DuplexStudyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(office):
    return make_staff(Role.SONOGRAPHER, office)


def finalize(client, study):
    return client.post(reverse("evaluations:study_finalize", args=[study.pk]), {"impression": "No reflux."})


def test_a_final_study_names_who_finalized_it_and_when(sonographer, sonographer_client, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=sonographer)
    finalize(sonographer_client, study)
    study.refresh_from_db()
    assert study.is_final
    assert study.finalized_by == sonographer and study.finalized_at is not None
    assert "Finalized by" in sonographer_client.get(study.get_absolute_url()).content.decode()


def test_a_sonographer_cannot_finalize_another_sonographers_study(sonographer_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    response = finalize(sonographer_client, study)
    study.refresh_from_db()
    assert response.status_code == 403
    assert not study.is_final and study.impression == ""


def test_another_sonographers_study_offers_take_over_instead_of_finalize(sonographer_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    page = sonographer_client.get(study.get_absolute_url()).content.decode()
    assert "Take over this study" in page
    assert "Mark study final" not in page


def test_taking_over_a_study_asks_for_confirmation_first(sonographer_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    page = sonographer_client.get(reverse("evaluations:study_take_over", args=[study.pk]))
    study.refresh_from_db()
    assert page.status_code == 200 and "Take over this study" in page.content.decode()
    assert study.sonographer == colleague


def test_after_taking_over_the_sonographer_finalizes_and_both_are_recorded(
    sonographer, sonographer_client, colleague, office
) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    sonographer_client.post(reverse("evaluations:study_take_over", args=[study.pk]))
    finalize(sonographer_client, study)
    study.refresh_from_db()
    assert study.sonographer == sonographer and study.taken_over_from == colleague
    assert study.is_final and study.finalized_by == sonographer
    assert "Taken over from" in sonographer_client.get(study.get_absolute_url()).content.decode()


def test_after_a_take_over_the_previous_sonographer_cannot_finalize(sonographer_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    sonographer_client.post(reverse("evaluations:study_take_over", args=[study.pk]))
    assert finalize(client_for(colleague), study).status_code == 403


def test_a_final_study_cannot_be_taken_over(sonographer_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    finalize(client_for(colleague), study)
    response = sonographer_client.post(reverse("evaluations:study_take_over", args=[study.pk]))
    study.refresh_from_db()
    assert response.status_code == 403 and study.sonographer == colleague


def test_a_physician_cannot_take_over_or_finalize_a_study(physician_client, colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    assert physician_client.post(reverse("evaluations:study_take_over", args=[study.pk])).status_code == 403
    assert finalize(physician_client, study).status_code == 403


def test_a_study_that_does_not_exist_answers_404(sonographer_client) -> None:
    assert sonographer_client.get(reverse("evaluations:study_take_over", args=[999999])).status_code == 404


def test_the_database_refuses_a_final_study_without_its_finalizer(colleague, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplexStudy.objects.filter(pk=study.pk).update(status="final", finalized_at=timezone.now())


def test_the_database_refuses_a_take_over_without_its_time(colleague, sonographer, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=colleague)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplexStudy.objects.filter(pk=study.pk).update(taken_over_from=sonographer)
