"""Reading a medication list as the patient wrote it against the drug catalogue.

"Lipitor 20 mg", "LIPITOR 20MG daily" and "lipitor" all name atorvastatin; so
do "Hydro chlorothiazide 25mg" and "HCTZ" name hydrochlorothiazide. Doses,
units, case, spacing and punctuation are ignored; names of up to three words
("birth control pills", "Ortho Tri-Cyclen") are tried whole before their parts.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from intake.drug_catalogue import drug_key
from intake.models import DrugName

# Words that describe a dose or a schedule, never a drug.
_DOSE_WORDS = frozenset(
    {
        "mg",
        "mcg",
        "ug",
        "g",
        "ml",
        "iu",
        "unit",
        "units",
        "tab",
        "tabs",
        "tablet",
        "tablets",
        "cap",
        "caps",
        "capsule",
        "capsules",
        "puff",
        "puffs",
        "daily",
        "once",
        "twice",
        "a",
        "day",
        "bid",
        "tid",
        "qid",
        "qd",
        "qhs",
        "prn",
        "at",
        "night",
        "bedtime",
        "as",
        "needed",
        "er",
        "xr",
        "sr",
    }
)
_WORD = re.compile(r"[a-z]+")
_LONGEST_NAME_WORDS = 3


@dataclass(frozen=True)
class MedicationMatch:
    written: str
    name: str
    generic_name: str
    drug_class: str
    is_brand: bool
    antithrombotic: str = ""  # intake.models.Antithrombotic: "", "anticoagulant" or "antiplatelet"

    @property
    def describe(self) -> str:
        brand = f"{self.name} is {self.generic_name}, " if self.is_brand else f"{self.generic_name}, "
        return f"{brand}a {self.drug_class}"

    @property
    def thins_blood(self) -> bool:
        return bool(self.antithrombotic)

    @property
    def short(self) -> str:
        """ "Eliquis (apixaban)" or "warfarin", for the chart's alert strip and the procedure warning."""
        return f"{self.name} ({self.generic_name})" if self.is_brand else self.generic_name


def _words(line: str) -> list[str]:
    return [w for w in _WORD.findall(line.lower()) if w not in _DOSE_WORDS]


class DrugCatalogue:
    """The catalogue held in memory for one page: one query, then dictionary look-ups."""

    def __init__(self, names: Iterable[DrugName]) -> None:
        self.by_key = {name.key: name for name in names}

    @classmethod
    def load(cls) -> "DrugCatalogue":
        return cls(DrugName.objects.select_related("drug_class"))

    @classmethod
    def for_lines(cls, lines: Iterable[str]) -> "DrugCatalogue":
        """The part of the catalogue these lines could name, in one query: every name that
        ``match_line`` might look up, so matching gives what the whole catalogue gives. The
        chart read the whole catalogue for one patient's list (about 30 ms of 190 ms in
        `python -m bench.profile_chart`, P7)."""
        keys: set[str] = set()
        for line in lines:
            words = _words(line)
            for start in range(len(words)):
                for size in range(1, min(_LONGEST_NAME_WORDS, len(words) - start) + 1):
                    candidate = drug_key("".join(words[start : start + size]))
                    keys.add(candidate)
                    if candidate.endswith("s"):
                        keys.add(candidate[:-1])
        if not keys:
            return cls([])
        return cls(DrugName.objects.filter(key__in=keys).select_related("drug_class"))

    def _lookup(self, candidate: str) -> DrugName | None:
        # "pills" and "statins": patients write plurals.
        return self.by_key.get(candidate) or (self.by_key.get(candidate[:-1]) if candidate.endswith("s") else None)

    def match_line(self, line: str) -> list[MedicationMatch]:
        words = _words(line)
        found: list[MedicationMatch] = []
        start = 0
        while start < len(words):
            for size in range(min(_LONGEST_NAME_WORDS, len(words) - start), 0, -1):
                entry = self._lookup(drug_key("".join(words[start : start + size])))
                if entry is not None:
                    found.append(
                        MedicationMatch(
                            written=line.strip(),
                            name=entry.name,
                            generic_name=entry.generic_name,
                            drug_class=entry.drug_class.name,
                            is_brand=entry.is_brand,
                            antithrombotic=entry.drug_class.antithrombotic,
                        )
                    )
                    start += size
                    break
            else:
                start += 1
        return found

    def match(self, lines: Iterable[str]) -> list[MedicationMatch]:
        """Every catalogue match, once per generic, in the order the patient listed them."""
        seen: set[str] = set()
        matches = []
        for line in lines:
            for match in self.match_line(line):
                if match.generic_name not in seen:
                    seen.add(match.generic_name)
                    matches.append(match)
        return matches

    def cramp_causes(self, lines: Iterable[str]) -> list[MedicationMatch]:
        return [m for m in self.match(lines) if not m.thins_blood]

    def blood_thinners(self, lines: Iterable[str]) -> list[MedicationMatch]:
        """Anticoagulants and antiplatelets the patient listed, by brand or generic."""
        return [m for m in self.match(lines) if m.thins_blood]
