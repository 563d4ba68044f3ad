"""Matching medications as patients write them against the seeded, admin-extendable catalogue."""

import pytest

from intake.medications import DrugCatalogue
from intake.models import DrugClass, DrugName

pytestmark = pytest.mark.django_db


def matched(line: str) -> list[tuple[str, str]]:
    found = [(m.generic_name, m.drug_class) for m in DrugCatalogue.load().match_line(line)]
    # The chart reads only the names a list could mention; it must match exactly as the whole catalogue does.
    assert [(m.generic_name, m.drug_class) for m in DrugCatalogue.for_lines([line]).match_line(line)] == found
    return found


@pytest.mark.parametrize(
    ("written", "generic", "drug_class"),
    [
        ("Lipitor 20 mg", "atorvastatin", "statin"),
        ("LIPITOR 20MG daily", "atorvastatin", "statin"),
        ("atorvastatin", "atorvastatin", "statin"),
        ("Lasix", "furosemide", "diuretic"),
        ("furosemide 40mg twice a day", "furosemide", "diuretic"),
        ("Hydro chlorothiazide 25 mg", "hydrochlorothiazide", "diuretic"),
        ("HCTZ 12.5mg", "hydrochlorothiazide", "diuretic"),
        ("Aleve as needed", "naproxen", "NSAID (naproxen)"),
        ("ProAir inhaler 2 puffs", "albuterol", "bronchodilator (albuterol)"),
        ("Neurontin 300", "gabapentin", "gabapentinoid"),
        ("Ambien 5mg at bedtime", "zolpidem", "sleep medicine (zolpidem)"),
        ("klonopin 0.5", "clonazepam", "benzodiazepine (clonazepam)"),
        ("birth control pills", "birth control pill", "birth control pill"),
        ("Yaz", "drospirenone", "birth control pill"),
        ("Ortho Tri-Cyclen", "norgestimate", "birth control pill"),
    ],
)
def test_brand_and_generic_names_match_their_class(written: str, generic: str, drug_class: str) -> None:
    assert matched(written) == [(generic, drug_class)]


def test_medicines_not_linked_to_cramps_do_not_match() -> None:
    assert matched("metformin 500 mg") == []
    assert matched("Levothyroxine 50 mcg") == []


def test_a_brand_is_described_as_its_generic_and_class() -> None:
    match = DrugCatalogue.load().match_line("Lipitor 20 mg")[0]
    assert match.describe == "Lipitor is atorvastatin, a statin"
    assert match.written == "Lipitor 20 mg"


def test_the_same_drug_listed_twice_is_reported_once() -> None:
    lines = ["Lasix 20 mg", "furosemide"]
    for catalogue in (DrugCatalogue.load(), DrugCatalogue.for_lines(lines)):
        assert [m.generic_name for m in catalogue.match(lines)] == ["furosemide"]


def test_the_catalogue_read_for_a_list_holds_only_the_names_it_could_mention() -> None:
    catalogue = DrugCatalogue.for_lines(["Lipitor 20 mg", "ProAir inhaler 2 puffs", "metformin"])
    assert sorted(entry.name for entry in catalogue.by_key.values()) == ["Lipitor", "ProAir"]
    assert DrugCatalogue.for_lines([]).by_key == {}


def test_a_name_an_admin_adds_is_matched_without_a_code_change() -> None:
    statin = DrugClass.objects.get(name="statin")
    DrugName.objects.create(name="Roszet", generic_name="rosuvastatin", drug_class=statin, is_brand=True)
    assert matched("Roszet 10/10") == [("rosuvastatin", "statin")]


def test_the_catalogue_refuses_a_name_already_there_in_other_spelling() -> None:
    from django.core.exceptions import ValidationError

    name = DrugName(name="LI-PITOR", generic_name="atorvastatin", drug_class=DrugClass.objects.get(name="statin"))
    with pytest.raises(ValidationError):
        name.full_clean()


def test_a_fresh_database_has_the_seeded_catalogue() -> None:
    # Seeded by migration 0003 (docs/clinical-rules.md, "Leg cramps").
    assert set(DrugClass.objects.values_list("name", flat=True)) >= {"diuretic", "statin", "birth control pill"}
    assert DrugName.objects.filter(key="lasix", generic_name="furosemide").exists()
