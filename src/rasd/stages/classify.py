"""ACLED event type and sub-event type of a clause, from trigger words and cues.

A clause reports an event when it holds an event trigger ("غارة", "اشتباكات", "انفجار عبوة") that
no modality cancels (threats, plans, denials, trials: "هدد", "نفى", "المحكمة"). The sub-event
type follows ACLED's hierarchy when tactics mix (../shared/ACLED.md §1.2): chemical weapons and
suicide bombs first; a ground battle absorbs the air strikes and shelling that accompany it;
an air strike absorbs shelling; a killing is violence against civilians only when the victims
are civilians.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasd import acled
from rasd.arabic import Lexicon, LexiconMatch, Token, analyses, cores, entry_words
from rasd.errors import DataError
from rasd.stages.normalize import fold, words

WEAK_REASONS = frozenset({"attack words", "attack on an armed group", "killing of combatants"})
EVENT = "event"
CUE = "cue"
CANCELLING_CUES = ("negation", "modality", "trial", "habitual", "stance")
# groups whose words say an attack happened but not how: the cues decide
GENERIC_ATTACK = frozenset({"shelling_generic", "attack_verb"})


@dataclass(frozen=True, slots=True)
class TriggerSense:
    """What a trigger or cue word means."""

    group: str
    kind: str
    sub: str = ""
    verb: bool = False
    """A verb form: never read after the article ("السيطره" is the noun, not "سيطر" + "ه")."""


@dataclass(frozen=True, slots=True)
class TriggerMention:
    """A trigger or cue found in the text (normalised token span)."""

    first: int
    last: int
    start: int
    end: int
    key: str
    senses: tuple[TriggerSense, ...]
    definite: bool = False
    """Written with the article ("الهجوم"): often refers back to an event already reported."""
    groups: frozenset[str] = frozenset()
    is_event: bool = False

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        key: str,
        senses: tuple[TriggerSense, ...],
        definite: bool = False,
        groups: frozenset[str] = frozenset(),
        is_event: bool = False,
    ) -> None:
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "senses", senses)
        object.__setattr__(self, "definite", definite)
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "is_event", is_event)

    @classmethod
    def of(
        cls,
        first: int,
        last: int,
        start: int,
        end: int,
        key: str,
        senses: tuple[TriggerSense, ...],
        definite: bool,
    ) -> TriggerMention:
        """A mention with its groups and event flag computed once."""
        groups = frozenset(s.group for s in senses)
        is_event = any(s.kind == EVENT for s in senses)
        return cls(first, last, start, end, key, senses, definite, groups, is_event)

    def read_as(self, sense: TriggerSense) -> TriggerMention:
        """The same words read in one other sense ("أطلق" as a release, "سقطت" as shelling)."""
        return TriggerMention.of(
            self.first, self.last, self.start, self.end, self.key, (sense,), definite=False
        )


@dataclass(frozen=True, slots=True)
class Classification:
    """The ACLED type of one event and the words that decided it."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    triggers: tuple[TriggerMention, ...]
    reason: str

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        event_type: str,
        sub_event_type: str,
        disorder_type: str,
        triggers: tuple[TriggerMention, ...],
        reason: str,
    ) -> None:
        object.__setattr__(self, "event_type", event_type)
        object.__setattr__(self, "sub_event_type", sub_event_type)
        object.__setattr__(self, "disorder_type", disorder_type)
        object.__setattr__(self, "triggers", triggers)
        object.__setattr__(self, "reason", reason)

    @property
    def weak(self) -> bool:
        """Decided by generic attack words only ("هجوم", "استهدف"), not by means or fighting."""
        return self.reason in WEAK_REASONS


class TriggerLexicon:
    """Trigger and cue words by group."""

    def __init__(self, pairs: list[tuple[str, TriggerSense]]):
        self.lexicon: Lexicon[TriggerSense] = Lexicon(pairs, enclitics=True, min_core=2)
        self.groups = frozenset(sense.group for _, sense in pairs)

    @classmethod
    def from_yaml(cls, content: Mapping[str, Any]) -> TriggerLexicon:
        """Build from the parsed ``triggers.yaml``; unknown sub-event types raise DataError."""
        pairs: list[tuple[str, TriggerSense]] = []
        for group, raw in (content.get("groups") or {}).items():
            kind = raw.get("kind")
            sub = raw.get("sub", "")
            if kind not in (EVENT, CUE) or (kind == EVENT and sub not in acled.EVENT_TYPE_OF):
                raise DataError(f"triggers.yaml: group {group!r} has kind {kind!r}, sub {sub!r}")
            sense = TriggerSense(str(group), kind, sub)
            verbal = TriggerSense(str(group), kind, sub, verb=True)
            pairs += [(form, sense) for form in raw.get("forms") or []]
            pairs += [
                (form, verbal) for verb in raw.get("verbs") or [] for form in verb_forms(verb)
            ]
            pairs += [
                (form, verbal)
                for verb in raw.get("past_verbs") or []
                for form in verb_forms(verb, present=False)
            ]
        return cls(pairs)

    def find(self, tokens: Sequence[Token]) -> list[TriggerMention]:
        """Triggers and cues in a token sequence."""
        return self.mentions(self.lexicon.find(tokens))

    @staticmethod
    def mentions(
        matches: Sequence[LexiconMatch[TriggerSense]],
        noun_ending: Callable[[int], bool] = lambda _: False,
    ) -> list[TriggerMention]:
        """Trigger mentions of lexicon matches (from ``find`` or a LexiconSet).

        noun_ending: whether the letter at a normalised offset was a taa marbuta ("ة"), which
        folding writes as "ه": "سيطرة" is the noun, not the verb "سيطر" with a pronoun.
        """
        found = []
        for m in matches:
            definite = m.prefix.endswith(("ال", "لل"))
            feminine = m.suffix == "ه" and noun_ending(m.end)
            if feminine and not _takes_feminine(m.key):
                continue  # "قبضة" (grip) is not "القبض" (arrest), nor "القتلة" (killers) "قتل"
            noun = definite or feminine
            senses = tuple(s for s in m.values if not (noun and s.verb))
            if senses:
                found.append(
                    TriggerMention.of(m.first, m.last, m.start, m.end, m.key, senses, definite)
                )
        return found


def _takes_feminine(key: str) -> bool:
    """Whether a taa marbuta on the word keeps its meaning: participles and adjectives
    ("مختطفة", "قتيلة", "جريحة", "قناصة", "رشاشة") do; on a verbal noun or verb it makes
    another word ("قبضة" grip, "قضية" case, "قتلة" killers, "إشارة" sign)."""
    fa_il = len(key) == 4 and key[2] in "اي"  # قتيل، جريح، قناص، رشاش
    return key.startswith("م") or fa_il


# "أطلق" frees as well as fires: "أطلقت الحركة قبل خروجها سراح 13 عسكريا", "أطلق أمس 28 مخطوفا"
FIRING_VERBS = words("أطلق، أطلقت، أطلقوا، يطلق، تطلق")
FREEDOM = words("سراح، سراحهم، سراحه، سراحها")
CAPTIVES = words(
    "مخطوف، مخطوفا، مخطوفين، مختطف، مختطفا، مختطفين، معتقل، معتقلا، معتقلين، معتقلات، أسير، "
    "أسيرا، أسرى، سجين، سجينا، سجناء، رهينة، رهائن، محتجز، محتجزا، محتجزين، موقوفين"
)
FREEDOM_REACH = 8  # the subject and an aside may come between the verb and "سراح"
CAPTIVE_REACH = 3  # only a time word or a number between the verb and its captives
RELEASE = TriggerSense("agreement", EVENT, "Agreement")
LAUNCHING = FIRING_VERBS | words("إطلاق، وإطلاق، بإطلاق")
# what is launched without firing: "أطلق ناشطون حملة", "أطلقت الوزارة مبادرة", "إطلاق صفارات"
LAUNCHED_THINGS = words(
    """
    حملة، حملات، مبادرة، مبادرات، تصريحات، تصريح، وعود، وعودا، نداء، نداءات، دعوة، دعوات، شعار،
    شعارات، مشروع، برنامج، خطة، حوار، تطبيق، وسم، هاشتاغ، عريضة، جائزة، فعاليات،
    فعالية، صفارات، صافرات، تحذير، تحذيرات، اسم، مسابقة، منصة، صندوق، سباق، تسمية، لقب
"""
)
WEAPON_CUES = frozenset({"artillery", "smallarms", "device", "air"})
LAUNCH_REACH = 5  # the subject may come between: "أطلق كثير من الناشطين اليمنيين حملة"


def read_releases(
    mentions: Sequence[TriggerMention], tokens: Sequence[Token], token_sentence: Sequence[int]
) -> list[TriggerMention]:
    """The mentions with "أطلق" read as a release where "سراح" or captives follow it, and left
    out where a campaign, a statement or an initiative is what is launched.

    A captive counts only when no other trigger comes between ("أطلقوا قذائف على المعتقلين"
    is fire); "سراح" never goes with fire, so it may come later in the sentence.
    """
    starts = {m.first for m in mentions}
    weapon_starts = {m.first for m in mentions if m.is_event or m.groups & WEAPON_CUES}
    found = []
    for m in mentions:
        launching = m.first == m.last and "attack_verb" in m.groups and m.key in LAUNCHING
        if launching and _launches_no_weapon(m.last, tokens, token_sentence, weapon_starts):
            continue  # "أطلق ناشطون حملة إلكترونية": a campaign, not fire
        if launching and m.key in FIRING_VERBS and _frees(m.first, tokens, token_sentence, starts):
            m = m.read_as(RELEASE)
        found.append(m)
    return found


def _launches_no_weapon(
    verb: int, tokens: Sequence[Token], token_sentence: Sequence[int], trigger_starts: set[int]
) -> bool:
    """A launched thing follows with no trigger (a weapon, "النار") and no "و" opening a next
    clause before it ("الصاروخ أطلقه الحوثيون، ونشرت قناة العربية")."""
    for j in range(verb + 1, min(verb + 1 + LAUNCH_REACH, len(tokens))):
        word = tokens[j].text
        if token_sentence[j] != token_sentence[verb] or j in trigger_starts or word[0] == "و":
            return False
        if cores(word) & LAUNCHED_THINGS:
            return True
    return False


def _frees(
    verb: int, tokens: Sequence[Token], token_sentence: Sequence[int], trigger_starts: set[int]
) -> bool:
    sentence = token_sentence[verb]
    for j in range(verb + 1, min(verb + 1 + FREEDOM_REACH, len(tokens))):
        if token_sentence[j] != sentence:
            return False
        word_cores = cores(tokens[j].text)
        if word_cores & FREEDOM:
            return True
        if j - verb <= CAPTIVE_REACH and word_cores & CAPTIVES:
            return not any(k in trigger_starts for k in range(verb + 1, j))
    return False


IMPACT_REACH = 4  # "القذيفة الصاروخية سقطت", "سقطت على البلدة ثلاث قذائف"
IMPACT = TriggerSense("shelling", EVENT, "Shelling/artillery/missile attack")


def read_impacts(
    mentions: Sequence[TriggerMention], token_sentence: Sequence[int]
) -> list[TriggerMention]:
    """The mentions with "سقطت" read as shelling where a shell or rocket is named next to it."""
    weapons = [m.first for m in mentions if "artillery" in m.groups]
    found = []
    for m in mentions:
        if "impact" in m.groups and any(
            abs(w - m.first) <= IMPACT_REACH and token_sentence[w] == token_sentence[m.first]
            for w in weapons
        ):
            m = m.read_as(IMPACT)
        found.append(m)
    return found


# "الفصائل المقاتلة" (the fighting factions), "فصائل مقاتلة", "مصرع المقاتلة البريطانية" (the
# woman fighter's death): "مقاتلة" is a warplane only where it neither describes the word
# before it nor names someone who died ("أسقطت مقاتلة روسية", "اختراق المقاتلة السورية")
FIGHTER = fold("مقاتلة")
FIGHTING_GROUPS = words(
    "فصائل، كتائب، وحدات، جماعة، جماعات، قوات، عناصر، مجموعات، مجموعة، ميليشيات، فرق، "
    "ألوية، تنظيمات، حركات"
)
DEATH_NOUNS = words("مقتل، مصرع، استشهاد، وفاة، جثة، جثمان")


def _not_a_warplane(before: str, fighter: TriggerMention) -> bool:
    readings = analyses(before)
    before_cores = {a.core for a in readings} | {before}
    definite_before = any(a.article for a in readings)
    return bool(
        before_cores & (FIGHTING_GROUPS | DEATH_NOUNS) or (fighter.definite and definite_before)
    )


# "في مواجهة الإرهاب", "لمواجهة الأزمات", "مواجهة الفكر المنحرف": confronting something is no
# clash; a confrontation told as one is ("مواجهة بين", "مواجهة مسلحة", "اندلاع مواجهة عنيفة")
CONFRONTING = fold("مواجهة")
A_CONFRONTATION = words(
    "بين، مع، مسلحة، عسكرية، عنيفة، دامية، شرسة، ضارية، مباشرة، محدودة، جديدة، قصيرة، "
    "استمرت، دارت، اندلعت، وقعت"
)


def _confronting_something(confronting: TriggerMention, tokens: Sequence[Token]) -> bool:
    """An indefinite "مواجهة" whose next word is its object, not "بين", "مع" or a description."""
    if confronting.definite or confronting.first != confronting.last:
        return False
    j = confronting.last + 1
    after = tokens[j].text if j < len(tokens) else ""
    return not cores(after) & A_CONFRONTATION


# "منظمة حظر الأسلحة الكيماوية", "برنامج الأسلحة الكيميائية", "مواقع يشتبه باحتوائها على
# أسلحة كيميائية": the weapons named are no attack; used ("باستخدام أسلحة كيماوية") or as the
# means ("هجوم بالأسلحة الكيماوية", "قصف بغاز الكلور") they are
CHEMICAL_WEAPONS = frozenset(
    " ".join(entry_words(w))
    for w in (
        "أسلحة كيماوية",
        "أسلحة كيميائية",
        "السلاح الكيماوي",
        "الأسلحة الكيميائية",
        "الأسلحة الكيماوية",
        "غازات سامة",
        "غاز سام",
    )
)
USE_WORDS = words(
    "استخدام، باستخدام، استخدم، استخدمت، يستخدم، تستخدم، يستخدمون، استخدموا، استعمال، "
    "باستعمال، استعمل، استعملت، لاستخدام"
)


def _weapons_named(weapons: TriggerMention, tokens: Sequence[Token]) -> bool:
    """Chemical weapons named as things: no "ب" of means before them, no word of use."""
    first = tokens[weapons.first].text
    prefix = first[: len(first) - len(weapons.key.split(" ", 1)[0])]
    if "ب" in prefix:
        return False
    before = tokens[weapons.first - 1].text if weapons.first else ""
    return not cores(before) & USE_WORDS


# the weapons interception, foiling and defusal words stop when they report Disrupted weapons
# use, an explosion or strike prevented ("اعترضت الدفاعات الجوية صاروخا", "تفكيك ثلاثة عبوات");
# not objecting ("اعترض على القرار"), dismantling cells ("تفكيك خلايا") or repelling a ground
# attack ("أحبطت المقاومة هجوما شنه مسلحون", a battle)
STOPPED_THINGS = words(
    """
    صاروخ، صاروخا، صواريخ، صاروخين، قذيفة، قذائف، طائرة، طائرات، مسيرة، مسيرات، عبوة، عبوات،
    لغم، ألغام، قنبلة، قنابل، مفخخة، مفخخات، تفجير، تفجيرات، انتحاري، انتحارية، ناسفة، ناسف
"""
)
OBJECT_PRONOUNS = ("ه", "ها", "هما", "هم")
INTERCEPTION = fold("اعتراض")
OBJECTING = words("على")
STOP_REACH = 7  # the subject may come between: "اعترضت قوات الدفاع الجوي الملكي السعودي صاروخا"
DISRUPTED = TriggerSense("disrupted", EVENT, "Disrupted weapons use")


def _stops_a_weapon(foiling: TriggerMention, tokens: Sequence[Token]) -> bool:
    """A weapon or an attack follows within a few words, or the word carries it as a pronoun
    ("تمكنت من اعتراضه وتدميره")."""
    after = tokens[foiling.last + 1].text if foiling.last + 1 < len(tokens) else ""
    if after in OBJECTING:
        return False
    word = tokens[foiling.last].text
    # the pronoun of a verb or of "اعتراض" is what was stopped; on "إحباطهم" it is who stopped
    object_word = foiling.key == INTERCEPTION or any(s.verb for s in foiling.senses)
    if object_word and word != foiling.key and word.endswith(OBJECT_PRONOUNS):
        return True
    stop = min(len(tokens), foiling.last + 1 + STOP_REACH)
    return any(cores(tokens[j].text) & STOPPED_THINGS for j in range(foiling.last + 1, stop))


def _not_an_act(mention: TriggerMention, tokens: Sequence[Token]) -> bool:
    if mention.key == CONFRONTING:
        return _confronting_something(mention, tokens)
    return mention.key in CHEMICAL_WEAPONS and _weapons_named(mention, tokens)


def read_in_context(
    mentions: Sequence[TriggerMention], tokens: Sequence[Token]
) -> list[TriggerMention]:
    """The mentions read against the words around them: "مقاتلة" without its warplane
    reading where it describes the group before it or names someone who died; "مواجهة" that
    names something confronted, chemical weapons named as things and "ألقى" of an arrest
    ("ألقت الشرطة القبض") left out; words of interception or foiling that stop a weapon read as
    Disrupted weapons use."""
    found = []
    for m in mentions:
        if m.key == FIGHTER and m.first > 0 and _not_a_warplane(tokens[m.first - 1].text, m):
            senses = tuple(s for s in m.senses if s.group != "air")
            if not senses:
                continue
            m = TriggerMention.of(m.first, m.last, m.start, m.end, m.key, senses, m.definite)
        elif "airstrike" in m.groups and m.key in DROPPED and _arrest_follows(m, tokens):
            continue  # "ألقت الشرطة القبض على": an arrest, not bombs dropped
        elif "foiling" in m.groups:
            if not _stops_a_weapon(m, tokens):
                continue
            m = m.read_as(DISRUPTED)
        elif _not_an_act(m, tokens):
            continue
        found.append(m)
    return found


def verb_forms(stem: str, *, present: bool = True) -> list[str]:
    """Past (and present) forms of a verb given as its past 3rd person masculine.

    Example: ``verb_forms("قصف")`` includes قصفت قصفوا يقصف تقصف يقصفون.
    """
    words = fold(stem).split()
    head, rest = words[0], " ".join(words[1:])
    past = head[:-1] if head.endswith("ي") and len(head) > 3 else head
    bare = head[1:] if head.startswith("ا") else head
    forms = {head, past + "ت", past + "وا", past + "تا", head + "ا"}
    if present:
        forms |= {"ي" + bare, "ت" + bare, "ن" + bare, "ي" + bare + "ون", "ت" + bare + "ون"}
    return sorted(f"{form} {rest}".strip() for form in forms)


DROPPED = frozenset(verb_forms("ألقى", present=False))
SEIZURE = fold("القبض")
# the subject, a unit and a time may come between: "ألقت في نفس اليوم فرقة الأبحاث والتفتيش
# للحرس الوطني بزغوان القبض"; in the corpus every "ألقى" up to 11 words before "القبض" arrests
ARREST_REACH = 11


def _arrest_follows(dropped: TriggerMention, tokens: Sequence[Token]) -> bool:
    stop = min(len(tokens), dropped.last + 1 + ARREST_REACH)
    return any(tokens[j].text == SEIZURE for j in range(dropped.last + 1, stop))


def cancelled(cues: Collection[str]) -> str:
    """The cue group that cancels an event reading, or ""."""
    return next((c for c in CANCELLING_CUES if c in cues), "")


def classify(
    groups: Collection[str],
    *,
    civilian_victims: bool,
    armed_sides: int,
    state_agent: bool,
    deaths: bool,
    armed_victims: bool = False,
    agent_acts: bool = False,
) -> tuple[str, str] | None:
    """(sub-event type, reason) for the triggers and cues of one clause, or None.

    groups: trigger and cue groups present in the clause.
    civilian_victims: the victims or targets named are civilians only.
    armed_sides: how many distinct armed actors the clause names (2 means a fight).
    state_agent: the acting side is state forces (decides who regains territory).
    deaths: the clause reports deaths.
    armed_victims: the side hit is an armed one (soldiers, police, fighters).
    agent_acts: the clause names who did it as the one acting, and whom ("قتل مسلحون جنديا").
    """
    present = set(groups)
    # an assault with deaths is a fight, unless the dead are civilians and no second armed
    # side is named ("قتل 37 شخصا في هجوم استهدف فندقين" is an attack on civilians), or it
    # was made with a bomb, or with rockets by one side ("هجوم بعبوة ناسفة", "هجوم بصواريخ")
    remote = bool(present & {"explosion", "device", "grenade"}) or (
        "artillery" in present and "smallarms" not in present and armed_sides < 2
    )
    if "assault" in present and (armed_sides >= 2 or deaths) and not remote:
        present.add("clash" if armed_sides >= 2 or not civilian_victims else "attack_verb")
    has = present.__contains__
    if has("chemical"):
        return "Chemical weapon", "chemical weapon words"
    if has("disrupted"):
        return "Disrupted weapons use", "interception, downing or defusal"
    if has("suicide"):
        return "Suicide bomb", "suicide attack words"
    if has("capture") and has("positions") and not has("static"):
        return "Armed clash", "positions changed hands, not a place"
    if has("capture") and not has("static") and not has("airstrike") and armed_sides >= 1:
        if state_agent:
            return "Government regains territory", "capture by state forces"
        return "Non-state actor overtakes territory", "capture by a non-state actor"
    if has("clash") and has("protest") and armed_sides <= 1:
        # "مواجهات بين متظاهرين وقوات الأمن": demonstrators fighting the police riot
        return "Violent demonstration", "protesters clashing"
    if has("clash") and civilian_victims and armed_sides <= 1 and deaths:
        # "قتل فتى فلسطيني برصاص الجيش خلال مواجهات": one armed side and civilians dead is
        # no battle (ACLED's battles are between two armed, organised sides)
        return "Attack", "civilians killed in confrontations with one armed side"
    if has("clash") and (armed_sides >= 2 or not (has("airstrike") or has("shelling"))):
        return "Armed clash", "fighting words"
    if has("grenade") and not has("air"):
        # "ألقى مسلحون قنبلة يدوية": a hand grenade is thrown, whatever the verb of dropping
        return "Grenade", "hand grenade"
    if has("airstrike") or (
        (has("shelling") or has("attack_verb") or (has("explosion") and not has("device")))
        and has("air")
    ):
        return "Air/drone strike", "air strike words"
    if (has("attack_verb") or (has("assault") and armed_sides < 2)) and (
        has("artillery") and not has("smallarms")
    ):
        # "تعرض لهجوم بصواريخ": an attack with rockets, not a battle between two sides
        return "Shelling/artillery/missile attack", "attack with rockets, shells or missiles"
    if has("grenade"):
        return "Grenade", "hand grenade"
    if has("explosion") and not has("shelling"):
        return "Remote explosive/landmine/IED", "explosion or explosive device"
    if has("shelling"):
        return "Shelling/artillery/missile attack", "shelling, rockets or missiles"
    if has("explosion"):
        return "Remote explosive/landmine/IED", "explosion"
    if has("clash"):
        return "Armed clash", "attack words"
    if has("protest") and has("disperse") and not (has("kill") or deaths):
        # "أطلقت الشرطة الغاز المسيل للدموع على آلاف تجمعوا للتظاهر": a protest dispersed
        return "Protest with intervention", "protest dispersed"
    if has("fired_on_protest") and not has("riot"):
        # "أطلقت ميليشيات الحوثي الرصاص الحي على تظاهرة نسائية": fire on a protest, which
        # is no fight; lethal or wounding force is excessive (ACLED)
        if has("kill") or has("injury") or deaths:
            return "Excessive force against protesters", "protesters fired on and hurt"
        return "Protest with intervention", "protest fired on"
    if has("attack_verb") and not (has("kill") or has("abduction") or has("arrest")):
        if civilian_victims:
            return "Attack", "attack on civilians"
        if armed_sides >= 1:
            return "Armed clash", "attack on an armed group"
        return None
    if has("kill") and has("at_protest") and not has("riot"):
        # "قتل متظاهران برصاص قوات الأمن خلال احتجاجات": lethal force on a protest
        return "Excessive force against protesters", "protesters killed"
    if has("kill") and has("artillery") and not has("smallarms"):
        # "مقتل سبعة أشخاص في أكثر من 300 قذيفة سقطت على بلدتي الفوعة وكفريا"
        return "Shelling/artillery/missile attack", "deaths from shells, rockets or missiles"
    if has("kill") and has("smallarms") and armed_victims and not civilian_victims:
        # "عثر على الشرطيين اللذين قتلا برصاصة في الرأس": a shooting is an act of its own
        return "Armed clash", "combatants shot dead"
    return _non_military(
        has,
        civilian_victims=civilian_victims,
        armed_sides=armed_sides,
        deaths=deaths,
        killed_by=agent_acts,
        armed_victims=armed_victims,
    )


def _non_military(
    has: Any,
    *,
    civilian_victims: bool,
    armed_sides: int,
    deaths: bool,
    killed_by: bool,
    armed_victims: bool,
) -> tuple[str, str] | None:
    if has("kill"):
        if civilian_victims or armed_sides == 0:
            return "Attack", "killing of civilians"
        if killed_by and armed_victims:
            # "قتل مسلحون مجهولون جنديا": a named side killed fighters, an act of its own
            return "Armed clash", "fighters killed by a named side"
        if killed_by:
            # "اغتال مسلحون مجهولون مرشحا": a named side killed someone not of a force
            return "Attack", "a named side killed someone"
        return "Armed clash", "killing of combatants"
    if has("abduction"):
        return "Abduction/forced disappearance", "abduction words"
    if has("riot"):
        return "Violent demonstration", "rioting words"
    if has("protest"):
        if deaths:
            return "Excessive force against protesters", "protesters killed"
        if has("arrest") or has("disperse"):
            return "Protest with intervention", "protest dispersed or arrests"
        return "Peaceful protest", "protest words"
    if has("arrest"):
        return "Arrests", "arrest words"
    if has("agreement"):
        return "Agreement", "agreement, evacuation or release"
    if has("looting"):
        return "Looting/property destruction", "looting or destruction"
    if has("change"):
        return "Change to group/activity", "force movement or security measure"
    return None


def taxonomy_of(sub_event_type: str) -> tuple[str, str]:
    """(event type, disorder type) of an ACLED sub-event type."""
    return acled.EVENT_TYPE_OF[sub_event_type], acled.DISORDER_OF[sub_event_type]
