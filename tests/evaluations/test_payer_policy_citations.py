"""The seeded payer rule sets name the payer's policy by name and number, on existing databases too."""

import importlib

import pytest
from django.apps import apps

from evaluations.models import PayerRuleSet
from tests.factories.evaluations import rule_set

pytestmark = pytest.mark.django_db

migration = importlib.import_module("evaluations.migrations.0004_payer_rule_sets_cite_policies")


def test_each_seeded_rule_set_names_its_policy_by_payer_and_number() -> None:
    assert str(rule_set("Aetna-style")) == "Aetna-style (Aetna CPB 0050, Varicose Veins)"
    assert (
        str(rule_set("UnitedHealthcare-style"))
        == "UnitedHealthcare-style (UnitedHealthcare medical policy 2024T0447MM)"
    )
    assert str(rule_set("Medicare LCD-style")) == "Medicare LCD-style (CMS LCD L33575, L38720)"
    assert "Surgical and Ablative Procedures for Venous Insufficiency" in rule_set("UnitedHealthcare-style").notes


def test_the_migration_rewrites_a_rule_set_that_still_holds_the_seeded_words() -> None:
    PayerRuleSet.objects.filter(name="Aetna-style").update(policy="CPB 0050", notes="")
    migration.cite_policies(apps, None)
    aetna = rule_set("Aetna-style")
    assert aetna.policy == "Aetna CPB 0050, Varicose Veins"
    assert aetna.notes.startswith("Aetna Clinical Policy Bulletin 0050, Varicose Veins.")


def test_the_migration_keeps_what_an_admin_wrote() -> None:
    PayerRuleSet.objects.filter(name="Medicare LCD-style").update(policy="Noridian LCD", notes="Our contractor's LCD")
    migration.cite_policies(apps, None)
    medicare = rule_set("Medicare LCD-style")
    assert (medicare.policy, medicare.notes) == ("Noridian LCD", "Our contractor's LCD")


def test_going_back_restores_the_seeded_words() -> None:
    migration.uncite_policies(apps, None)
    uhc = rule_set("UnitedHealthcare-style")
    assert (uhc.policy, uhc.notes) == ("UHC varicose vein treatment policy", "")
