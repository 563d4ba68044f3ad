"""The starting drug catalogue: medicines that list leg cramps as a side effect, and
the blood thinners (anticoagulants and antiplatelets) a procedure must know of.

docs/clinical-rules.md ("Leg cramps", "Anticoagulants and antiplatelets") says where
the lists come from.

Seeded by migrations 0003 and 0009 so a fresh database has them; admins extend them
from there. Each entry: class, generic name, brand names patients commonly write.
"""

import re
from typing import Any

_NOT_A_LETTER = re.compile(r"[^a-z]")

CLASSES: dict[str, str] = {
    "diuretic": "Diuretics lower potassium and magnesium; cramps are a listed side effect.",
    "birth control pill": "Oral contraceptives list leg cramps; they also raise clot risk.",
    "NSAID (naproxen)": "Naproxen lists muscle cramps as a side effect.",
    "bronchodilator (albuterol)": "Albuterol can lower potassium and cause cramps.",
    "statin": "Statins cause muscle aches and cramps (statin myopathy).",
    "gabapentinoid": "Gabapentin lists muscle cramps and swelling of the legs.",
    "sleep medicine (zolpidem)": "Zolpidem lists leg cramps as a side effect.",
    "benzodiazepine (clonazepam)": "Clonazepam lists muscle cramps as a side effect.",
}

DRUGS: list[tuple[str, str, list[str]]] = [
    ("diuretic", "furosemide", ["Lasix", "Furoscix"]),
    ("diuretic", "hydrochlorothiazide", ["Microzide", "HCTZ", "Esidrix"]),
    ("diuretic", "chlorthalidone", ["Thalitone", "Hygroton"]),
    ("diuretic", "bumetanide", ["Bumex"]),
    ("diuretic", "torsemide", ["Demadex", "Soaanz"]),
    ("diuretic", "spironolactone", ["Aldactone", "CaroSpir"]),
    ("diuretic", "triamterene", ["Dyrenium", "Maxzide", "Dyazide"]),
    ("diuretic", "metolazone", ["Zaroxolyn"]),
    ("diuretic", "indapamide", ["Lozol"]),
    ("diuretic", "eplerenone", ["Inspra"]),
    ("birth control pill", "ethinyl estradiol", ["Loestrin", "Microgestin", "Junel"]),
    ("birth control pill", "levonorgestrel", ["Seasonique", "Levora", "Aviane"]),
    ("birth control pill", "norethindrone", ["Camila", "Errin", "Ortho Micronor"]),
    ("birth control pill", "drospirenone", ["Yaz", "Yasmin", "Slynd"]),
    ("birth control pill", "norgestimate", ["Sprintec", "Ortho Tri-Cyclen"]),
    ("birth control pill", "desogestrel", ["Apri", "Mircette"]),
    ("birth control pill", "birth control pill", ["oral contraceptive", "the pill", "contraceptive pill"]),
    ("NSAID (naproxen)", "naproxen", ["Aleve", "Naprosyn", "Anaprox", "Naprelan"]),
    ("bronchodilator (albuterol)", "albuterol", ["ProAir", "Ventolin", "Proventil", "salbutamol", "AccuNeb"]),
    ("statin", "atorvastatin", ["Lipitor"]),
    ("statin", "simvastatin", ["Zocor"]),
    ("statin", "rosuvastatin", ["Crestor", "Ezallor"]),
    ("statin", "pravastatin", ["Pravachol"]),
    ("statin", "lovastatin", ["Mevacor", "Altoprev"]),
    ("statin", "pitavastatin", ["Livalo", "Zypitamag"]),
    ("statin", "fluvastatin", ["Lescol"]),
    ("gabapentinoid", "gabapentin", ["Neurontin", "Gralise", "Horizant"]),
    ("sleep medicine (zolpidem)", "zolpidem", ["Ambien", "Edluar", "Intermezzo"]),
    ("benzodiazepine (clonazepam)", "clonazepam", ["Klonopin"]),
]


# Blood thinners: class -> (kind, note). The brands are the US labels on DailyMed
# (docs/clinical-rules.md, "Anticoagulants and antiplatelets").
ANTITHROMBOTIC_CLASSES: dict[str, tuple[str, str]] = {
    "anticoagulant (vitamin K antagonist)": (
        "anticoagulant",
        "Warfarin: bleeding risk; the physician decides whether to hold it (INR) before a procedure.",
    ),
    "anticoagulant (direct oral)": (
        "anticoagulant",
        "Direct oral anticoagulant: bleeding risk; the physician decides whether to hold it before a procedure.",
    ),
    "anticoagulant (heparin)": (
        "anticoagulant",
        "Low-molecular-weight heparin: bleeding risk; the physician decides whether to hold it.",
    ),
    "antiplatelet": (
        "antiplatelet",
        "Antiplatelet: more bruising and bleeding; usually continued for vein procedures, the physician decides.",
    ),
}

ANTITHROMBOTIC_DRUGS: list[tuple[str, str, list[str]]] = [
    ("anticoagulant (vitamin K antagonist)", "warfarin", ["Coumadin", "Jantoven"]),
    ("anticoagulant (direct oral)", "apixaban", ["Eliquis"]),
    ("anticoagulant (direct oral)", "rivaroxaban", ["Xarelto"]),
    ("anticoagulant (direct oral)", "dabigatran", ["Pradaxa", "dabigatran etexilate"]),
    ("anticoagulant (direct oral)", "edoxaban", ["Savaysa"]),
    ("anticoagulant (heparin)", "enoxaparin", ["Lovenox"]),
    ("antiplatelet", "clopidogrel", ["Plavix"]),
    ("antiplatelet", "prasugrel", ["Effient"]),
    ("antiplatelet", "ticagrelor", ["Brilinta"]),
    ("antiplatelet", "aspirin", ["Bayer", "Ecotrin", "Bufferin", "Durlaza", "ASA", "acetylsalicylic acid"]),
]


def drug_key(name: str) -> str:
    """How a name is compared: letters only, lower case ("Hydro-Chlorothiazide" -> "hydrochlorothiazide")."""
    return _NOT_A_LETTER.sub("", (name or "").lower())


def seed_catalogue(drug_class_model: Any, drug_name_model: Any) -> int:
    """Create any missing cramp-linked class or name; existing rows (and admins' edits) are left alone.

    Takes the models as arguments so a migration can pass its historical ones.
    """
    classes = {}
    for name, note in CLASSES.items():
        classes[name], _ = drug_class_model.objects.get_or_create(name=name, defaults={"note": note})
    return _seed_names(drug_name_model, classes, DRUGS)


def seed_antithrombotics(drug_class_model: Any, drug_name_model: Any) -> int:
    """Create any missing blood-thinner class or name, marked as such; admins' edits are left alone."""
    classes = {}
    for name, (kind, note) in ANTITHROMBOTIC_CLASSES.items():
        classes[name], _ = drug_class_model.objects.get_or_create(
            name=name, defaults={"note": note, "antithrombotic": kind}
        )
    return _seed_names(drug_name_model, classes, ANTITHROMBOTIC_DRUGS)


def _seed_names(drug_name_model: Any, classes: dict[str, Any], drugs: list[tuple[str, str, list[str]]]) -> int:
    created = 0
    for class_name, generic, brands in drugs:
        for name, is_brand in [(generic, False), *((brand, True) for brand in brands)]:
            _, made = drug_name_model.objects.get_or_create(
                key=drug_key(name),
                defaults={
                    "name": name,
                    "generic_name": generic,
                    "drug_class": classes[class_name],
                    "is_brand": is_brand,
                },
            )
            created += made
    return created
