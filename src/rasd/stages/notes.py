"""ACLED-style notes: one neutral English sentence per event, generated from the record.

Nothing is copied from the article, so the source's framing ("الاحتلال", "الإرهابيين",
"المرتزقة") cannot reach the notes; attribution and precision coding are stated plainly.
"""

from __future__ import annotations

from rasd.types import Event

VERBS = {
    "Government regains territory": "regained control of territory from",
    "Non-state actor overtakes territory": "took control of territory from",
    "Armed clash": "clashed with",
    "Excessive force against protesters": "used lethal force against",
    "Protest with intervention": "held a protest that was dispersed by",
    "Peaceful protest": "held a peaceful protest",
    "Violent demonstration": "rioted",
    "Mob violence": "attacked",
    "Chemical weapon": "used chemical weapons against",
    "Air/drone strike": "carried out an air or drone strike against",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled or fired missiles at",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Sexual violence": "committed sexual violence against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed its activity or positions",
    "Disrupted weapons use": "intercepted or defused weapons of",
    "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "took over territory without fighting from",
    "Other": "was involved in a strategic development with",
}
ONE_SIDED = {
    "Peaceful protest",
    "Violent demonstration",
    "Change to group/activity",
    "Headquarters or base established",
}


def _day(event: Event) -> str:
    if event.event_date is None:
        return "On an unknown date"
    text = f"{event.event_date.day} {event.event_date:%B %Y}"
    prefix = {1: "On", 2: "In the week of", 3: "In"}.get(event.time_precision, "On")
    if event.time_precision == 3:
        text = f"{event.event_date:%B %Y}"
    return f"{prefix} {text}"


def write_note(
    event: Event,
    *,
    draft_place_name: str,
    precision_note: str,
    belief: str,
    named_as: str = "",
    toll_note: str = "",
) -> str:
    """The note of one event, e.g. "On 8 March 2021, Unidentified Armed Group (Syria) shelled
    or fired missiles at QSD: Syrian Democratic Forces in Shahil (Deir ez-Zor). Fatalities:
    none reported."
    """
    actor1 = event.actor1 or "an unidentified actor"
    verb = VERBS.get(event.sub_event_type, "was involved in an event with")
    if event.sub_event_type in ONE_SIDED or not event.actor2:
        verb = verb.removesuffix(" against").removesuffix(" with").removesuffix(" from")
        verb = verb.removesuffix(" at").removesuffix(" of").removesuffix(" by")
        target = ""
    else:
        target = f" {event.actor2}"
    where = _where(event, draft_place_name)
    sentence = f"{_day(event)}, {actor1} {verb}{target}{where}."
    extras = []
    if belief:
        extras.append(f"The attackers were believed to be {belief}.")
    if named_as:
        extras.append(f'The report names the group "{named_as}" (not in the actor dictionary).')
    if event.fatalities:
        split = f" ({toll_note})" if toll_note else ""
        extras.append(f"Fatalities: {event.fatalities}{split}.")
    else:
        extras.append("No fatalities reported.")
    if event.claim:
        extras.append(f"Source: {event.claim}.")
    return " ".join([sentence, *extras])


def _where(event: Event, named: str) -> str:
    if not event.location:
        return ""
    place = f" in {event.location} ({event.admin1})" if event.admin1 else f" in {event.location}"
    if event.geo_precision == 3:
        area = named if named and named != event.location else event.admin1
        return f" in the {area} area (coded to {event.location})"
    if event.geo_precision == 2:
        return (
            f" near {event.location} ({event.admin1})"
            if event.admin1
            else f" near {event.location}"
        )
    return place
