"""Three payer rule sets (Aetna CPB 0050, UnitedHealthcare, Medicare LCDs) as starting data an admin keeps current.

docs/clinical-rules.md ("Payer medical necessity") describes each; migration 0004 names their policies in full.

Policies change; these rows are where they change, never the code.
"""

from decimal import Decimal

from django.db import migrations

ABLATIONS = ["rfa", "venaseal", "varithena"]

RULE_SETS = [
    {
        "name": "Aetna-style",
        "policy": "CPB 0050",
        "payer_names": "aetna",
        "criteria": [
            {"kind": "duplex_recent", "label": "Duplex ultrasound within the last 6 months", "number": 6},
            {
                "kind": "reflux_min",
                "label": "Junctional reflux ≥ 500 ms (SFJ or SPJ)",
                "number": 500,
                "at_junction": True,
            },
            {"kind": "diameter_min", "label": "Vein diameter ≥ 4.5 mm", "number": Decimal("4.5")},
            {
                "kind": "indication",
                "label": "Ulcer, bleeding, recurrent thrombophlebitis, or pain/swelling limiting daily life",
            },
            {
                "kind": "trial",
                "label": "3-month trial of prescription compression (waived for ulcer, bleeding, "
                "recurrent thrombophlebitis, or recurrence after prior treatment)",
                "number": 90,
                "waive_ulcer": True,
                "waive_bleeding": True,
                "waive_thrombophlebitis": True,
                "waive_recurrence": True,
            },
            {
                "kind": "not_covered",
                "label": "VenaSeal cyanoacrylate closure is considered investigational",
                "procedures": ["venaseal"],
            },
        ],
    },
    {
        "name": "UnitedHealthcare-style",
        "policy": "UHC varicose vein treatment policy",
        "payer_names": "unitedhealthcare, united healthcare, uhc",
        "criteria": [
            {"kind": "reflux_min", "label": "Reflux ≥ 500 ms in the treated vein", "number": 500},
            {
                "kind": "diameter_min",
                "label": "GSV diameter ≥ 5.5 mm at the proximal thigh",
                "number": Decimal("5.5"),
                "segments": ["GSVa", "GSVb"],
                "measure_at": "GSVa",
            },
            {
                "kind": "diameter_min",
                "label": "SSV or accessory saphenous vein diameter ≥ 5 mm",
                "number": Decimal("5.0"),
                "segments": ["SSV", "AASV"],
            },
            {
                "kind": "not_covered",
                "label": "VenaSeal and Varithena are not covered",
                "procedures": ["venaseal", "varithena"],
            },
        ],
    },
    {
        "name": "Medicare LCD-style",
        "policy": "LCD L33575, L38720",
        "payer_names": "medicare",
        "criteria": [
            {
                "kind": "trial",
                "label": "Conservative trial of 6 weeks to 90 days (waived for VCSS ≥ 6, C4-C6, bleeding, "
                "or recurrent thrombophlebitis)",
                "number": 42,
                "waive_vcss_at_least": 6,
                "waive_c4_to_c6": True,
                "waive_bleeding": True,
                "waive_thrombophlebitis": True,
            },
            {"kind": "ceap_documented", "label": "CEAP classification documented"},
            {"kind": "vcss_documented", "label": "VCSS documented"},
            {"kind": "reflux_min", "label": "Duplex reflux ≥ 500 ms in the treated vein", "number": 500},
            {"kind": "no_deep_obstruction", "label": "No deep venous obstruction on duplex"},
            {
                "kind": "diameter_max",
                "label": "Vein diameter ≤ 12 mm for VenaSeal or Varithena",
                "number": 12,
                "procedures": ["venaseal", "varithena"],
            },
        ],
    },
]


def seed(apps, schema_editor):
    PayerRuleSet = apps.get_model("evaluations", "PayerRuleSet")
    PayerCriterion = apps.get_model("evaluations", "PayerCriterion")
    for spec in RULE_SETS:
        spec = dict(spec)
        criteria = spec.pop("criteria")
        rule_set, created = PayerRuleSet.objects.get_or_create(name=spec["name"], defaults=spec)
        if not created:
            continue
        for order, criterion in enumerate(criteria):
            PayerCriterion.objects.create(rule_set=rule_set, order=order * 10, **criterion)


def unseed(apps, schema_editor):
    apps.get_model("evaluations", "PayerRuleSet").objects.filter(name__in=[s["name"] for s in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
