"""Assemble events: one record per act, with evidence for every field.

For each clause that reports an event (an event trigger no modality cancels):

1. choose the place: the most specific places of the clause (one event each when the clause
   lists several), else the nearest place of the sentence, else the article's lead place;
2. find agent and target among the clause's actors (``roles``), with ACLED's generic actors
   where the text names none (unknown gunmen, civilians, protesters);
3. decide the ACLED sub-event type (``classify``) knowing whether the victims are civilians;
4. date it from the nearest time expression (clause, sentence, article lead, publication day);
5. count deaths in the clause and the outcome clauses that follow it (``fatalities``).

Then merge the drafts that are one act (same place, day and compatible actors), folding tactics
by ACLED's hierarchy, and write each as an :class:`~rasd.types.Event`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from rasd import acled
from rasd.arabic import Token, cores, entry_words
from rasd.evaluate import km
from rasd.gazetteer.index import SPECIFICITY, PlaceRecord
from rasd.stages.actors import (
    ActorDictionary,
    ActorMention,
    believed_identity,
    pick_sense,
    unknown_organisations,
)
from rasd.stages.classify import (
    Classification,
    TriggerMention,
    cancelled,
    classify,
    taxonomy_of,
)
from rasd.stages.dates import RUNNING, DateChoice, TimeExpression
from rasd.stages.fatalities import FatalityCount, count_fatalities, split_toll
from rasd.stages.geolocate import ResolvedPlace
from rasd.stages.mentions import DEMAND_VERBS, REASON_WORDS, ArticleMentions, Clause
from rasd.stages.normalize import fold, words
from rasd.stages.notes import write_note
from rasd.stages.relevance import EventClauseModel
from rasd.stages.roles import (
    AIRCRAFT_PAIRS,
    INSTALLATION_NOUNS,
    KILLER,
    OWNED_BY,
    Role,
    score_role,
    word_before,
)
from rasd.types import Actor, ActorType, Event, Evidence, MentionKind, Place

HISTORY_DAYS = 30
MONTH = 3  # a time expression's precision: 1 day, 2 week, 3 month, 4 year
TOWN_RANK = 4.0  # log10 of a population of 10,000
DISTRICT_KM = 15.0
CITY_QUARTER_KM = 30.0
MODALITY_WINDOW = 6
CLAUSE_HEAD_TOKENS = 5
ARMED_TYPES = frozenset(
    {
        ActorType.STATE_FORCES,
        ActorType.REBEL_GROUP,
        ActorType.POLITICAL_MILITIA,
        ActorType.IDENTITY_MILITIA,
        ActorType.EXTERNAL_OTHER,
    }
)
# the one threshold chosen on the dev set (helper report; scripts/eval_event_clause_model.py)
MIN_RELEVANCE = 0.1
OUTCOME_ONLY = frozenset({"kill"})
DEATHS = frozenset({"kill", "death"})
# deaths of fighters with no act named ("قتل قيادي حوثي") are the outcome of a fight reported
# elsewhere in the article, or a death ACLED would not code on its own
OUTCOME_REASONS = frozenset({"killing of combatants"})


@dataclass(frozen=True)
class Context:
    """What assembling one article needs besides its mentions."""

    mentions: ArticleMentions
    places: Sequence[ResolvedPlace]
    actors: ActorDictionary
    country: str
    lead_time: TimeExpression | None
    lead_place: ResolvedPlace | None
    gazetteer_places: Sequence[PlaceRecord]
    source: str
    source_scale: str
    claims: Mapping[int, str]
    """Reporting sources named in each sentence."""
    timestamp: int
    pipeline_version: str
    relevance: EventClauseModel | None = None
    """Drops drafts whose window the trained model finds unlikely to report an act."""
    min_relevance: float = MIN_RELEVANCE

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        mentions: ArticleMentions,
        places: Sequence[ResolvedPlace],
        actors: ActorDictionary,
        country: str,
        lead_time: TimeExpression | None,
        lead_place: ResolvedPlace | None,
        gazetteer_places: Sequence[PlaceRecord],
        source: str,
        source_scale: str,
        claims: Mapping[int, str],
        timestamp: int,
        pipeline_version: str,
        relevance: EventClauseModel | None = None,
        min_relevance: float = MIN_RELEVANCE,
    ) -> None:
        object.__setattr__(self, "mentions", mentions)
        object.__setattr__(self, "places", places)
        object.__setattr__(self, "actors", actors)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "lead_time", lead_time)
        object.__setattr__(self, "lead_place", lead_place)
        object.__setattr__(self, "gazetteer_places", gazetteer_places)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "source_scale", source_scale)
        object.__setattr__(self, "claims", claims)
        object.__setattr__(self, "timestamp", timestamp)
        object.__setattr__(self, "pipeline_version", pipeline_version)
        object.__setattr__(self, "relevance", relevance)
        object.__setattr__(self, "min_relevance", min_relevance)


@dataclass
class Draft:
    """An event before merging (mutable while it is being filled)."""

    clause: Clause
    classification: Classification
    place: ResolvedPlace | None
    place_note: str
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    actor1_span: tuple[int, int] | None = None
    actor2_span: tuple[int, int] | None = None
    date: DateChoice = field(default_factory=lambda: DateChoice(None, 1))
    fatalities: FatalityCount | None = None
    civilian_targeting: bool = False
    belief: str = ""
    named_as: str = ""
    """An armed group the dictionary does not know, as the text writes it."""
    warnings: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    """(field, normalised start, normalised end) evidence."""
    why: dict[str, str] = field(default_factory=dict)
    """Field -> one line on why it has its value (``rasd explain``)."""


def clause_triggers(ctx: Context, clause: Clause) -> list[TriggerMention]:
    """Triggers and cues inside a clause."""
    return [t for t in ctx.mentions.triggers if clause.first <= t.first <= clause.last]


def clause_places(ctx: Context, clause: Clause) -> list[ResolvedPlace]:
    """Resolved places inside a clause."""
    return [p for p in ctx.places if clause.first <= p.mention.first <= clause.last]


HEDGES = words("يرجح، أنها، أنه، يعتقد، يشتبه، ربما")
FORCE_NOUNS = (
    words(
        """
    قوات، جيش، طيران، طائرات، طائرة، غارة، غارات، قصف، ضربة، ضربات، مقاتلات، تعزيزات، جنود،
    جنديا، جندي، عناصر، دورية، مدفعية، صواريخ، قذائف، دبابات، بوارج، سفن، زوارق، رتل، مروحيات،
    هجوم، عملية، قصفا، غارتين، مسيرة، مسيرات، جوية، جويه، صاروخية، مدفعي، قوة، وحدات، جنديين،
    ضباط، مستشارين، عسكريين، دوريات، آليات، صاروخ، صاروخا، صاروخين، صاروخان، قذيفة، قذيفتين،
    مقاتلة، مقاتلتين، مروحية، طائرتين، دبابة، مدرعة، سفينة، بارجة، غواصة، فرقاطة، جنديان، جو
"""
    )
    | AIRCRAFT_PAIRS
)


def _adjective_attached(ctx: Context, mention: ActorMention) -> bool:
    """A nisba adjective names an actor only right after a force, attack or installation noun
    ("قواعد عسكرية إسرائيلية": Israel's bases)."""
    tokens = ctx.mentions.tokens
    for distance in (1, 2, 3, 4):
        j = mention.first - distance
        if j < 0:
            return False
        found = cores(tokens[j].text)
        if found & FORCE_NOUNS or (distance <= 2 and found & INSTALLATION_NOUNS):
            return True
        if distance > 2 and tokens[j + 1].text not in HEDGES:
            return False
    return False


SUPPORT_WORDS = words(
    """
    الموالي، الموالية، الموالين، الموالون، موالين، موالون، موالية، مواليا، المدعوم، المدعومة،
    المدعومين، مدعومة، بدعم، بمساندة، بإسناد، المدعمة، وحلفائها، حلفاء، المتحالفة، المتحالفين،
    الحليفة، بدعم من، داعمة
"""
)
# "الجماعة المتحالفة مع إيران": an ally named to describe another, never the one acting
ALLIED_WORDS = words("المتحالفة، المتحالف، المتحالفين، الحليفة، الحليف")
BACKING_WORDS = words("بدعم، بمساندة، بإسناد، المدعومة، المدعوم، المدعمة، داعمة، وحلفائها، حلفاء")
# words that make the actor after them another's backer or ally, whoever is named before
BACKER_WORDS = BACKING_WORDS | ALLIED_WORDS
BACKING_NOUNS = words("دعم، مساعدة، إسناد، مساندة، غطاء")
BACKING_REACH = 3
MEMBER_WORDS = words(
    """
    مسلحي، مسلحو، عناصر، مقاتلي، مقاتلو، أفراد، عنصرا، عنصر، قيادي، قياديا، أعضاء، مسلحين،
    جنود، ميليشيات، ميليشيا، مليشيات
"""
)


def _owned(ctx: Context, mention: ActorMention, following: ActorMention | None) -> bool:
    """ "الطيران المروحي التابع لقوات X": the mention names X's asset, X is the actor."""
    if following is None or following.first - mention.last > 3:
        return False
    between = ctx.mentions.tokens[mention.last + 1 : following.first]
    return any(t.text in OWNED_BY for t in between) and _generic_mention(ctx, mention)


def _generic_mention(ctx: Context, mention: ActorMention) -> bool:
    """A force named by its kind ("الطيران المروحي"), not a group of its own ("الحوثيين")."""
    sense = pick_sense(mention.senses, ctx.country)
    return sense is not None and ctx.actors.entries[sense.actor_id].generic


def _patron(ctx: Context, mention: ActorMention, previous: ActorMention | None) -> bool:
    """ "المليشيا الحوثية التابعة لإيران": the group named before acts; the one it is said
    to belong to only describes it."""
    if previous is None or _generic_mention(ctx, previous):
        return False
    tokens = ctx.mentions.tokens
    return (
        any(tokens[j].text in OWNED_BY for j in range(previous.last + 1, mention.first))
        and mention.first - previous.last <= 3
    )


def _supporter(ctx: Context, mention: ActorMention, previous: ActorMention | None) -> bool:
    """ "قسد الموالي لقوات X", "بدعم من X": X backs an actor named just before, it does not
    act here. ("معسكر اللواء 15 الموالي للمتمردين": no actor before, the rebels own the camp.)"""
    tokens = ctx.mentions.tokens
    for distance in (1, 2):
        j = mention.first - distance
        if j >= 0 and tokens[j].text in SUPPORT_WORDS:
            backs_named_actor = previous is not None and j - previous.last <= 2
            return backs_named_actor or tokens[j].text in BACKER_WORDS
    # "بمساعدة عناصر الجيش", "وإسناد قوي من طائرات التحالف": the help, not the act
    # ("لدعم مقاتلي الحوثي", "في مساندة الحكومة": the one helped, who may act)
    start = max(mention.first - BACKING_REACH, previous.last + 1 if previous else 0)
    return any(_backing_noun(tokens, j) for j in range(start, mention.first))


def _backing_noun(tokens: Sequence[Token], j: int) -> bool:
    word = tokens[j].text
    helped = word.startswith("ل") or (j > 0 and tokens[j - 1].text in ("في", "الي"))
    return not helped and bool(cores(word) & BACKING_NOUNS)


def _member_of_next(ctx: Context, mention: ActorMention, following: ActorMention | None) -> bool:
    """ "مسلحي تنظيم قسد", "أشخاص من حلفاء النظام": a generic member or victim noun stands for
    the actor that follows it."""
    if following is None:
        return False
    gap = following.first - mention.last
    via_min = gap == 2 and ctx.mentions.tokens[mention.last + 1].text == "من"
    if gap != 1 and not via_min:
        return False
    if via_min and (_names_civilians(ctx, mention) or _actor_id_of_mention(ctx, mention) == "uag"):
        return True
    core = mention.key.split()[-1] if mention.key else ""
    return core in MEMBER_WORDS or fold(ctx.mentions.tokens[mention.last].text[-5:]) in MEMBER_WORDS


SPEECH_VERBS = words("قال، قالت، وقال، وقالت، أفاد، أفادت، ذكر، ذكرت، أكد، أكدت، روى، يقول، تقول")


def _civilian_source(ctx: Context, mention: ActorMention) -> bool:
    """ "قال سكان إن ...", "وقال شهود": the residents report, they are not the ones hit."""
    speaking = bool(word_before(ctx.mentions.tokens, mention.first) & SPEECH_VERBS)
    return speaking and _names_civilians(ctx, mention)


ACCORDING_TO = words("بحسب، حسب، وفقا، وفق، طبقا، حسبما")
QUOTING = words("نقلا")


SOURCE_NOUNS = words("مصدر، مصادر")


def _according_to(ctx: Context, mention: ActorMention) -> bool:
    """ "بحسب الجيش العراقي", "وفقا للشرطة", "نقلا عن الجيش": the source of the report; so is
    the body a source speaks from, "مصدر بالشرطة" ("مصادر في المقاومة" often tells of its own
    side's acts, and stays)."""
    tokens = ctx.mentions.tokens
    before = word_before(tokens, mention.first)
    from_within = before & SOURCE_NOUNS and tokens[mention.first].text.startswith("ب")
    return bool(
        before & ACCORDING_TO
        or (before & {"عن"} and word_before(tokens, mention.first, 2) & QUOTING)
        or from_within
    )


CONTROL_WORDS = words("سيطرة، لسيطرة، سيطرتها، نفوذ، لنفوذ، قبضة")


def _holder_of_territory(ctx: Context, mention: ActorMention) -> bool:
    """ "في بلدة دوما الخاضعة لسيطرة المعارضة": who holds the place describes it; the holder
    takes no part in the act by being named so."""
    return bool(word_before(ctx.mentions.tokens, mention.first) & CONTROL_WORDS)


def clause_actors(ctx: Context, clause: Clause) -> list[ActorMention]:
    """Actor mentions that take part in the clause's event (makes sense in the country, not a
    backer, not a member noun standing before its group, not an asset of another actor)."""
    candidates = [
        a
        for a in ctx.mentions.actors
        if clause.first <= a.first <= clause.last
        and pick_sense(a.senses, ctx.country) is not None
        and not _civilian_source(ctx, a)
        and not _holder_of_territory(ctx, a)
    ]
    inside: list[ActorMention] = []
    for k, a in enumerate(candidates):
        previous = candidates[k - 1] if k else None
        if a.is_adjective and (
            not _adjective_attached(ctx, a)
            or (previous is not None and a.first == previous.last + 1)
        ):
            continue  # "حزب الله اللبناني": the adjective describes the actor before it
        if not _supporter(ctx, a, previous) and not _patron(ctx, a, previous):
            inside.append(a)
    following: list[ActorMention | None] = [*inside[1:], None] if inside else []
    return [
        a
        for a, after in zip(inside, following, strict=True)
        if not _owned(ctx, a, after) and not _member_of_next(ctx, a, after)
    ]


def _without_protest_demands(triggers: list[TriggerMention]) -> list[TriggerMention]:
    """ "خرجت تظاهرات في بغداد تطالب بتحسين الأداء": what protesters demand is their protest's
    cause, not a modality that cancels it ("احتجاجا على مطالبة" is no protest of its own)."""
    protest = next(
        (
            t.first
            for t in triggers
            if t.is_event and "protest" in t.groups and t.key not in PROTEST_CAUSES
        ),
        None,
    )
    if protest is None:
        return triggers
    return [t for t in triggers if not (t.key in DEMAND_VERBS and t.first > protest)]


def is_cancelled(ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]) -> str:
    """The modality that cancels the clause's event ("negation", "modality", "trial"), or ""."""
    events = [t for t in triggers if t.is_event]
    if not events:
        return ""
    anchor = events[0].first
    near = {
        g
        for t in triggers
        if not t.is_event or t.groups & {"negation", "modality", "trial"}
        for g in t.groups
        if anchor - MODALITY_WINDOW <= t.first <= anchor + 2
    }
    # a demand, threat or warning that opens the clause governs all of it ("طالبت اللجان ...
    # ببناء سد ... بالإضافة إلى إطلاق سراح المعتقلين")
    near |= {
        g
        for t in triggers
        if "modality" in t.groups
        and t.first - clause.first < CLAUSE_HEAD_TOKENS
        and not _after_time_word(ctx, t.first)  # "بعد التحذير الاستخباراتي شرعت ..."
        for g in t.groups
    }
    # the act is the subject of a demand that follows it ("استهداف المدنيين ... يجب أن يتوقف")
    near |= {
        g
        for t in triggers
        if "modality" in t.groups and t.first > anchor and t.key in MUST_STOP
        for g in t.groups
    }
    # "تشن حملة قصف ... بشكل يومي على أحيائها": an adverb of habit anywhere in an undated
    # clause ("تخوض"/"حاليا" only near the act: they also open news of the day)
    if not _dated_in_sentence(ctx, clause):
        near |= {
            g
            for t in triggers
            if t.key in HABIT_ADVERBS and clause.first <= t.first <= clause.last
            for g in t.groups
        }
    # a modality in the sentence head ("هدد ... بشن هجوم") reaches the whole sentence
    head = ctx.mentions.clauses[clause.index - 1] if clause.index else None
    if head is not None and head.sentence == clause.sentence:
        near |= {g for t in clause_triggers(ctx, head) for g in t.groups if g == "modality"}
    return cancelled(near)


HABIT_ADVERBS = frozenset(
    " ".join(entry_words(w))
    for w in (
        "بشكل يومي",
        "بصورة يومية",
        "بشكل شبه يومي",
        "يوميا",
        "كل يوم",
        "بشكل متواصل",
        "بشكل مستمر",
        "مرارا",
        "بانتظام",
        "باستمرار",
    )
)
MUST_STOP = words("يجب، ينبغي، لا بد، أن يتوقف، يجب أن")
TIME_LINKS = words("بعد، قبل، إثر، عقب، منذ")


def _after_time_word(ctx: Context, index: int) -> bool:
    return bool(word_before(ctx.mentions.tokens, index) & TIME_LINKS)


def build_drafts(ctx: Context) -> list[Draft]:
    """Drafts for every event clause of the article, in text order."""
    drafts: list[Draft] = []
    pending_outcomes: list[Clause] = []
    own_acts: dict[int, list[Draft]] = {}  # drafts of outcome clauses, should they stand alone
    leads: list[Lead] = []
    for clause in ctx.mentions.clauses:
        if ctx.mentions.sentences[clause.sentence].role in ("dateline", "heading"):
            continue
        triggers = _without_protest_demands(
            [t for t in clause_triggers(ctx, clause) if not _background_trigger(ctx, clause, t)]
        )
        event_groups = {g for t in triggers if t.is_event for g in t.groups}
        if not event_groups or is_cancelled(ctx, clause, triggers):
            continue
        if event_groups <= OUTCOME_ONLY and _other_event_in_sentence(ctx, clause):
            pending_outcomes.append(clause)
            continue
        if event_groups <= DEATHS and _caused_by_the_next(ctx, clause):
            # "مقتل اثنين، إثر إطلاق قوات إسرائيلية النار عليهما": the next window's act
            pending_outcomes.append(clause)
            continue
        if _anaphoric(ctx, clause, triggers):
            pending_outcomes.append(clause)
            lead = _lead(ctx, clause, triggers, None)
            if lead is not None:
                leads.append(lead)
            continue
        if not _anchored(ctx, clause, triggers):
            continue
        found = _drafts_for_clause(ctx, clause, triggers, leads)
        if (
            not found
            and event_groups <= DEATHS
            and _fresh_act_in_sentence(ctx, clause)
            and not _near_a_span(ctx, clause.sentence)
        ):
            # "وقتل 54 شخصا، جراء غارة جوية": deaths with no place of their own are the
            # outcome of the act the sentence goes on to tell
            pending_outcomes.append(clause)
            continue
        lead = _lead(ctx, clause, triggers, found[0].place if found else None)
        if lead is not None:
            leads.append(lead)
        if found and (
            found[0].classification.reason in OUTCOME_REASONS
            or (event_groups <= DEATHS and _incident_led_to(ctx, clause, triggers))
        ):
            pending_outcomes.append(clause)
            own_acts[clause.index] = found
            continue
        drafts += found
    unattached: list[Draft] = []
    for clause in pending_outcomes:
        if not _attach_outcome(ctx, clause, drafts):
            # "قتل 14 جنديا في الهجوم على مدينة درنة": no act told before or beside the
            # deaths, so the killing is the act
            unattached += [d for d in own_acts.get(clause.index, []) if _stands_alone(ctx, d)]
    if unattached:
        drafts = sorted(drafts + unattached, key=lambda d: d.clause.index)
    # after the outcomes are attached, so a dropped draft's deaths go to no other act
    return [d for d in drafts if _relevant(ctx, d)]


# weapons that tie a report to the later reports of the same attack that leave the attacker out
# (not bombs: whoever struck before is no guide to who planted one)
CARRIED_WEAPONS = frozenset({"shelling", "artillery", "airstrike"})
CARRY_SENTENCES = 2


LEAD_KM = 50.0


@dataclass(frozen=True, slots=True)
class Lead:
    """An attack reported with its attacker, whose attacker the next reports of the same weapons
    may leave out: "أمطرت الفصائل المعارضة أربع بلدات بالقذائف ... مقتل سبعة في قذائف سقطت على
    الفوعة", "نفذت الولايات المتحدة 41 ضربة جوية ... ركزت على دير الزور ... 17 ضربة جوية نفذت
    قرب دير الزور". A lead with a place carries only to reports near it (another front has
    its own attackers)."""

    clause: Clause
    agent: Role
    weapons: frozenset[str]
    place: ResolvedPlace | None = None
    target: Role | None = None


def _weapons(ctx: Context, clause: Clause) -> frozenset[str]:
    return frozenset(g for t in clause_triggers(ctx, clause) for g in t.groups) & CARRIED_WEAPONS


def _lead(
    ctx: Context,
    clause: Clause,
    triggers: Sequence[TriggerMention],
    place: ResolvedPlace | None,
) -> Lead | None:
    weapons = _weapons(ctx, clause)
    if not weapons:
        return None
    agent, target, _ = pick_actors(_roles(ctx, clause, triggers))
    if agent is None or agent.agent <= 0 or _names_civilians(ctx, agent.mention):
        return None
    return Lead(clause, agent, weapons, place, target)


def _dated_in_sentence(ctx: Context, clause: Clause) -> bool:
    span = _sentence_norm_span(ctx, clause.sentence)
    return any(span[0] <= t.start < span[1] and t.value is not None for t in ctx.mentions.times)


def _carried_lead(
    ctx: Context, clause: Clause, leads: Sequence[Lead], place: ResolvedPlace
) -> Lead | None:
    """The nearest earlier report of the same weapons, without a place or near this one."""
    weapons = _weapons(ctx, clause)
    for lead in reversed(leads):
        near = lead.place is None or _km_apart(ctx, lead.place, place) <= LEAD_KM
        if _recent(lead, clause) and near and lead.weapons & weapons:
            return lead
    return None


def _recent(lead: Lead, clause: Clause) -> bool:
    """The lead comes before the clause, at most CARRY_SENTENCES sentences back."""
    return (
        clause.index > lead.clause.index
        and clause.sentence - lead.clause.sentence <= CARRY_SENTENCES
    )


BARE_STRIKES = words("ضربة، ضربات، الضربات، الضربة")
MEANS = frozenset({"airstrike", "shelling", "artillery", "explosion", "air", "smallarms"})


def _strikes_of_the_lead(
    ctx: Context,
    clause: Clause,
    triggers: Sequence[TriggerMention],
    leads: Sequence[Lead],
    groups: set[str],
) -> Lead | None:
    """ "نفذت الولايات المتحدة 41 ضربة جوية ... وتابع أن سبع ضربات نفذت قرب الحسكة": bare
    "ضربات" a sentence or two after air strikes by a named attacker are more of them."""
    if groups & MEANS or not any(
        t.is_event and ctx.mentions.tokens[t.first].text in BARE_STRIKES for t in triggers
    ):
        return None
    for lead in reversed(leads):
        if _recent(lead, clause) and "airstrike" in lead.weapons:
            return lead
    return None


def _km_apart(ctx: Context, a: ResolvedPlace, b: ResolvedPlace) -> float:
    pa = ctx.gazetteer_places[a.coded_to].place
    pb = ctx.gazetteer_places[b.coded_to].place
    return km((pa.latitude, pa.longitude), (pb.latitude, pb.longitude))


def _relevant(ctx: Context, draft: Draft) -> bool:
    """Where the rules stop: the trained model reads the window's words ("وفي السيناريو ...",
    "أكبر معركة في الحرب") and drops the draft when a reported act is unlikely."""
    if ctx.relevance is None:
        return True
    probability = ctx.relevance.clause_probability(ctx.mentions, draft.clause)
    draft.why["relevance"] = f"the event-clause model gives {probability:.2f}"
    return probability >= ctx.min_relevance


RELATIVE_PRONOUNS = words("الذي، التي، الذين، اللذين، اللتين، اللواتي، اللذان، اللتان")
SUPPORTING_WORDS = BACKING_WORDS | words("تدعمهم، يدعمهم، تدعمها، يدعمها، بغطاء، غطاء، تساندها")
STATE_OF_CONTROL = frozenset({"capture"})
# arrests named as a purpose are sought, not made ("عمليات البحث جارية للقبض عليهم")
SOUGHT = frozenset({"arrest"})


DURATIONS = words("يوم، يومين، أيام، ساعة، ساعات، ساعتين، أسبوع، أسبوعين، أسابيع، شهر، شهرين، أشهر")
SINCE_WORDS = words("على، من")


AFTER = words("بعد")
SINCE_REACH = 4


def _time_since(tokens: Sequence[Token], first: int) -> bool:
    """ "بعد أربعة أيام على هجوم انتحاري": an earlier act that dates the one reported (the
    earlier act has its own reports; the words around it belong to this one)."""
    j = first - 1
    phrase: list[frozenset[str]] = []
    while j >= 0 and len(phrase) <= SINCE_REACH:
        found = cores(tokens[j].text)
        if found & AFTER:
            return (
                len(phrase) >= 2
                and bool(phrase[0] & SINCE_WORDS)
                and any(c & DURATIONS for c in phrase)
            )
        phrase.append(found)
        j -= 1
    return False


SINCE = words("منذ، ومنذ")
BEGINNING = words("بدء، بداية، اندلاع، انطلاق")
# "709 مدنيين قتلوا منذ تكثيف القوات الحكومية حملتها": a count since a campaign stepped up
ESCALATING = words("تكثيف، تصعيد، استئناف، توسيع")


CAME_AFTER_REACH = 4
FINISHING = words("انتهاء، الانتهاء، الفراغ، إتمام، استكمال")
# what a protest is held against: "احتجاجا على مقتل شاب برصاص الشرطة" is the protest's cause
PROTEST_CAUSES = words("احتجاجا، تنديدا، استنكارا، رفضا")
CAUSE_REACH = 5


def _answers(ctx: Context, clause: Clause) -> bool:
    """The clause tells the reason for another act: what it answers ("ردا على", "انتقاما
    لمقتل") or what its captives are charged with ("لصلتهم بهجوم", "بتهمة تنفيذ تفجير")."""
    return ctx.mentions.opens_with(clause, REASON_WORDS)


def _protest_cause(ctx: Context, clause: Clause, trigger: TriggerMention) -> bool:
    """The act a protest is held against, named within a few words after "احتجاجا"."""
    if "protest" in trigger.groups:
        return False
    tokens = ctx.mentions.tokens
    lo = max(clause.first, trigger.first - CAUSE_REACH)
    return any(cores(tokens[j].text) & PROTEST_CAUSES for j in range(lo, trigger.first))


def _came_after(tokens: Sequence[Token], first: int) -> bool:
    """ "في تعليق يأتي بعد تقارير هجوم كيماوي": the act that something else came after is
    told to place that in time; its own reports are elsewhere."""
    for j in range(first - 1, max(0, first - CAME_AFTER_REACH) - 1, -1):
        if tokens[j].text in AFTER_WORDS:
            return j > 0 and tokens[j - 1].text in CAME
    return False


AFTER_WORDS = words("بعد، عقب، إثر")


def _since_it_began(tokens: Sequence[Token], first: int) -> bool:
    """ "منذ المواجهات", "منذ بدء المواجهات": the act is where a count or a period starts."""
    before = [tokens[j].text for j in range(max(0, first - 2), first)]
    if before and before[-1] in SINCE:
        return True
    return len(before) == 2 and before[0] in SINCE and before[1] in BEGINNING


BEGAN = words("بدأت، بدأ، اندلعت، اندلع، انطلقت، انطلق")
TAKING_OVER = words("سيطرة، سيطرته، سيطرتها، سيطرتهم، احتلال، احتلاله، اجتياح، دخول، سقوط")
SINCE_YEAR_REACH = 8


def _year_within(tokens: Sequence[Token], since: int, last: int) -> bool:
    """A year (1900-2100) within a few words after "منذ": a count since then."""
    for k in range(since + 1, min(since + SINCE_YEAR_REACH, last) + 1):
        text = tokens[k].text
        if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100:
            return True
    return False


FIRSTS = words("أول، الأولى، أعنف، أكبر، الأكبر، الأعنف")
THAT = fold("أن")


def _toll_since_start(ctx: Context, clause: Clause, trigger: TriggerMention) -> bool:
    """ "قتل 40 فلسطينيا برصاص القوات الإسرائيلية، منذ أن بدأت الاحتجاجات": a death toll
    counted since something began, in the same sentence, is a total over many days, not one
    event ("the first since the war began" still reports one)."""
    if not trigger.groups & {"kill", "death"}:
        return False
    tokens = ctx.mentions.tokens
    sentence_last = ctx.mentions.sentence_tokens[clause.sentence][1]
    for j in range(trigger.last + 1, sentence_last):
        if tokens[j].text not in SINCE:
            continue
        opening = [tokens[k].text for k in range(j + 1, min(j + 3, sentence_last + 1))] + ["", ""]
        began = (
            opening[0] in BEGINNING | ESCALATING
            or (opening[0] == THAT and opening[1] in BEGAN)
            # "منذ سيطرته على المدينة في العاشر من يونيو 2014", "منذ عام 2011"
            or bool(cores(opening[0]) & TAKING_OVER)
            or _year_within(tokens, j, sentence_last)
        )
        ranked = any(cores(tokens[k].text) & FIRSTS for k in range(max(clause.first, j - 3), j))
        return began and not ranked
    return False


def _background_trigger(ctx: Context, clause: Clause, trigger: TriggerMention) -> bool:
    """A trigger that does not report an act of its own:

    - air strikes backing another act ("تدعمهم الضربات الجوية", "بدعم الضربات الجوية");
    - control described, not taken: in a relative clause ("التنظيم الذي سيطر على مناطق واسعة")
      or as a purpose ("تتقاتل حكومتان للسيطرة على البلاد"), and arrests as a purpose
      ("عمليات البحث والتحري جارية للقبض عليهم");
    - an earlier act that dates this one ("بعد أربعة أيام على هجوم انتحاري"), or from which
      a total is counted ("حصيلة القتلى منذ بدء المواجهات").
    """
    if not trigger.is_event:
        return False
    tokens = ctx.mentions.tokens
    before = {
        c for j in range(max(0, trigger.first - 2), trigger.first) for c in cores(tokens[j].text)
    }
    if before & SUPPORTING_WORDS:
        return True
    if _time_since(tokens, trigger.first) or _since_it_began(tokens, trigger.first):
        return True
    if _came_after(tokens, trigger.first) or _protest_cause(ctx, clause, trigger):
        return True
    if _answers(ctx, clause):
        return True  # "ردا على هجوم كيميائي": the act responded to, told as the reason
    if _toll_since_start(ctx, clause, trigger):
        return True
    if trigger.first and cores(tokens[trigger.first - 1].text) & FINISHING:
        return True  # "بعد الانتهاء من تحرير لحج": a step in a plan or a sequence, not news
    if trigger.groups <= STATE_OF_CONTROL | SOUGHT:
        word = tokens[trigger.first].text
        purpose = word.startswith("لل") or (word.startswith("ل") and not word.startswith("ال"))
        previous = tokens[trigger.first - 1].text if trigger.first else ""
        return purpose or (trigger.groups <= STATE_OF_CONTROL and previous in RELATIVE_PRONOUNS)
    return False


def _other_event_in_sentence(ctx: Context, clause: Clause) -> bool:
    """Whether another window of the sentence reports an act (not only deaths)."""
    for other in ctx.mentions.clauses:
        if other.sentence != clause.sentence or other.index == clause.index:
            continue
        groups = {g for t in clause_triggers(ctx, other) if t.is_event for g in t.groups}
        if groups - OUTCOME_ONLY:
            return True
    return False


# "الحادث", "الحادثة", "الواقعة": the incident already told, as the subject of its outcome
INCIDENT_WORDS = words("الحادث، الحادثة، الواقعة")
INCIDENT_REACH = 2


def _incident_led_to(ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]) -> bool:
    """ "وقالت المصادر ان الحادث ادى الى ... مقتل اربعة من مرافقيه": the deaths are the
    outcome of the incident named before the outcome verb, an act already told."""
    tokens = ctx.mentions.tokens
    for cue in (t for t in triggers if "outcome" in t.groups):
        before = range(max(clause.first, cue.first - INCIDENT_REACH), cue.first)
        if any(cores(tokens[j].text) & INCIDENT_WORDS for j in before):
            return True
    return False


def _near_a_span(ctx: Context, sentence: int) -> bool:
    """The sentence or the one before it counts over a span ("منذ 23 أيلول 2014 وحتى فجر
    اليوم"): its deaths are a total, not one act's."""
    first = _sentence_norm_span(ctx, max(0, sentence - 1))[0]
    end = _sentence_norm_span(ctx, sentence)[1]
    return any(first <= t.start < end and t.precision > 3 for t in ctx.mentions.times)


def _fresh_act_in_sentence(ctx: Context, clause: Clause) -> bool:
    """Another window of the sentence tells a new act ("جراء غارة جوية"), not a series told
    before ("جراء الضربات الصاروخية وغارات التحالف" after a total since last year)."""
    return any(
        _tells_a_fresh_act(ctx, other)
        for other in ctx.mentions.clauses
        if other.sentence == clause.sentence and other.index != clause.index
    )


def _tells_a_fresh_act(ctx: Context, clause: Clause) -> bool:
    """An indefinite event trigger other than a death word: an act told for the first time."""
    return any(
        t.is_event and not t.definite and t.groups - DEATHS for t in clause_triggers(ctx, clause)
    )


CAUSE_WORDS = words("إثر، جراء، بسبب، نتيجة، بفعل")


def _caused_by_the_next(ctx: Context, clause: Clause) -> bool:
    """The sentence's next window opens with the cause of these deaths and tells a fresh act
    ("مقتل اثنين فلسطينيين، إثر إطلاق قوات إسرائيلية النار عليهما في مظاهرات")."""
    if clause.index + 1 >= len(ctx.mentions.clauses):
        return False
    following = ctx.mentions.clauses[clause.index + 1]
    if following.sentence != clause.sentence:
        return False
    opening = cores(ctx.mentions.tokens[following.first].text)
    if not opening & CAUSE_WORDS or _near_a_span(ctx, clause.sentence):
        return False  # "مقتل 2927 ... جراء غارات التحالف" since September: a total
    if not _tells_a_fresh_act(ctx, following):
        return False
    # deaths in one town are not the outcome of an act named in another
    here = {p.coded_to for p in clause_places(ctx, clause) if _usable(ctx, p)}
    there = {p.coded_to for p in clause_places(ctx, following) if _usable(ctx, p)}
    return not (here and there and not here & there)


ANAPHORIC_GROUPS = frozenset(
    {"clash", "assault", "shelling", "explosion", "attack_verb", "airstrike"}
)


def _anaphoric(ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]) -> bool:
    """ "الهجوم" with no place of its own refers back to an event already reported."""
    events = [t for t in triggers if t.is_event]
    if events and all(t.definite and _after_came(ctx, t) for t in events):
        return True  # "وجاء القصف بعد إعلان ... في هضبة الجولان": the strike already told
    generic = all(t.definite and t.groups <= ANAPHORIC_GROUPS for t in events)
    return generic and not any(_usable(ctx, p) for p in clause_places(ctx, clause))


CAME = words("جاء، وجاء، يأتي، ويأتي، تأتي، وتأتي، جاءت، وجاءت، يجيء")


def _after_came(ctx: Context, trigger: TriggerMention) -> bool:
    """The trigger is the subject of "جاء"/"يأتي": it places an act already told in time."""
    return trigger.first > 0 and ctx.mentions.tokens[trigger.first - 1].text in CAME


LEAD_SENTENCES = 3


def _anchored(ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]) -> bool:
    """Whether the clause reads as news of an act rather than background or analysis.

    It does when its sentence carries a time expression, when it is in the article's lead,
    when it states deaths, or when a fresh (indefinite) trigger names a place of its own.
    """
    span = _sentence_norm_span(ctx, clause.sentence)
    if any(span[0] <= t.start < span[1] and not t.future for t in ctx.mentions.times):
        return True
    body = [s.index for s in ctx.mentions.sentences if s.role == "body"]
    if clause.sentence in body[:LEAD_SENTENCES]:
        return True
    if count_fatalities(ctx.mentions.tokens, clause.first, clause.last, ctx.mentions.triggers):
        return True
    fresh = any(t.is_event and not t.definite for t in triggers)
    return fresh and any(_usable(ctx, p) for p in clause_places(ctx, clause))


def _without_deaths(classification: Classification) -> bool:
    """Arrests, deals, force movements, abductions: ACLED records deaths on the violent event
    ("مقتل ثلاثة إرهابيين واعتقال خمسة" gives the clash its dead, the arrests none; hostages
    killed are an Attack). An interception may kill ("قتل 14 مسلحا خلال إحباط هجوم")."""
    sub = classification.sub_event_type
    strategic = classification.event_type == acled.STRATEGIC and sub != "Disrupted weapons use"
    return strategic or sub == "Abduction/forced disappearance"


PERIOD_WORDS = words("خلال، منذ، مدى، مدار، طوال، الماضية، الماضيين، الأخيرة")


def _stands_alone(ctx: Context, draft: Draft) -> bool:
    """A killing with no act told before or beside it is an act when it is counted and dated
    to a day of its own, with no period that makes it a total ("خلال 48 ساعة")."""
    if draft.fatalities is None or draft.fatalities.value == 0:
        return False
    expression = draft.date.expression
    if expression is None or expression.precision != 1 or expression.kind == "span":
        return False
    first, last = ctx.mentions.sentence_tokens[draft.clause.sentence]
    return not any(cores(t.text) & PERIOD_WORDS for t in ctx.mentions.tokens[first : last + 1])


def _attach_outcome(ctx: Context, clause: Clause, drafts: list[Draft]) -> bool:
    """Deaths reported in their own window belong to the nearest act of the same sentence
    (or, for a window that refers back, "قتل في الانفجار", to the latest act before it).
    False when the article tells no act before or beside it (arrests and abductions count:
    the dead they leave are not a separate act here)."""
    told_before = any(
        d.clause.sentence == clause.sentence or d.clause.index < clause.index for d in drafts
    )
    drafts = [d for d in drafts if not _without_deaths(d.classification)]
    same = [d for d in drafts if d.clause.sentence == clause.sentence]
    if not same:
        same = [d for d in drafts if d.clause.index < clause.index][-1:]
    if not same:
        # "وقتل 54 شخصا جراء غارة جوية ... واستهدفت الضربة الأمريكية تجمعا في قرية السوسة":
        # the next sentence names the place of the act by referring back to it
        same = [
            d
            for d in drafts
            if d.clause.sentence == clause.sentence + 1
            and any(t.definite for t in d.classification.triggers)
        ][:1]
    if not same:
        return told_before
    nearest = min(same, key=lambda d: abs(d.clause.index - clause.index))
    deaths = count_fatalities(ctx.mentions.tokens, clause.first, clause.last, ctx.mentions.triggers)
    told = nearest.fatalities is not None and nearest.fatalities.value > 0
    # "others" add to the act before them, unless their own sentence counted dead first
    # ("أسفرت عن مقتل 5 من قادة التنظيم ... ومقتل 20 آخرين": others than those five)
    adds = deaths is not None and deaths.more
    adds = adds and (
        nearest.clause.sentence == clause.sentence or not _told_before(ctx, clause, "death")
    )
    if deaths is None:
        return True
    if told and not adds:
        # the toll is known ("ضربات أسفرت عن مقتل 15"); its clause may still name who died
        # ("من المنتمين لحزب العمال")
        _victims_of_outcome(ctx, clause, nearest)
        return True
    for draft in same:
        if draft.clause is nearest.clause:
            draft.fatalities = _merge_tolls(draft.fatalities, deaths) if told else deaths
            if deaths.value and draft.classification.sub_event_type == "Protest with intervention":
                # protesters killed by the force that met them: lethal force (ACLED)
                draft.classification = _reclassified(
                    draft.classification, "Excessive force against protesters"
                )
            draft.spans.append(("fatalities", *_norm_span(ctx, deaths.first, deaths.last)))
            _victims_of_outcome(ctx, clause, draft)
    return True


def _reclassified(classification: Classification, sub: str) -> Classification:
    etype, disorder = taxonomy_of(sub)
    return replace(classification, event_type=etype, sub_event_type=sub, disorder_type=disorder)


AT_HANDS = words("يد، أيدي، ايدي")
AT_HANDS_REACH = 3
ON = words("على")


def _at_hands_of(ctx: Context, agent: Role) -> bool:
    """ "لقي مصرعه على يد المقاومة", "قتل على يد الجيش": the killers named right after the
    death and "على يد" acted (not "أسر ستة على يد المقاومة" after a toll)."""
    first = agent.mention.first
    tokens = ctx.mentions.tokens
    if (
        first < 3
        or tokens[first - 1].text not in AT_HANDS
        or not cores(tokens[first - 2].text) & ON
    ):
        return False
    # a time may come between: "لقوا مصرعهم يوم الأحد على يد المقاومة"
    return any(
        (t.last == first - 1 or first - 3 - AT_HANDS_REACH <= t.last <= first - 3)
        and t.groups & DEATHS
        for t in ctx.mentions.triggers
    )


def _told_before(ctx: Context, clause: Clause, group: str) -> bool:
    """A trigger of ``group`` in the clause's sentence before the clause: a death word
    ("death"), a protest ("protest"; a protest sense is always an event)."""
    start = ctx.mentions.sentence_tokens[clause.sentence][0]
    return any(group in t.groups and start <= t.first < clause.first for t in ctx.mentions.triggers)


PERSONS = words("شخص، أشخاص، شخصا، شخصان، شخصين، الأشخاص")


def _victims_of_outcome(ctx: Context, clause: Clause, draft: Draft) -> None:
    """ "وقتل 54 شخصا بينهم 28 مدنيا ... جراء غارة جوية": the people the outcome counts are
    the side a strike or bombing with no target of its own hit."""
    if draft.actor2 is not None or draft.classification.event_type != acled.EXPLOSIONS:
        return
    # "مقتل شخصين" says nothing of who they were ("لم يسقط أي مدنيين في الغارة" may follow)
    named = [
        r
        for r in _roles(ctx, clause, clause_triggers(ctx, clause))
        if r.target > 0 and not cores(r.mention.key) & PERSONS
    ]
    target = max(named, key=lambda r: r.target, default=None)
    victims = _resolve(ctx, target)
    if target is None or victims is None:
        return
    if draft.actor1 is not None and victims.name == draft.actor1.name:
        return
    draft.actor2 = victims
    draft.why["actor2"] = _actor_why(victims, ((victims, target),))
    draft.actor2_span = _norm_span(ctx, target.mention.first, target.mention.last)
    draft.spans.append(("actor2", *draft.actor2_span))
    draft.civilian_targeting = victims.inter == ActorType.CIVILIANS


def _norm_span(ctx: Context, first: int, last: int) -> tuple[int, int]:
    tokens = ctx.mentions.tokens
    return tokens[first].start, tokens[last].end


def _drafts_for_clause(
    ctx: Context,
    clause: Clause,
    triggers: Sequence[TriggerMention],
    leads: Sequence[Lead] = (),
) -> list[Draft]:
    """The drafts of one clause (``leads``: attacks reported before, whose attacker this report
    may leave out)."""
    places, place_note = choose_places(ctx, clause, triggers)
    if not places:
        return []  # ACLED does not record events known only at country level
    country = ctx.gazetteer_places[places[0].coded_to].place.country_code
    if country != ctx.country:
        ctx = replace(ctx, country=country)
    roles = _roles(ctx, clause, triggers)
    groups = _deciding_groups(triggers)
    if "protest" in groups and _at_a_protest(ctx, triggers):
        groups.add("at_protest")
        if _fired_on_the_protest(ctx, triggers):
            groups.add("fired_on_protest")
    strikes_lead = _strikes_of_the_lead(ctx, clause, triggers, leads, groups)
    if strikes_lead is not None:
        groups |= strikes_lead.weapons
    # declared: mypyc would otherwise fix their type from the first assignment below
    agent: Role | None
    target: Role | None
    agent, target, sides = pick_actors(roles)
    civilian_victims = target is not None and _names_civilians(ctx, target.mention)
    armed_victims = target is not None and _is_armed(ctx, target)
    armed = _armed_sides(ctx, roles)
    if "clash" in groups and armed <= 1 and _told_before(ctx, clause, "protest"):
        # "تظاهر المئات ... حيث اندلعت مواجهات مع قوات الأمن": the protesters' confrontation
        groups.add("protest")
    state_agent = agent is not None and _is_state(ctx, agent)
    # "قتل مسلحون جنديا"; "لقي الحوثيون مصرعهم على يد المقاومة" (not of victims left unnamed)
    agent_acts = agent is not None and (
        KILLER in agent.reason or (armed_victims and _at_hands_of(ctx, agent))
    )
    outcome_end = _outcome_end(ctx, clause)
    # the deaths a protest is held against are not this clause's toll
    cues = [
        t
        for t in ctx.mentions.triggers
        if not (clause.first <= t.first <= outcome_end and _protest_cause(ctx, clause, t))
    ]
    deaths = count_fatalities(ctx.mentions.tokens, clause.first, outcome_end, cues)
    decided = classify(
        groups,
        civilian_victims=civilian_victims or (armed == 0 and _civilians_named(ctx, clause)),
        armed_sides=armed,
        state_agent=state_agent,
        deaths=deaths is not None and deaths.value > 0,
        armed_victims=armed_victims,
        agent_acts=agent_acts,
    )
    if decided is None:
        return []
    sub, reason = decided
    etype, disorder = taxonomy_of(sub)
    event_triggers = tuple(t for t in triggers if t.is_event)
    classification = Classification(etype, sub, disorder, event_triggers, reason)
    drafts = []
    if etype != acled.BATTLES and agent is not None and _according_to(ctx, agent.mention):
        # "سقطت قذائف هاون ... بحسب الجيش العراقي": who reports one-sided fire did not fire
        # (in a fight the source is often a side: "دار قتال ... بحسب القوات الموالية لهادي")
        agent = None
    if sub == "Disrupted weapons use":
        agent, target = _interceptor_first(roles, agent, target)
    elif sub in HIDDEN_PERPETRATOR and agent is not None and agent.agent <= 0:
        target = target or agent
        agent = None
    continued = None
    unnamed = etype == acled.EXPLOSIONS and sub not in HIDDEN_PERPETRATOR
    unnamed = unnamed and (agent is None or agent.agent <= 0)
    lead = (strikes_lead or _carried_lead(ctx, clause, leads, places[0])) if unnamed else None
    if lead is not None and (target is None or target.mention.key != lead.agent.mention.key):
        agent = replace(lead.agent, reason="the attacker of the same attack reported earlier")
        continued = lead.clause
        if target is None and strikes_lead is not None and lead.target is not None:
            # "41 ضربة جوية ضد تنظيم داعش ... سبع ضربات نفذت قرب الحسكة": more of the same
            # strikes, on the same enemy
            target = replace(lead.target, reason="the side hit by the strikes reported earlier")
    if _without_deaths(classification):
        deaths = None
    for place, share in zip(places, split_toll(deaths, len(places)), strict=True):
        draft = Draft(clause, classification, place, place_note)
        _fill_actors(ctx, draft, agent, target, sides, roles)
        draft.date = choose_date(
            ctx, clause, anchor=event_triggers[0].start if event_triggers else None
        )
        if continued is not None and not _dated_in_sentence(ctx, clause):
            draft.date = choose_date(ctx, continued)  # the same attack: the lead's day
        draft.fatalities = share
        draft.belief = believed_identity(ctx.mentions.tokens, clause.first, clause.last, ctx.actors)
        draft.why.update(_field_reasons(draft))
        _add_spans(ctx, draft, event_triggers)
        drafts.append(draft)
    return drafts


POLICE = "police"
# who breaks up a protest there is as often Israel's army as the Palestinian police
NO_DEFAULT_POLICE = frozenset({"PS", "IL"})


def _dispersing_police(ctx: Context, draft: Draft) -> None:
    """ "فرقت التظاهرة بالغاز المسيل للدموع", "قتل متظاهران برصاص": a protest met with force
    by a side the text does not name met the country's police, as ACLED codes it (sets actor2
    in place)."""
    if draft.actor2 is not None or draft.classification.sub_event_type not in FORCE_ON_PROTESTS:
        return
    country = ctx.gazetteer_places[draft.place.coded_to].place.country_code if draft.place else ""
    act = next((t for t in clause_triggers(ctx, draft.clause) if t.groups & FORCE_GROUPS), None)
    if act is None or not country or country in NO_DEFAULT_POLICE:
        return
    draft.actor2 = ctx.actors.actor(POLICE, country=country, day=draft.date.value)
    draft.why["actor2"] = "the force used on the protest is not named: the country's police"
    draft.actor2_span = (act.start, act.end)
    draft.spans.append(("actor2", act.start, act.end))


# protests met with force, and the words that tell of the force
FORCE_ON_PROTESTS = frozenset({"Protest with intervention", "Excessive force against protesters"})
FORCE_GROUPS = frozenset({"disperse", "arrest", "kill", "smallarms"})
PROTESTERS = words(
    """
    متظاهرين، متظاهرون، المتظاهرين، محتجين، المحتجين، محتجون، المعتصمين، متظاهر، متظاهرا،
    متظاهران، محتج، محتجا، محتجان، المتظاهر
"""
)
AT_WORDS = words("في، خلال، أثناء، اثناء، وسط، على")


def _at_a_protest(ctx: Context, triggers: Sequence[TriggerMention]) -> bool:
    """The clause's act hit a protest: the protesters are named ("مقتل 3 متظاهرين") or the
    act took place at it ("قتل 40 فلسطينيا في احتجاجات", "أطلقت النار على المتظاهرين"),
    not only told with it ("أعدمت 19 سجينا ضمن حملة قمع المظاهرات")."""
    tokens = ctx.mentions.tokens
    return any(
        t.key in PROTESTERS or (t.first > 0 and bool(cores(tokens[t.first - 1].text) & AT_WORDS))
        for t in triggers
        if "protest" in t.groups
    )


FIRE_WORDS = words("النار، نار، الرصاص، رصاص")
FIRE_REACH = 3  # "إطلاق قوات إسرائيلية النار"


def _fired_on_the_protest(ctx: Context, triggers: Sequence[TriggerMention]) -> bool:
    """Shooting told before the protest it hit ("أطلقت الرصاص الحي على تظاهرة نسائية",
    "إطلاق قوات إسرائيلية النار عليهما في مظاهرات"), not the act a protest is held against
    ("تظاهرة احتجاج على الهجوم") nor a protest or chant launched ("أطلق المحتجون هتافات")."""
    tokens = ctx.mentions.tokens
    last_protest = max(t.first for t in triggers if "protest" in t.groups)

    def shooting(t: TriggerMention) -> bool:
        if "smallarms" in t.groups:
            return True
        after = range(t.last + 1, min(len(tokens), t.last + 1 + FIRE_REACH))
        return "attack_verb" in t.groups and any(tokens[j].text in FIRE_WORDS for j in after)

    return any(t.first < last_protest and shooting(t) for t in triggers)


GENERIC_GROUPS = frozenset({"clash", "assault", "attack_verb"})
# who planted a bomb is seldom known: an actor named with no sign of acting is where it went off
HIDDEN_PERPETRATOR = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})


def _deciding_groups(triggers: Sequence[TriggerMention]) -> set[str]:
    """Groups that decide the type; a definite generic "الهجوم" referring back does not,
    while "في الغارات" still says how the deaths of "قتل تسعة عناصر" came about."""
    events = [t for t in triggers if t.is_event]
    back = [t for t in events if t.definite and t.groups <= GENERIC_GROUPS]
    keep_back = len(back) == len(events)
    return {g for t in triggers if keep_back or t not in back for g in t.groups}


def _outcome_end(ctx: Context, clause: Clause) -> int:
    """Last token of the clause plus the outcome clauses ("ما أدى ...") that follow it."""
    end = clause.last
    for following in ctx.mentions.clauses[clause.index + 1 :]:
        if following.sentence != clause.sentence:
            break
        groups = {g for t in clause_triggers(ctx, following) for g in t.groups}
        if _answers(ctx, following):
            break  # "ردا على هجوم ... أوقع أربعين قتيلا": the toll of the act answered
        if "outcome" in groups or (groups and groups <= {"death", "injury", "kill"}):
            end = following.last
        else:
            break
    return end


def _roles(ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]) -> list[Role]:
    actors = clause_actors(ctx, clause)
    return [
        score_role(
            a,
            ctx.mentions.tokens,
            clause_first=clause.first,
            triggers=triggers,
            victim_type=_names_civilians(ctx, a),
            next_actor=actors[k + 1].first if k + 1 < len(actors) else clause.last + 1,
        )
        for k, a in enumerate(actors)
    ]


def _actor_id_of_mention(ctx: Context, mention: ActorMention) -> str:
    sense = pick_sense(mention.senses, ctx.country)
    return sense.actor_id if sense else ""


def _names_civilians(ctx: Context, mention: ActorMention) -> bool:
    """The mention names civilians: an actor of ACLED's civilian type, whichever entry."""
    actor_id = _actor_id_of_mention(ctx, mention)
    return bool(actor_id) and ctx.actors.entries[actor_id].inter == ActorType.CIVILIANS


def _actor_id(ctx: Context, role: Role) -> str:
    return _actor_id_of_mention(ctx, role.mention)


def _is_state(ctx: Context, role: Role) -> bool:
    """State forces, or a militia fighting on the government's side (ACLED's "affiliated")."""
    actor = ctx.actors.resolve(role.mention, country=ctx.country, day=None)
    if actor is None:
        return False
    entry = ctx.actors.entries[actor.actor_id]
    state = actor.inter in (ActorType.STATE_FORCES, ActorType.EXTERNAL_OTHER)
    return state or entry.pro_government


def _armed_actor(ctx: Context, role: Role) -> Actor | None:
    """The role's actor when it is an armed one (forces, rebels, militias)."""
    actor = ctx.actors.resolve(role.mention, country=ctx.country, day=None)
    return actor if actor is not None and actor.inter in ARMED_TYPES else None


def _is_armed(ctx: Context, role: Role) -> bool:
    return _armed_actor(ctx, role) is not None


def _armed_sides(ctx: Context, roles: Sequence[Role]) -> int:
    armed = (_armed_actor(ctx, role) for role in roles)
    return len({ctx.actors.parent_of(a.actor_id) for a in armed if a is not None})


def _civilians_named(ctx: Context, clause: Clause) -> bool:
    return any(_names_civilians(ctx, a) for a in clause_actors(ctx, clause))


def _field_reasons(draft: Draft) -> dict[str, str]:
    """Reasons for the type, place, date and fatalities of a draft."""
    words = ", ".join(dict.fromkeys(t.key for t in draft.classification.triggers))
    why = {"sub_event_type": f"{draft.classification.reason} ({words})"}
    if draft.place is not None:
        why["location"] = f"{draft.place_note}; {draft.place.explanation}"
        why["geo_precision"] = _precision_why(draft.place)
    expression = draft.date.expression
    why["event_date"] = (
        f"time expression ({expression.kind})"
        if expression is not None
        else "no time word: the publication date"
    )
    why["fatalities"] = (
        f"deaths stated ({'vague word, ACLED figure' if draft.fatalities.vague else 'number'})"
        if draft.fatalities is not None
        else "no deaths stated"
    )
    if draft.fatalities is not None and draft.fatalities.places > 1:
        why["fatalities"] += f"; {_split_note(draft.fatalities)}"
    return why


def _precision_why(place: ResolvedPlace) -> str:
    context = place.mention.context
    if place.precision == 3:
        return "only a region is named: coded to its capital"
    if place.precision == 2:
        if context.near or context.direction or context.road:
            return "near or in part of the named place"
        return "coded to a nearby or representative point"
    return "the named place itself"


MINISTRY = fold("وزارة")


def _air_defence(role: Role) -> bool:
    """ "الدفاعات الجوية", "الدفاع الجوي"; not "وزارة الدفاع", the ministry that reports."""
    key = role.mention.key
    return "دفاع" in key and not key.startswith(MINISTRY)


def _interceptor_first(
    roles: Sequence[Role], agent: Role | None, target: Role | None
) -> tuple[Role | None, Role | None]:
    """In "الدفاعات السورية تصدت لصاروخين إسرائيليين" the interceptor is actor1 and the owner of
    the weapons (named by an adjective or attack noun) is actor2."""
    # "تصدي الدفاعات الجوية لصاروخين": air defences intercept, whatever the clause's syntax
    # ("قوات الدفاع الجوي" also reads as a force noun's owner)
    defences = [r for r in roles if _air_defence(r)]
    # the weapons' owner is named by an adjective ("صاروخين إسرائيليين"), even where it also
    # reads as the subject of a verb after it ("صاروخين إسرائيليين استهدفا")
    owners = [r for r in roles if "attack noun or adjective" in r.reason and r not in defences]
    subjects = [r for r in roles if r not in owners and r not in defences and "subject" in r.reason]
    if defences:
        # "اعترضت الدفاعات الجوية صاروخا أطلقه الحوثيون": the one who fired is hit, else the
        # weapons' owner (a speaker's force, "قوات التحالف"، may read as one: the firer first)
        hit = subjects[0] if subjects else owners[0] if owners else None
        return defences[0], hit
    if subjects and owners:
        return max(subjects, key=lambda r: r.agent), owners[0]
    return agent, target


def pick_actors(roles: Sequence[Role]) -> tuple[Role | None, Role | None, list[Role]]:
    """(agent, target, the sides of a "بين X و Y" fight) from scored roles."""
    sides = [r for r in roles if r.side]
    if len(sides) >= 2:
        return sides[0], sides[1], sides
    agents = sorted((r for r in roles if r.agent > r.target), key=lambda r: -r.agent)
    targets = sorted(
        (r for r in roles if r.target > 0 and r.target >= r.agent), key=lambda r: -r.target
    )
    agent = agents[0] if agents else None
    target = next((t for t in targets if agent is None or t.mention.key != agent.mention.key), None)
    if agent is None:
        rest = [r for r in roles if r is not target and r.target == 0 and "speaker" not in r.reason]
        agent = rest[0] if rest else None
    return agent, target, sides


def _fill_actors(
    ctx: Context,
    draft: Draft,
    agent: Role | None,
    target: Role | None,
    sides: Sequence[Role],
    roles: Sequence[Role],
) -> None:
    first: Actor | None = _resolve(ctx, agent)
    second: Actor | None = _resolve(ctx, target)
    if len(sides) >= 2 and target is not None:
        target, second = _other_side_listed(ctx, roles, first, target, second)
    sub = draft.classification.sub_event_type
    agreement = sub == "Agreement"
    two_sided = draft.classification.event_type == acled.BATTLES or agreement
    if first is not None and second is not None and first.name == second.name:
        # "على تجمعات الانقلابيين الحوثيين": in a one-sided act, two words in a row for the
        # side hit and no attacker, when the one taken for the attacker had no evidence of
        # acting (a fight keeps its one side first and looks for the other)
        weak = _weak_agent(agent, target)
        # an air strike on a side without aircraft of its own ("غارات على مواقع الحوثيين")
        grounded = weak and sub == "Air/drone strike" and second.inter != ActorType.STATE_FORCES
        hit_twice = (_apposed(agent, target) or grounded) and not two_sided
        first, second = (None, second) if hit_twice else (first, None)
    if sub == "Arrests" and second is None and _taken_not_taking(first, agent):
        # "القبض على عناصر إرهابية": the gunmen are taken, the police (by default) take them
        second, first = first, None
    named = (first, second)
    first, second = _defaults(ctx, sub, first, second, draft)
    if first is not None and second is not None and first.name == second.name:
        second = None  # a default attacker equal to the side named as hit: one side known
    if (agreement or sub in TERRITORY_SUBS) and second is not None and second.inter in NOT_A_SIDE:
        # territory is taken from an armed side, not from the civilians who died there; the
        # people evacuated or released are not a party to the deal
        second = None
    inferred = None
    if second is None and first is not None and two_sided:
        # a battle has two sides and a deal two parties; the clause may name one, the article
        # the other
        rebel_deal = agreement and first.inter != ActorType.STATE_FORCES
        second = inferred = _opponent(ctx, draft.clause, first, state=rebel_deal)
    draft.actor1, draft.actor2 = first, second
    if first is not None and first.actor_id == "uag" and named[0] is None:
        draft.named_as = _unknown_group(ctx, draft.clause)
    sources = ((named[0], agent), (named[1], target))
    draft.why["actor1"] = _actor_why(first, sources)
    draft.why["actor2"] = (
        "the other side named nearby: a battle or a deal has two"
        if inferred is not None
        else _actor_why(second, sources)
    )
    draft.actor1_span = _actor_span(ctx, first, sources)
    draft.actor2_span = _actor_span(ctx, second, sources)
    draft.assoc1 = _associates(ctx, roles, draft, first, second, agent_side=True)
    draft.assoc2 = _associates(ctx, roles, draft, first, second, agent_side=False)
    draft.civilian_targeting = (
        second is not None
        and second.inter == ActorType.CIVILIANS
        and draft.classification.event_type != acled.BATTLES
    )


def _actor_span(
    ctx: Context, actor: Actor | None, sources: Sequence[tuple[Actor | None, Role | None]]
) -> tuple[int, int] | None:
    """The words an actor was read from; a generic default has none, and an actor moved to
    the other role keeps its own words ("أصيب 96 شخصا بينهم امرأتان" names no attacker)."""
    for named, role in sources:
        if actor is not None and named is actor and role is not None:
            return _norm_span(ctx, role.mention.first, role.mention.last)
    return None


TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# who fights on a government's side in its own country, besides its forces and militias
GOVERNMENT_ALLIES = {
    "SY": frozenset({"ru-military", "ir-military", "sy-ru-allied", "lb-hezbollah"}),
    "YE": frozenset({"sa-military", "ae-military"}),
    "IQ": frozenset({"us-military", "coalition", "ir-military"}),
}
NOT_A_SIDE = frozenset(
    {ActorType.CIVILIANS, ActorType.PROTESTERS, ActorType.RIOTERS, ActorType.NONE}
)


def _side(ctx: Context, actor: Actor) -> str:
    """The government's side, or the actor's own."""
    entry = ctx.actors.entries.get(actor.actor_id)
    if entry is None:
        return actor.actor_id
    own_forces = actor.inter == ActorType.STATE_FORCES and entry.country == ctx.country
    allied = actor.actor_id in GOVERNMENT_ALLIES.get(ctx.country, frozenset())
    return "government" if own_forces or allied or entry.pro_government else actor.actor_id


def _opponent(ctx: Context, clause: Clause, first: Actor, *, state: bool = False) -> Actor | None:
    """The armed actor on the other side, named in the sentence, else next to it, else the
    most often in the article (state: only state forces, the other party to a rebel deal)."""
    mine = _side(ctx, first)
    found: list[tuple[int, Actor]] = []
    gunmen_here: Actor | None = None  # "اشتبكت قوات الأمن مع المسلحين": unidentified, but here
    for mention in ctx.mentions.actors:
        actor = _resolve_mention(ctx, mention)
        if (
            actor is None
            or actor.inter in NOT_A_SIDE
            or _side(ctx, actor) == mine
            or (state and actor.inter != ActorType.STATE_FORCES)
        ):
            continue
        distance = abs(ctx.mentions.token_sentence[mention.first] - clause.sentence)
        if actor.actor_id == "uag":
            if distance == 0 and gunmen_here is None:
                gunmen_here = actor
            continue
        found.append((0 if distance == 0 else 1 if distance == 1 else 2, actor))
    if not found:
        return gunmen_here
    counts = Counter(actor.name for _, actor in found)
    nearest = min(tier for tier, _ in found)
    best = max((actor for tier, actor in found if tier == nearest), key=lambda a: counts[a.name])
    if gunmen_here is not None and nearest == 2 and counts[best.name] == 1:
        # a group named once, sentences away ("في مايو الماضي أعلن تنظيم الدولة"), did not
        # fight the gunmen this sentence names; one the article keeps naming may have
        return gunmen_here
    return best


def _resolve_mention(ctx: Context, mention: ActorMention) -> Actor | None:
    actor = ctx.actors.resolve(mention, country=ctx.country, day=ctx.mentions.article.published)
    return None if actor is None else _as_parent(ctx, actor)


def _as_parent(ctx: Context, actor: Actor) -> Actor:
    """A sub-unit's parent actor ("Deir ez-Zor Military Council" -> SDF), else the actor."""
    parent = ctx.actors.parent_of(actor.actor_id)
    if parent != actor.actor_id:
        return ctx.actors.actor(parent, country=ctx.country, day=ctx.mentions.article.published)
    return actor


def _unknown_group(ctx: Context, clause: Clause) -> str:
    """The first organisation the dictionary lacks in the clause, as the article writes it."""
    for first, last in unknown_organisations(ctx.mentions.tokens, ctx.actors, clause.first,
                                             clause.last):  # fmt: skip
        start, end = ctx.mentions.original_span(first, last)
        return ctx.mentions.article.text[start:end]
    return ""


def _actor_why(actor: Actor | None, sources: Sequence[tuple[Actor | None, Role | None]]) -> str:
    """Why an actor slot holds what it holds."""
    if actor is None:
        return "no actor named for this role"
    for named, role in sources:
        if named is not None and named.name == actor.name and role is not None:
            return f"named as {role.mention.key!r} ({role.reason})"
    return "ACLED's generic actor: the text names no one for this role"


GENERIC_REBELS = frozenset({"sy-rebels"})


def _specific_group(ctx: Context, role: Role) -> ActorMention | None:
    """The one named armed group of the same or previous sentence that a generic label
    ("فصائل المعارضة") stands for, if exactly one is named there."""
    sentence = ctx.mentions.token_sentence[role.mention.first]
    named = {}
    for mention in ctx.mentions.actors:
        if ctx.mentions.token_sentence[mention.first] not in (sentence, sentence - 1):
            continue
        sense = pick_sense(mention.senses, ctx.country)
        entry = ctx.actors.entries.get(sense.actor_id) if sense else None
        if (
            entry is not None
            and not entry.generic
            and entry.id not in GENERIC_REBELS
            and (entry.inter == ActorType.REBEL_GROUP and entry.country == ctx.country)
        ):
            named[entry.id] = mention
    return next(iter(named.values())) if len(named) == 1 else None


def _resolve(ctx: Context, role: Role | None) -> Actor | None:
    if role is None:
        return None
    if _actor_id(ctx, role) in GENERIC_REBELS:
        specific = _specific_group(ctx, role)
        if specific is not None:
            role = replace(role, mention=specific)
    actor = ctx.actors.resolve(
        role.mention,
        country=ctx.country,
        day=ctx.lead_time.value if ctx.lead_time else ctx.mentions.article.published,
    )
    return None if actor is None else _as_parent(ctx, actor)


def _generic(ctx: Context, actor_id: str) -> Actor:
    return ctx.actors.actor(actor_id, country=ctx.country, day=ctx.mentions.article.published)


def _defaults(
    ctx: Context, sub: str, first: Actor | None, second: Actor | None, draft: Draft
) -> tuple[Actor | None, Actor | None]:
    """ACLED's generic actors where the text names none, and the VAC rule (target is actor2)."""
    etype = acled.EVENT_TYPE_OF[sub]
    if first is not None and first.inter == ActorType.CIVILIANS and second is None:
        second = first
        first = None
    if etype == acled.VAC:
        if first is not None and first.inter == ActorType.CIVILIANS:
            first, second = second, first
        second = second or _generic(ctx, "civilians")
        first = first or _generic(ctx, "uag")
    elif etype == acled.PROTESTS or sub == "Violent demonstration":
        protesters = _generic(ctx, "protesters" if etype == acled.PROTESTS else "rioters")
        if first is not None and first.inter not in (ActorType.PROTESTERS, ActorType.RIOTERS):
            second = first
        elif second is not None and second.inter in (ActorType.PROTESTERS, ActorType.RIOTERS):
            second = None
        first = protesters
        if sub == "Peaceful protest" or (second is not None and second.inter in NOT_A_SIDE):
            second = None  # civilians killed at a protest are protesters, not another side
    elif etype in (acled.EXPLOSIONS, acled.BATTLES) and first is None:
        first = _default_attacker(ctx, sub)
    elif sub == "Arrests" and first is None:
        first = _generic(ctx, "police")
    elif sub == "Disrupted weapons use" and first is None:
        # "تم اعتراض صاروخ", "أبطل مفعول عبوة": the state's forces intercept and defuse
        first = _interceptor(ctx)
    if sub in ("Change to group/activity", "Headquarters or base established"):
        second = None
    if first is None:
        first = _generic(ctx, "uag")  # every ACLED record has an actor1
    return first, second


def _interceptor(ctx: Context) -> Actor | None:
    """The country's army where the dictionary has one (else the generic rule applies)."""
    military = f"{ctx.country.lower()}-military"
    return _generic(ctx, military) if military in ctx.actors.entries else None


def _default_attacker(ctx: Context, sub: str) -> Actor:
    """Who strikes from the air where the text does not say: the country's usual air force."""
    if sub == "Air/drone strike":
        by_country = {
            "SY": "sy-military",
            "YE": "sa-military",
            "IQ": "iq-military",
            "LY": "ly-lna",
            "PS": "il-military",
            "LB": "il-military",
        }
        if ctx.country in by_country:
            return _generic(ctx, by_country[ctx.country])
    return _generic(ctx, "uag")


def _taken_not_taking(first: Actor | None, agent: Role | None) -> bool:
    """Unnamed gunmen with no evidence of acting, in an arrest, are the ones arrested ("العصابة
    التي احتجزت شقيقه" acts, and is an abduction's, not an arrest's, actor)."""
    return first is not None and first.actor_id == "uag" and agent is not None and agent.agent <= 0


def _weak_agent(agent: Role | None, target: Role | None) -> bool:
    """The role taken for the attacker has no evidence of acting, the target some of being
    hit."""
    return agent is not None and target is not None and agent.agent <= 0 < target.target


def _apposed(agent: Role | None, target: Role | None) -> bool:
    """A weak attacker named right after the target: two words for one side."""
    if agent is None or target is None or not _weak_agent(agent, target):
        return False
    return 0 < agent.mention.first - target.mention.last <= 1


def _other_side_listed(
    ctx: Context, roles: Sequence[Role], first: Actor | None, target: Role, second: Actor | None
) -> tuple[Role, Actor | None]:
    """ "بين الجيش الوطني والمقاومة ومليشيات الحوثي": the second of the sides listed may be
    the first's ally; the other side is the next actor named on another side."""
    if first is None or second is None or first.inter in NOT_A_SIDE or first.name == second.name:
        return target, second
    if _side(ctx, first) != _side(ctx, second):
        return target, second
    for role in roles:
        if role.mention.first <= target.mention.first:
            continue
        actor = _resolve(ctx, role)
        if (
            actor is not None
            and actor.inter not in NOT_A_SIDE
            and _side(ctx, actor) != _side(ctx, first)
        ):
            return role, actor
    return target, second


def _associates(
    ctx: Context,
    roles: Sequence[Role],
    draft: Draft,
    first: Actor | None,
    second: Actor | None,
    *,
    agent_side: bool,
) -> list[str]:
    main = first if agent_side else second
    other = second if agent_side else first
    if main is None:
        return []
    names: list[str] = []
    mine = _side(ctx, main)
    theirs = _side(ctx, other) if other is not None else mine
    for role in roles:
        actor = _resolve(ctx, role)
        if actor is None or actor.name in (main.name, other.name if other else ""):
            continue
        if actor.inter in (ActorType.CIVILIANS, ActorType.PROTESTERS, ActorType.RIOTERS):
            continue
        side = _side(ctx, actor)
        if mine != theirs and side in (mine, theirs):
            # "بين الجيش الوطني والمقاومة ومليشيات الحوثي": the government's allies stand
            # with the government, whatever their place in the sentence
            belongs = side == mine
        else:
            belongs = (role.agent > role.target) == agent_side
        if belongs and actor.name not in names:
            names.append(actor.name)
    unit = _unit_name(ctx, roles, main)
    return ([unit] if unit else []) + names[:3]


def _unit_name(ctx: Context, roles: Sequence[Role], main: Actor) -> str:
    """A sub-unit's own name ("Deir ez-Zor Military Council") when it stands for its parent."""
    for role in roles:
        actor = ctx.actors.resolve(role.mention, country=ctx.country, day=None)
        if (
            actor is not None
            and ctx.actors.parent_of(actor.actor_id) == main.actor_id != actor.actor_id
        ):
            return actor.name
    return ""


def choose_places(
    ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]
) -> tuple[list[ResolvedPlace], str]:
    """The event places of a clause (one per listed settlement) and how they were found."""
    anchor = next((t.first for t in triggers if t.is_event), clause.first)
    evacuated = _evacuated(ctx, clause, triggers)
    if evacuated:
        return _most_specific(ctx, evacuated, anchor), "the place evacuated"
    own = [p for p in clause_places(ctx, clause) if _usable(ctx, p)]
    abroad = [p for p in own if ctx.gazetteer_places[p.index].abroad]
    if abroad and all(_minor(ctx, p) for p in own if p not in abroad):
        # "قرب مزار شيعي في غرب كابول": beside a place abroad, a village of the region is a
        # namesake (the shrine is not Mazar in Egypt); the event is not coded. A town of the
        # region competes ("في طرابلس ... منفذ هجوم مانشستر" is an arrest in Tripoli).
        return abroad[:1], "named in the clause, outside the covered region"
    if own:
        own = _near_what_it_is_near(ctx, [_town_of_district(ctx, p, own) for p in own])
        own = _inside_what_contains_it(ctx, own) or own
        own = _without_governorates_named_as_containers(ctx, own) or own
        return _most_specific(ctx, own, anchor), "named in the clause"
    where = _place_of_where(ctx, clause)
    if where is not None:
        return [where], "the place 'حيث' refers to"
    sentence = [
        p
        for p in ctx.places
        if p.mention.sentence == clause.sentence
        and _usable(ctx, p)
        and not _claimed_by_other_event(ctx, p, clause)
        and not p.mention.context.reporter
    ]
    if sentence:
        nearest = min(sentence, key=lambda p: abs(p.mention.first - clause.first))
        return [nearest], "named in the same sentence"
    following = _next_sentence_place(ctx, clause)
    if following is not None:
        return [following], "named in the next sentence"
    body = [s.index for s in ctx.mentions.sentences if s.role == "body"]
    if ctx.lead_place is not None and clause.sentence in body[:LEAD_SENTENCES]:
        # "حي الميدان في مدينة حلب": the lead stands for the town its district was named with
        lead = ctx.lead_place
        named_with = [p for p in ctx.places if p.mention.sentence == lead.mention.sentence]
        return [_town_of_district(ctx, lead, named_with)], "the article's main place"
    return [], ""


WHERE = words("حيث")


def _evacuated(
    ctx: Context, clause: Clause, triggers: Sequence[TriggerMention]
) -> list[ResolvedPlace]:
    """ "إجلاء أعضاء جيش الإسلام من دوما ... الوجهة جرابلس": an evacuation happens where people
    leave, the place a movement starts from (which is not the place of other acts)."""
    if not any(t.is_event and "agreement" in t.groups for t in triggers):
        return []
    return [
        p
        for p in clause_places(ctx, clause)
        if p.mention.context.left
        and not p.mention.context.reporter
        and ctx.gazetteer_places[p.index].feature != "country"
    ]


def _place_of_where(ctx: Context, clause: Clause) -> ResolvedPlace | None:
    """ "وامتدت إلى العاصمة بغداد، حيث واجهت قوات الأمن المتظاهرين": a clause opened by "حيث"
    happens at the last place named before it in the sentence."""
    first = clause.first
    if not cores(ctx.mentions.tokens[first].text) & WHERE:
        return None
    before = [
        p
        for p in ctx.places
        if p.mention.sentence == clause.sentence and p.mention.last < first and _usable(ctx, p)
    ]
    if not before:
        return None
    last = max(before, key=lambda p: p.mention.first)
    # "منطقة بغداد الجديدة في شرق العاصمة، حيث": the phrase's most specific place
    phrase = [
        p for p in before if p is last or 0 < last.mention.first - p.mention.last <= CONTAINER_GAP
    ]
    return min(phrase, key=lambda p: (_specificity(ctx, p), -p.mention.first))


NEAR_KM = 50.0
NEAR_GAP = 3


def _near_what_it_is_near(ctx: Context, places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """ "بلدة المزاريب قرب مدينة درعا": a place said to be near another cannot be far from it;
    when the reading found for it is (its namesake elsewhere), the text's anchor stands for it."""
    return [
        place
        for place in places
        if not any(
            anchor.mention.context.near
            # "قرب كركوك والفلوجة": items of one list near which the act was, not X near Y
            and not (anchor.mention.context.listed and place.mention.context.listed)
            and 0 < anchor.mention.first - place.mention.last <= NEAR_GAP
            and _km_apart(ctx, place, anchor) > NEAR_KM
            for anchor in places
        )
    ]


CONTAINER_GAP = 4
CONTAINER_KM = 150.0


def _inside_what_contains_it(ctx: Context, places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """ "جبال الرصيفة في مديرية كتاف بمحافظة صعدة": a name followed by the district or
    governorate that contains it cannot lie in another country or far from it (the reading
    found, Russeifa in Jordan, is a namesake; the container stands for it)."""
    records = ctx.gazetteer_places
    kept = []
    for place in places:
        here = records[place.coded_to].place
        outside = False
        for other in places:
            gap = other.mention.first - place.mention.last
            context = other.mention.context
            if not (0 < gap <= CONTAINER_GAP and (context.admin1 or context.admin2)):
                continue
            there = records[other.coded_to].place
            outside = here.country_code != there.country_code or (
                _km_apart(ctx, place, other) > CONTAINER_KM
            )
        if not outside:
            kept.append(place)
    return kept


def _without_governorates_named_as_containers(
    ctx: Context, places: Sequence[ResolvedPlace]
) -> list[ResolvedPlace]:
    """ "في مديرية حيس بالحديدة": the governorate's name right after a place, joined by "ب",
    says where that place lies; so does its name anywhere after a district of it ("بمديرية
    رداع، كبرى المديريات في البيضاء"). The town of the same name is not the scene."""
    tokens = ctx.mentions.tokens
    records = ctx.gazetteer_places
    kept = []
    for place in places:
        record = records[place.index]
        by = tokens[place.mention.first].text.startswith("ب")
        container = any(
            other.mention.last < place.mention.first
            and (
                (by and other.mention.last + 1 == place.mention.first)
                or (
                    records[other.index].feature == "admin2"
                    and place.mention.context.locative
                    and not place.mention.context.listed
                )
            )
            and _same_governorate(records[other.index].place, record.place)
            and other.coded_to != place.coded_to
            for other in places
        )
        if not (container and _names_its_governorate(ctx, place)):
            kept.append(place)
    return kept


def _names_its_governorate(ctx: Context, place: ResolvedPlace) -> bool:
    """The name is also that of the governorate the place lies in (Hodeidah, Marib)."""
    here = ctx.gazetteer_places[place.index].place
    return any(
        ctx.gazetteer_places[i].feature == "admin1"
        and _same_governorate(ctx.gazetteer_places[i].place, here)
        for i in place.mention.candidates
    )


def _same_governorate(a: Place, b: Place) -> bool:
    return (a.country_code, a.admin1) == (b.country_code, b.admin1)


def _town_of_district(
    ctx: Context, place: ResolvedPlace, places: Sequence[ResolvedPlace]
) -> ResolvedPlace:
    """ "حي الشريعة بمدينة حماة": a district named with its town is coded to the town; so is
    "مستشفى إدلب ... بمنطقة القصور وسط المدينة", a part of the city named before it, and
    "وفي مدينة تعز قصفت ... حي الروضة", a district of the town the clause opened with."""
    in_the_city = _before_the_city(ctx, place)
    district = place.mention.context.district
    if not (district or in_the_city):
        return place
    here = ctx.gazetteer_places[place.coded_to].place
    # a village namesake, not a district the gazetteer places in a city ("جوبر" in Damascus)
    namesake = ctx.gazetteer_places[place.index].feature != "neighbourhood"
    for other in places:
        gap = other.mention.first - place.mention.last
        record = ctx.gazetteer_places[other.index]
        named_with = 0 < gap <= 3 or ((in_the_city or (district and namesake)) and gap < 0)
        if not (named_with and record.feature == "locality" and record.rank >= TOWN_RANK):
            continue
        town = record.place
        # the district was resolved to a namesake elsewhere: use the town (a part of "the city"
        # may be a suburb some way out, "ضاحية دار سعد شمالي المدينة")
        limit = DISTRICT_KM if gap > 0 else NEAR_KM
        if not namesake and _same_governorate(ctx.gazetteer_places[place.index].place, town):
            # a big city's own quarter lies further out: New Baghdad is 15 km from the centre
            limit = max(limit, CITY_QUARTER_KM)
        if km((here.latitude, here.longitude), (town.latitude, town.longitude)) > limit:
            return other
    return place


THE_CITY = words("المدينة، بالمدينة، للمدينة")
CITY_LINKS = words("وسط، في، داخل، شمال، جنوب، شرق، غرب، شرقي، غربي، شمالي، جنوبي")


def _before_the_city(ctx: Context, place: ResolvedPlace) -> bool:
    """The name is followed by "(وسط|في) المدينة": a part of a city the text named already."""
    tokens = ctx.mentions.tokens
    stop = min(len(tokens), place.mention.last + 3)
    after = [cores(tokens[j].text) for j in range(place.mention.last + 1, stop)]
    if not after:
        return False
    return bool(after[0] & THE_CITY) or (
        len(after) > 1 and bool(after[0] & CITY_LINKS) and bool(after[1] & THE_CITY)
    )


HOSPITAL_WORDS = words("مستشفى، مشفى، المستشفى، مستشفيات")


MINOR_RANK = 4.0  # a village (population under about 10,000): may be a namesake


def _minor(ctx: Context, place: ResolvedPlace) -> bool:
    return ctx.gazetteer_places[place.index].rank < MINOR_RANK


def _usable(ctx: Context, place: ResolvedPlace) -> bool:
    context = place.mention.context
    feature = ctx.gazetteer_places[place.index].feature
    return feature != "country" and not (context.elsewhere or _taken_to_hospital(ctx, place))


def _taken_to_hospital(ctx: Context, place: ResolvedPlace) -> bool:
    """ "نقلوا إلى مستشفى منبج": where the wounded were taken, not where they were hit."""
    before = word_before(ctx.mentions.tokens, place.mention.first)
    return place.mention.context.destination and bool(before & HOSPITAL_WORDS)


def _specificity(ctx: Context, place: ResolvedPlace) -> int:
    record = ctx.gazetteer_places[place.index]
    level = SPECIFICITY.get(getattr(record, "feature", ""), 3)
    if place.mention.context.rural:
        level = max(level, 3)
    return level


def _place_preference(ctx: Context, place: ResolvedPlace, anchor: int) -> tuple[float, int]:
    """Higher is a likelier event place among places of one specificity in one clause."""
    c = place.mention.context
    score = 2.0 * c.settlement + 1.0 * (place.mention.first > anchor) - 3.0 * c.reporter
    score -= 1.5 * c.destination + 2.0 * c.origin
    return score, -abs(place.mention.first - anchor)


CITY_RANK = 5.7  # log10 of a population of 500,000


def _reference_city(ctx: Context, place: ResolvedPlace, others: Sequence[ResolvedPlace]) -> bool:
    """ "في مخيم اليرموك والحجر الأسود جنوبي العاصمة دمشق": a big city named after a direction
    word (or "قرب") places the others near it; it is not where the act was."""
    record = ctx.gazetteer_places[place.index]
    context = place.mention.context
    # "الغوطة الشرقية، قرب دمشق": "near" places the others as a direction word does
    if not (context.direction or (context.near and not context.listed)) or record.rank < CITY_RANK:
        return False
    return any(
        o is not place
        and o.coded_to != place.coded_to
        and (_km_apart(ctx, o, place) <= NEAR_KM or _district_of(ctx, o, record))
        # near a city, a wide region ("الساحل الغربي قرب الحديدة") is no better a place; an
        # area coded at precision 2 is ("الغوطة الشرقية، قرب دمشق")
        and (context.direction or _specificity(ctx, o) <= LOCALITY_LEVEL or o.precision <= 2)
        for o in others
    )


LOCALITY_LEVEL = SPECIFICITY["locality"]


def _district_of(ctx: Context, place: ResolvedPlace, city: PlaceRecord) -> bool:
    """ "في مديرية حيس جنوب الحديدة": a district of the city's governorate (which may reach
    further than a village's 50 km)."""
    record = ctx.gazetteer_places[place.index]
    return record.feature in ("admin2", "admin3") and _same_governorate(record.place, city.place)


def _most_specific(
    ctx: Context, places: Sequence[ResolvedPlace], anchor: int
) -> list[ResolvedPlace]:
    """Keep the most specific level; a listed series of places makes one event each."""
    candidates = [p for p in places if not _reference_city(ctx, p, places)] or list(places)
    best = min(_specificity(ctx, p) for p in candidates)
    chosen = [p for p in candidates if _specificity(ctx, p) == best]
    if len(chosen) > 1 and not any(p.mention.context.listed for p in chosen):
        chosen = [max(chosen, key=lambda p: _place_preference(ctx, p, anchor))]
    elif len(chosen) > 1:
        chosen = [p for p in chosen if p.mention.context.listed or p.mention.context.settlement]
    unique: dict[int, ResolvedPlace] = {}
    for place in chosen:
        unique.setdefault(place.coded_to, place)
    return list(unique.values())


def _claimed_by_other_event(ctx: Context, place: ResolvedPlace, clause: Clause) -> bool:
    """A place in another clause that has its own event trigger belongs to that event."""
    other = ctx.mentions.clauses[ctx.mentions.token_clause[place.mention.first]]
    if other.index == clause.index:
        return False
    return any(t.is_event for t in clause_triggers(ctx, other))


def _next_sentence_place(ctx: Context, clause: Clause) -> ResolvedPlace | None:
    """A place in the next sentence when that sentence adds no event of its own."""
    target = clause.sentence + 1
    candidates = [p for p in ctx.places if p.mention.sentence == target and _usable(ctx, p)]
    if not candidates:
        return None
    sentence_clauses = [c for c in ctx.mentions.clauses if c.sentence == target]
    if any(t.is_event for c in sentence_clauses for t in clause_triggers(ctx, c)):
        return None
    return candidates[0]


def choose_date(ctx: Context, clause: Clause, anchor: int | None = None) -> DateChoice:
    """The event's date: the time expression nearest its trigger (clause, then sentence), else
    the article's lead, else the publication day."""
    tokens = ctx.mentions.tokens
    start, end = tokens[clause.first].start, tokens[clause.last].end
    anchor = start if anchor is None else anchor
    dated = [t for t in ctx.mentions.times if not t.future]
    in_clause = [t for t in dated if start <= t.start < end]
    sentence_span = _sentence_norm_span(ctx, clause.sentence)
    in_sentence = [t for t in dated if sentence_span[0] <= t.start < sentence_span[1]]
    for pool in (in_clause, in_sentence):
        usable = [t for t in pool if t.value is not None and t.precision <= 4]
        if usable:
            # the act's own date before the date of the statement that reports it
            best = min(usable, key=lambda t: (t.precision > 3, t.reported, abs(t.start - anchor)))
            if best.kind == RUNNING:
                # "تظاهرات السبت، لليوم الرابع على التوالي": the run counts to the day just named
                days = [
                    t
                    for t in in_sentence
                    if t.value is not None
                    and t.precision == 1
                    and 0 <= best.start - t.end <= RUN_DAY_GAP
                ]
                best = days[-1] if days else best
            elif best.precision > 1:
                # "امتدت قبل أيام إلى بغداد ... مقتل 4 أشخاص الجمعة": a day in the sentence wins
                days = [
                    t
                    for t in in_sentence
                    if t.value is not None and t.precision == 1 and not t.reported
                ]
                if days:
                    best = min(days, key=lambda t: abs(t.start - anchor))
            return _choice(best)
        broken = [t for t in pool if t.warning]
        if broken:
            return DateChoice(None, 1, broken[0], warnings=(broken[0].warning,))
    if ctx.lead_time is not None:
        return _choice(ctx.lead_time)
    published = ctx.mentions.article.published
    if published is None:
        return DateChoice(None, 1, warnings=("no date in the text and no publication date",))
    return DateChoice(published, 1, alternatives=(published - timedelta(days=1),))


RUN_DAY_GAP = 3  # characters between: "السبت، لليوم الرابع"


def _choice(expression: TimeExpression) -> DateChoice:
    return DateChoice(
        expression.value,
        min(expression.precision, 3),
        expression,
        expression.alternatives,
        (expression.warning,) if expression.warning else (),
    )


def _sentence_norm_span(ctx: Context, sentence: int) -> tuple[int, int]:
    first, last = ctx.mentions.sentence_tokens[sentence]
    if last < first:
        return 0, 0
    return ctx.mentions.tokens[first].start, ctx.mentions.tokens[last].end


def _add_spans(ctx: Context, draft: Draft, triggers: Sequence[TriggerMention]) -> None:
    if triggers:
        draft.spans.append(("sub_event_type", triggers[0].start, triggers[0].end))
        draft.spans.append(("event_type", triggers[0].start, triggers[0].end))
    if draft.place is not None:
        draft.spans.append(("location", draft.place.mention.start, draft.place.mention.end))
    if draft.actor1_span:
        draft.spans.append(("actor1", *draft.actor1_span))
    if draft.actor2_span:
        draft.spans.append(("actor2", *draft.actor2_span))
    if draft.date.expression is not None:
        draft.spans.append(("event_date", draft.date.expression.start, draft.date.expression.end))
    if draft.fatalities is not None:
        draft.spans.append(
            ("fatalities", *_norm_span(ctx, draft.fatalities.first, draft.fatalities.last))
        )
    clause = draft.clause
    draft.spans.append(("notes", *_norm_span(ctx, clause.first, clause.last)))


def is_history(draft: Draft, published: date | None) -> bool:
    """Events more than 30 days before publication, or dated only by a month or a year, are
    history: an act the article gives no day or week for ("بدأت المظاهرات مطلع يوليو", "في
    مظاهرات البصرة مطلع الشهر الحالي") is told in passing, not reported (its own day's reports
    carry it)."""
    value = draft.date.value
    if draft.date.expression is not None and draft.date.expression.precision >= MONTH:
        return True
    return value is not None and published is not None and (published - value).days > HISTORY_DAYS


# ------------------------------------------------------------------------------------- merging

FAMILY_RANK = {acled.BATTLES: 0, acled.EXPLOSIONS: 1, acled.VAC: 2}


def merge_drafts(ctx: Context, drafts: Sequence[Draft]) -> list[Draft]:
    """One draft per act: same coded place and day, compatible actors, foldable types.

    History is left out first: a total over past weeks must not lend its date to the act.
    """
    merged: list[Draft] = []
    published = ctx.mentions.article.published
    for draft in drafts:
        if is_history(draft, published):
            continue
        twin = next((m for m in merged if _same_act(ctx, m, draft)), None)
        if twin is None:
            merged.append(draft)
        elif _arrests_at_protest(draft, twin) or _intercepted(draft, twin):
            # the protest (or the interception) keeps its sides and words; the arrests (or the
            # launch) told first fold into it
            merged[merged.index(twin)] = draft
            _absorb(ctx, draft, twin)
        else:
            _absorb(ctx, twin, draft)
    return merged


def _same_day(a: Draft, b: Draft) -> bool:
    """Equal dates, or a date guessed from the publication day within two days of a stated one."""
    if a.date.value == b.date.value:
        return True
    if a.date.value is None or b.date.value is None:
        return False
    guessed = a.date.expression is None or b.date.expression is None
    return guessed and abs((a.date.value - b.date.value).days) <= 2


def _same_act(ctx: Context, a: Draft, b: Draft) -> bool:
    if not _same_day(a, b):
        return False
    ta, tb = a.classification.event_type, b.classification.event_type
    coded = (a.place.coded_to if a.place else -1, b.place.coded_to if b.place else -1)
    if a.clause.index == b.clause.index and coded[0] != coded[1]:
        return False  # the places a clause lists are one event each
    if _placeless_strike_in_the_fight(a, b) or _placeless_strike_in_the_fight(b, a):
        return True
    if _told_again_in_its_region(ctx, a, b):
        return True
    if not _same_place(ctx, a, b, same_type=ta == tb):
        return False
    if _intercepted(a, b) or _intercepted(b, a):
        return True
    if _force_on_protest(a, b) or _force_on_protest(b, a):
        return True
    if ta != tb and not (ta in FAMILY_RANK and tb in FAMILY_RANK):
        return any(
            during(act, arrests)
            for during in (_arrests_during, _arrests_at_protest)
            for act, arrests in ((a, b), (b, a))
        )
    weak = a.classification.weak or b.classification.weak
    tied = _tied_to_the_fight(ctx, a, b) or _tied_to_the_fight(ctx, b, a)
    if tied:
        return True  # "وتتزامن هذه الاشتباكات مع قصف جوي": the strikes are part of the fight
    if ta != tb and a.clause.sentence != b.clause.sentence and not weak:
        return False  # ACLED folds tactics of one fight, not of separate reports
    if ta == tb == acled.STRATEGIC:
        if a.classification.sub_event_type != b.classification.sub_event_type:
            return False
        # "أبطل خبراء متفجرات أتراك مفعول عبوة ... وأبطلت الشرطة مفعولها": army and police of
        # one state doing one thing at one place on one day are one act
        if a.actor1 is not None and b.actor1 is not None and _one_state(a.actor1, b.actor1):
            return True
    return (_compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2)) or (
        _compatible(a.actor1, b.actor2) and _compatible(a.actor2, b.actor1) and ta == acled.BATTLES
    )


EXCESSIVE_FORCE = "Excessive force against protesters"


def _force_on_protest(force: Draft, other: Draft) -> bool:
    """Lethal force on a protest and, at its place on its day, the protest itself or the
    shooting told as an attack ("أطلقت القوات الغاز على المحتجين"): one event, the most
    severe protest type (ACLED)."""
    other_type = other.classification
    return force.classification.sub_event_type == EXCESSIVE_FORCE and (
        (other_type.event_type == acled.PROTESTS and other_type.sub_event_type != EXCESSIVE_FORCE)
        or other_type.sub_event_type == "Attack"
    )


def _absorb_into_protest(keep: Draft, other: Draft) -> None:
    """The protesters stay actor1; the armed side that fired is actor2 (an attack's actor1)."""
    force, rest = (other, keep) if _force_on_protest(other, keep) else (keep, other)
    keep.classification = force.classification
    keep.civilian_targeting = force.civilian_targeting
    shooter = rest.actor1 if rest.classification.sub_event_type == "Attack" else rest.actor2
    keep.actor1 = force.actor1
    keep.actor2 = force.actor2
    if _civilian_or_none(keep.actor2) and not _civilian_or_none(shooter):
        keep.actor2 = shooter


def _arrests_during(act: Draft, arrests: Draft) -> bool:
    """Arrests told with a violent act by the same forces, in its sentence or the next ("قتل
    فلسطيني واعتقال آخر"): ACLED records the act and leaves the arrests to its notes."""
    return (
        arrests.classification.sub_event_type == "Arrests"
        and act.classification.event_type in FAMILY_RANK
        and abs(act.clause.sentence - arrests.clause.sentence) <= 1
        and act.actor1 is not None
        and arrests.actor1 is not None
        and (act.actor1.name == arrests.actor1.name or _one_state(act.actor1, arrests.actor1))
    )


def _arrests_at_protest(protest: Draft, arrests: Draft) -> bool:
    """ "صدامات ... وتوقيف 9 أشخاص": arrests by the force that met a riot or a protest it broke
    up, told with it, are part of it (a peaceful protest stays an event of its own)."""
    sub = protest.classification.sub_event_type
    met = sub in FORCE_ON_PROTESTS or protest.classification.event_type == acled.RIOTS
    return (
        met
        and arrests.classification.sub_event_type == "Arrests"
        and abs(protest.clause.sentence - arrests.clause.sentence) <= 1
        and (protest.actor2 is None or _one_state(protest.actor2, arrests.actor1))
    )


LAUNCHES = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
STATES = frozenset({ActorType.STATE_FORCES, ActorType.EXTERNAL_OTHER})  # at home or abroad
# (not "أسقط": a crewed aircraft shot down is not a launch stopped)
INTERCEPTING = words("اعتراض، اعترض، اعترضت، تصدت، تصدى، التصدي")


def _a_launch(draft: Draft) -> bool:
    """Missiles, rockets or drones fired by a non-state force, with no one killed: what an
    interception stops. (A state's strike is seldom all stopped: ACLED codes the Israeli
    missiles on al-Kiswah the Syrian defences partly intercepted as a missile attack.)"""
    if draft.classification.sub_event_type not in LAUNCHES:
        return False
    state = draft.actor1 is not None and draft.actor1.inter in STATES
    killed = draft.fatalities is not None and draft.fatalities.value > 0
    return not state and not killed


def _intercepted(interception: Draft, launch: Draft) -> bool:
    """ "أطلق الحوثيون صاروخا على جازان ... وتمكنت الدفاعات من اعتراضه": a missile or drone
    intercepted is one event, the interception, whose actor2 is who fired (ACLED: intercepted
    missiles and downed drones go to Disrupted weapons use)."""
    return (
        interception.classification.sub_event_type == "Disrupted weapons use"
        and any(
            cores(t.key.split()[0]) & INTERCEPTING for t in interception.classification.triggers
        )
        and _a_launch(launch)
        and abs(interception.clause.sentence - launch.clause.sentence) <= 1
        and not (
            launch.actor1 is not None
            and interception.actor1 is not None
            and launch.actor1.name == interception.actor1.name
        )
    )


def _one_state(a: Actor | None, b: Actor | None) -> bool:
    """Both are state forces of one country (its army and its police), at home or abroad."""
    return (
        a is not None
        and b is not None
        and a.inter == b.inter
        and a.inter in (ActorType.STATE_FORCES, ActorType.EXTERNAL_OTHER)
        and a.country == b.country != ""
    )


BORROWED_PLACES = frozenset({"the article's main place", "named in the next sentence"})


def _placeless_strike_in_the_fight(fight: Draft, other: Draft) -> bool:
    """ "وتبادلت جماعة الحوثي ... إطلاق النار في منطقتي دار سعد والعلم فيما قصفت طائرات حربية
    الجماعة": fire with no place of its own, told in the sentence of a battle, is part of it."""
    return (
        fight.classification.event_type == acled.BATTLES
        and not fight.classification.weak
        and other.classification.event_type == acled.EXPLOSIONS
        and other.clause.sentence == fight.clause.sentence
        and other.place_note in BORROWED_PLACES
    )


def _tied_to_the_fight(ctx: Context, fight: Draft, other: Draft) -> bool:
    """``other`` is fire whose own clause names the fight reported before ("هذه الاشتباكات",
    "الاشتباكات"): ACLED's hierarchy folds strikes during a battle into the battle."""
    if fight.classification.event_type != acled.BATTLES or other.clause.index <= fight.clause.index:
        return False
    if other.classification.event_type != acled.EXPLOSIONS:
        return False
    return any(t.definite and "clash" in t.groups for t in clause_triggers(ctx, other.clause))


NEARBY_KM = 15.0


def _told_again_in_its_region(ctx: Context, first: Draft, then: Draft) -> bool:
    """ "وعلى صعيد محافظة الحديدة، شنت مقاتلات التحالف غارات ... وأضاف مصدر أن القصف استهدف
    مبنى في مديرية حيس": the next sentence refers back to the act ("القصف") and names the
    place inside the governorate the first report gave. So does a report of a village the
    first left unnamed, up to two sentences on ("غارات جوية على قرية يسيطر عليها التنظيم في
    محافظة حلب ... ألقى الطيران براميل متفجرة على قرية قصر البريج")."""
    if first.place is None or then.place is None or first.place.precision < 3:
        return False
    if first.classification.event_type != then.classification.event_type:
        return False
    triggers = then.classification.triggers
    # the first word of the act refers back: "القصف استهدف"
    refers_back = then.clause.sentence == first.clause.sentence + 1 and bool(
        triggers and triggers[0].definite
    )
    names_the_village = (
        0 < then.clause.sentence - first.clause.sentence <= VILLAGE_TOLD_WITHIN
        and then.place.precision == 1
        and _unnamed_village(ctx, first)
    )
    if not (refers_back or names_the_village):
        return False
    region = ctx.gazetteer_places[first.place.index].place
    return _same_governorate(ctx.gazetteer_places[then.place.index].place, region)


VILLAGE_WORDS = words("قرية، بلدة")
# what follows a village the report does not name: "على قرية يسيطر عليها", "بلدة تقع في"
UNNAMING_WORDS = words("يسيطر، تسيطر، تخضع، يخضع، تقع، يقع، تبعد، يقطنها، يسكنها، في، قرب، تابعة")
VILLAGE_TOLD_WITHIN = 2  # sentences


def _unnamed_village(ctx: Context, draft: Draft) -> bool:
    """The draft's window speaks of a village without naming it ("على قرية يسيطر عليها")."""
    tokens = ctx.mentions.tokens
    return any(
        cores(tokens[j].text) & VILLAGE_WORDS and cores(tokens[j + 1].text) & UNNAMING_WORDS
        for j in range(draft.clause.first, min(draft.clause.last, len(tokens) - 1))
    )


def _same_place(ctx: Context, a: Draft, b: Draft, *, same_type: bool) -> bool:
    """The same coded place, or one report names a place near the other's (same type only)."""
    if a.place is None or b.place is None:
        return a.place is b.place
    if a.place.coded_to == b.place.coded_to:
        return True
    if same_type and (_quarter_of(ctx, a.place, b.place) or _quarter_of(ctx, b.place, a.place)):
        return True
    if not same_type or max(a.place.precision, b.place.precision) < 2:
        return False
    return _km_apart(ctx, a.place, b.place) <= NEARBY_KM


def _quarter_of(ctx: Context, quarter: ResolvedPlace, city: ResolvedPlace) -> bool:
    """ "شهدت العاصمة بغداد هجوما انتحاريا" and the bombing in al-Shuala that day: an act told
    once at a big city and once at one of its quarters is one act, at the quarter."""
    return (
        ctx.gazetteer_places[quarter.coded_to].feature == "neighbourhood"
        and ctx.gazetteer_places[city.coded_to].rank >= CITY_RANK
        and _km_apart(ctx, quarter, city) <= NEARBY_KM
    )


# a coalition and the state that leads it report one strike under either name
COALITION_LEADS = frozenset({frozenset({"coalition", "us-military"})})


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    if frozenset({a.actor_id, b.actor_id}) in COALITION_LEADS:
        return True
    if (a.actor_id in GENERIC_REBELS or b.actor_id in GENERIC_REBELS) and a.inter == b.inter:
        return True  # "the opposition factions" and a named faction of them
    generic = ("Unidentified Armed Group", "Civilians")
    return a.name.startswith(generic) or b.name.startswith(generic)


def _reported_from_the_other_side(keep: Draft, other: Draft) -> bool:
    """The other report names this one's actor1 as its actor2 (or its sides clash with this
    one's in order): a battle told from the other side."""
    if (
        keep.actor1 is not None
        and other.actor2 is not None
        and keep.actor1.name == other.actor2.name
    ):
        return True
    same_first = _compatible(keep.actor1, other.actor1) or _one_state(keep.actor1, other.actor1)
    in_order = same_first and _compatible(keep.actor2, other.actor2)
    return not in_order


def _absorb(ctx: Context, keep: Draft, other: Draft) -> None:
    """Fold ``other`` into ``keep`` by ACLED's hierarchy; fill what ``keep`` lacks."""
    at_protest = _arrests_at_protest(keep, other)
    interception = _intercepted(keep, other)
    if interception or at_protest:
        # who fired is who the defences stopped; "صدامات ... وتوقيف 9 أشخاص": who arrested
        # is who met the protest
        _their_actor1_as_actor2(keep, other)
    elif _force_on_protest(keep, other) or _force_on_protest(other, keep):
        _absorb_into_protest(keep, other)
    else:
        _take_the_higher_type(keep, other)
    # a battle reported from the other side: its actor1 is this one's actor2
    pairs: tuple[tuple[str, str], ...] = (("actor1", "actor2"), ("actor2", "actor1"))
    if not _reported_from_the_other_side(keep, other):
        pairs = (("actor1", "actor1"), ("actor2", "actor2"))
    arrests = _arrests_during(keep, other) or at_protest
    # folded arrests and an intercepted launch are not the act: their sides are not its
    # target, and they lend their sentence to the notes' evidence, not their words to the type
    folded = arrests or interception
    if folded:
        pairs = ()
    if keep.classification.sub_event_type == EXCESSIVE_FORCE:
        pairs = ()  # the protesters and the force that fired are set
    for role, their_role in pairs:
        mine, theirs = getattr(keep, role), getattr(other, their_role)
        generic_mine = mine is not None and mine.name.startswith("Unidentified")
        if mine is None or (
            theirs is not None and generic_mine and not theirs.name.startswith("Unidentified")
        ):
            setattr(keep, role, theirs)
            if their_role in other.why:
                keep.why[role] = other.why[their_role]
    keep.fatalities = _merge_tolls(keep.fatalities, other.fatalities)
    keep.belief = keep.belief or other.belief
    keep.named_as = keep.named_as or other.named_as
    keep.why = {**other.why, **keep.why}
    keep.warnings = list(dict.fromkeys(keep.warnings + other.warnings))
    if keep.date.expression is None and other.date.expression is not None:
        keep.date = other.date
    borrowed = keep.place_note in BORROWED_PLACES
    # the quarter one report names places an act the other put in its city
    quarter = (
        keep.place is not None
        and other.place is not None
        and _quarter_of(ctx, other.place, keep.place)
    )
    if (
        keep.place is not None
        and other.place is not None
        and (other.place.precision < keep.place.precision or borrowed or quarter)
        and other.place_note not in BORROWED_PLACES
    ):
        keep.place = other.place
        keep.place_note = other.place_note
        for name in ("location", "geo_precision"):
            if name in other.why:
                keep.why[name] = other.why[name]
    keep.spans += [s for s in other.spans if s[0] == "notes"] if folded else other.spans
    keep.assoc1 = list(dict.fromkeys(keep.assoc1 + other.assoc1))
    keep.assoc2 = list(dict.fromkeys(keep.assoc2 + other.assoc2))


def _their_actor1_as_actor2(keep: Draft, other: Draft) -> None:
    """``other``'s actor1, with its span, fills ``keep``'s empty actor2."""
    if keep.actor2 is None and other.actor1 is not None:
        keep.actor2, keep.actor2_span = other.actor1, other.actor1_span
        if other.actor1_span:
            keep.spans.append(("actor2", *other.actor1_span))


def _take_the_higher_type(keep: Draft, other: Draft) -> None:
    """ACLED's hierarchy: the type ranked higher of the two becomes the merged one's."""
    ka, kb = keep.classification, other.classification
    rank_keep = (
        ka.weak,
        FAMILY_RANK.get(ka.event_type, 9),
        acled.HIERARCHY_RANK[ka.sub_event_type],
    )
    rank_other = (
        kb.weak,
        FAMILY_RANK.get(kb.event_type, 9),
        acled.HIERARCHY_RANK[kb.sub_event_type],
    )
    if rank_other < rank_keep:
        keep.classification = kb
        keep.civilian_targeting = other.civilian_targeting
        if kb.event_type == acled.BATTLES and _civilian_or_none(keep.actor2):
            # "قصف على دوما أسفر عن إصابة تسعة، فيما دارت اشتباكات بين القوات الحكومية وجيش
            # الإسلام": the fight absorbs the shelling, its sides are the fight's
            own_name = keep.actor1.name if keep.actor1 else ""
            side = next((a for a in (other.actor2, other.actor1) if a and a.name != own_name), None)
            if side is not None and not _civilian_or_none(side):
                keep.actor2 = side


def _civilian_or_none(actor: Actor | None) -> bool:
    return actor is None or actor.inter in NOT_A_SIDE


def _merge_tolls(a: FatalityCount | None, b: FatalityCount | None) -> FatalityCount | None:
    """Two reports of one toll: the lowest specific figure (ACLED), a number over a vague word;
    a figure of "others" ("وقتل جنديان آخران") adds to the one told before."""
    if a is None or a.value == 0:
        return b or a
    if b is None or b.value == 0:
        return a
    if (a.more or b.more) and not (a.vague or b.vague):
        return replace(a, value=a.value + b.value, more=False)
    if a.vague != b.vague:
        return b if a.vague else a
    return a if a.value <= b.value else b


# ------------------------------------------------------------------------------------- records


def to_events(ctx: Context, drafts: Sequence[Draft]) -> list[Event]:
    """ACLED records for merged drafts (history was left out when merging), with evidence
    spans into the original text."""
    events = []
    for ordinal, draft in enumerate(drafts):
        # after merging: a force named in one report of the protest is the one that dispersed it
        _dispersing_police(ctx, draft)
        event = _event(ctx, draft, ordinal)
        if event is not None:
            events.append(event)
    return events


def _one_side_twice(draft: Draft) -> bool:
    """The same actor on both sides outside a battle (where ACLED does record infighting)."""
    first, second = draft.actor1, draft.actor2
    same = first is not None and second is not None and first.name == second.name
    return same and draft.classification.event_type != acled.BATTLES


def _event(ctx: Context, draft: Draft, ordinal: int) -> Event | None:
    place_record = ctx.gazetteer_places[draft.place.coded_to] if draft.place else None
    if place_record is not None and place_record.abroad:
        return None  # outside the covered region: no point or admin units to code it with
    place = getattr(place_record, "place", None)
    country_code = place.country_code if place else ctx.country
    country, iso, region = acled.COUNTRIES.get(country_code, ("", 0, ""))
    classification = draft.classification
    if _one_side_twice(draft):
        # one side hitting itself is a report that names only one side
        draft.actor2, draft.actor2_span, draft.assoc2 = None, None, []
    actor1, actor2 = draft.actor1, draft.actor2
    inter1 = actor1.inter if actor1 else ActorType.NONE
    inter2 = actor2.inter if actor2 else ActorType.NONE
    evidence = _evidence(ctx, draft)
    precision = draft.place.precision if draft.place else 3
    if draft.place is not None and draft.place_note == "the article's main place":
        precision = max(precision, 2)
    event_id = _event_id(ctx.mentions.article.id, draft, ordinal)
    fatalities = draft.fatalities.value if draft.fatalities else 0
    base = Event(
        article_id=ctx.mentions.article.id,
        event_id=event_id,
        event_date=draft.date.value,
        time_precision=draft.date.precision,
        disorder_type=classification.disorder_type,
        event_type=classification.event_type,
        sub_event_type=classification.sub_event_type,
        actor1=actor1.name if actor1 else "",
        assoc_actor_1="; ".join(draft.assoc1),
        inter1=inter1,
        actor2=actor2.name if actor2 else "",
        assoc_actor_2="; ".join(draft.assoc2),
        inter2=inter2,
        civilian_targeting="Civilians targeted" if draft.civilian_targeting else "",
        iso=iso,
        region=region,
        country=country,
        admin1=place.admin1 if place else "",
        admin2=place.admin2 if place else "",
        admin3=place.admin3 if place else "",
        location=place.name if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=precision,
        source=ctx.source,
        source_scale=ctx.source_scale,
        notes="",
        fatalities=fatalities,
        tags="",
        timestamp=ctx.timestamp,
        event_id_cnty=f"{acled.ISO3.get(country_code, 'XXX')}{int(event_id[:8], 16) % 10**7}",
        evidence=evidence,
        claim=_claim(ctx, draft.clause.sentence),
        warnings=tuple(draft.warnings) + draft.date.warnings,
        why=tuple(sorted(draft.why.items())),
    )
    named = ctx.gazetteer_places[draft.place.index] if draft.place else None
    return replace(
        base,
        notes=write_note(
            base,
            draft_place_name=getattr(getattr(named, "place", None), "name", ""),
            precision_note=draft.place_note,
            belief=draft.belief,
            named_as=draft.named_as,
            toll_note=_split_note(draft.fatalities) if draft.fatalities else "",
        ),
    )


def _split_note(count: FatalityCount) -> str:
    if count.places <= 1:
        return ""
    return f"{count.reported} reported for {count.places} places, divided evenly"


def _claim(ctx: Context, sentence: int) -> str:
    """Who reports the event: the source named in its sentence, else the one before it."""
    for index in (sentence, sentence - 1):
        if ctx.claims.get(index):
            return ctx.claims[index]
    return ctx.claims.get(-1, "")


def _event_id(article_id: str, draft: Draft, ordinal: int) -> str:
    place = draft.place.coded_to if draft.place else -1
    parts = (article_id, draft.classification.sub_event_type, place, draft.date.value, ordinal)
    key = "|".join(str(part) for part in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _evidence(ctx: Context, draft: Draft) -> tuple[Evidence, ...]:
    seen: set[tuple[str, int, int]] = set()
    evidence = []
    for name, start, end in draft.spans:
        o_start, o_end = ctx.mentions.original_offsets(start, end)
        key = (name, o_start, o_end)
        if key in seen or o_end <= o_start:
            continue
        seen.add(key)
        evidence.append(Evidence(name, o_start, o_end, ctx.mentions.article.text[o_start:o_end]))
    return tuple(evidence)


def article_country(
    ctx_places: Sequence[ResolvedPlace], gazetteer_places: Sequence[PlaceRecord], fallback: str
) -> str:
    """The country most of the article's resolved places are in."""
    votes: dict[str, float] = defaultdict(float)
    for resolved in ctx_places:
        if resolved.mention.context.origin:
            continue
        record = gazetteer_places[resolved.index]
        place = getattr(record, "place", None)
        if place is None or getattr(record, "abroad", False):
            continue  # events are coded in the covered region only
        weight = 0.5 if getattr(record, "feature", "") == "country" else 1.0
        votes[place.country_code] += weight
    # a tie goes to the country the article's words point to
    return max(votes, key=lambda cc: (votes[cc], cc == fallback)) if votes else fallback


def mention_kind_of(field_name: str) -> MentionKind:
    """The Mention kind of an evidence field."""
    return {
        "location": MentionKind.PLACE,
        "actor1": MentionKind.ACTOR,
        "actor2": MentionKind.ACTOR,
        "event_date": MentionKind.DATE,
        "fatalities": MentionKind.NUMBER,
    }.get(field_name, MentionKind.TRIGGER)
