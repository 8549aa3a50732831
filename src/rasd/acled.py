"""ACLED's schema: columns, taxonomy, actor-type labels, interaction codes, country codes.

Source: ../shared/ACLED.md (§1.1 columns, §1.2 taxonomy in hierarchy order, §1.3 actor types).
"""

from __future__ import annotations

from rasd.types import ActorType

COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

BATTLES = "Battles"
PROTESTS = "Protests"
RIOTS = "Riots"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
STRATEGIC = "Strategic developments"

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

# (event type, sub-event type, disorder type), in ACLED's hierarchy order.
TAXONOMY: tuple[tuple[str, str, str], ...] = (
    (BATTLES, "Government regains territory", POLITICAL_VIOLENCE),
    (BATTLES, "Non-state actor overtakes territory", POLITICAL_VIOLENCE),
    (BATTLES, "Armed clash", POLITICAL_VIOLENCE),
    (PROTESTS, "Excessive force against protesters", POLITICAL_VIOLENCE),
    (PROTESTS, "Protest with intervention", DEMONSTRATIONS),
    (PROTESTS, "Peaceful protest", DEMONSTRATIONS),
    (RIOTS, "Violent demonstration", DEMONSTRATIONS),
    (RIOTS, "Mob violence", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Chemical weapon", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Air/drone strike", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Suicide bomb", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Shelling/artillery/missile attack", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Remote explosive/landmine/IED", POLITICAL_VIOLENCE),
    (EXPLOSIONS, "Grenade", POLITICAL_VIOLENCE),
    (VAC, "Sexual violence", POLITICAL_VIOLENCE),
    (VAC, "Attack", POLITICAL_VIOLENCE),
    (VAC, "Abduction/forced disappearance", POLITICAL_VIOLENCE),
    (STRATEGIC, "Agreement", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Arrests", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Change to group/activity", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Disrupted weapons use", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Headquarters or base established", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Looting/property destruction", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Non-violent transfer of territory", STRATEGIC_DEVELOPMENTS),
    (STRATEGIC, "Other", STRATEGIC_DEVELOPMENTS),
)

EVENT_TYPE_OF: dict[str, str] = {sub: etype for etype, sub, _ in TAXONOMY}
DISORDER_OF: dict[str, str] = {sub: disorder for _, sub, disorder in TAXONOMY}
HIERARCHY_RANK: dict[str, int] = {sub: rank for rank, (_, sub, _) in enumerate(TAXONOMY)}
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(etype for etype, _, _ in TAXONOMY))

INTER_LABELS: dict[ActorType, str] = {
    ActorType.STATE_FORCES: "State forces",
    ActorType.REBEL_GROUP: "Rebel group",
    ActorType.POLITICAL_MILITIA: "Political militia",
    ActorType.IDENTITY_MILITIA: "Identity militia",
    ActorType.RIOTERS: "Rioters",
    ActorType.PROTESTERS: "Protesters",
    ActorType.CIVILIANS: "Civilians",
    ActorType.EXTERNAL_OTHER: "External/Other forces",
}


def interaction_code(inter1: ActorType, inter2: ActorType) -> int:
    """ACLED's numeric interaction: the two codes, lower first; one-sided events end in 0."""
    if inter1 == ActorType.NONE and inter2 == ActorType.NONE:
        return 0
    if inter2 == ActorType.NONE or inter1 == ActorType.NONE:
        return int(max(inter1, inter2)) * 10
    low, high = sorted((int(inter1), int(inter2)))
    return low * 10 + high


def interaction_label(inter1: ActorType, inter2: ActorType) -> str:
    """ACLED's text interaction, e.g. ``State forces-Rebel group`` or ``Rebel group only``."""
    if inter1 == ActorType.NONE and inter2 == ActorType.NONE:
        return ""
    if inter2 == ActorType.NONE or inter1 == ActorType.NONE:
        return f"{INTER_LABELS[max(inter1, inter2)]} only"
    low, high = sorted((inter1, inter2))
    return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"


# ISO 3166-1 numeric codes and ACLED regions of the countries the gazetteer covers.
COUNTRIES: dict[str, tuple[str, int, str]] = {
    "SY": ("Syria", 760, "Middle East"),
    "IQ": ("Iraq", 368, "Middle East"),
    "YE": ("Yemen", 887, "Middle East"),
    "LB": ("Lebanon", 422, "Middle East"),
    "JO": ("Jordan", 400, "Middle East"),
    "PS": ("Palestine", 275, "Middle East"),
    "IL": ("Israel", 376, "Middle East"),
    "TR": ("Turkey", 792, "Middle East"),
    "SA": ("Saudi Arabia", 682, "Middle East"),
    "KW": ("Kuwait", 414, "Middle East"),
    "AE": ("United Arab Emirates", 784, "Middle East"),
    "OM": ("Oman", 512, "Middle East"),
    "QA": ("Qatar", 634, "Middle East"),
    "BH": ("Bahrain", 48, "Middle East"),
    "IR": ("Iran", 364, "Middle East"),
    "EG": ("Egypt", 818, "Northern Africa"),
    "LY": ("Libya", 434, "Northern Africa"),
    "TN": ("Tunisia", 788, "Northern Africa"),
    "DZ": ("Algeria", 12, "Northern Africa"),
    "MA": ("Morocco", 504, "Northern Africa"),
    "SD": ("Sudan", 729, "Northern Africa"),
    "SS": ("South Sudan", 728, "Eastern Africa"),
    "SO": ("Somalia", 706, "Eastern Africa"),
    "DJ": ("Djibouti", 262, "Eastern Africa"),
    "KM": ("Comoros", 174, "Eastern Africa"),
    "MR": ("Mauritania", 478, "Western Africa"),
    "AF": ("Afghanistan", 4, "South Asia"),
}
ISO3: dict[str, str] = {
    "SY": "SYR",
    "IQ": "IRQ",
    "YE": "YEM",
    "LB": "LBN",
    "JO": "JOR",
    "PS": "PSE",
    "IL": "ISR",
    "TR": "TUR",
    "SA": "SAU",
    "KW": "KWT",
    "AE": "ARE",
    "OM": "OMN",
    "QA": "QAT",
    "BH": "BHR",
    "IR": "IRN",
    "EG": "EGY",
    "LY": "LBY",
    "TN": "TUN",
    "DZ": "DZA",
    "MA": "MAR",
    "SD": "SDN",
    "SS": "SSD",
    "SO": "SOM",
    "DJ": "DJI",
    "KM": "COM",
    "MR": "MRT",
    "AF": "AFG",
}
COUNTRY_CODE_OF_NAME: dict[str, str] = {name: code for code, (name, _, _) in COUNTRIES.items()}
