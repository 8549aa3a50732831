"""Who did what to whom: agent and target of an event from Arabic clause structure.

Cues, each a one-line rule:
- agent phrases: "من قبل X", "على يد X", "بنيران X", "برصاص X", "شنته X" -> X acts;
- an attack noun in construct: "غارات X", "قصف X", "طيران X", "مقاتلات X" -> X acts;
- a nisba adjective after a force or attack noun: "غارة إسرائيلية" -> Israel acts;
- verb then subject: "استهدفت قوات X", "قصفت X" -> X acts; subject then verb: "X تقصف" -> X acts;
- target phrases: "على/ضد X", "مواقع (لـ) X", "مقر X", "عناصر من X", "في صفوف X" -> X is hit;
- "بين X و Y" -> two sides of a fight; civilians are always the ones hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasd.arabic import Token, cores
from rasd.numbers import model_number, read_number, word_value
from rasd.stages.actors import ActorMention
from rasd.stages.classify import TriggerMention
from rasd.stages.fatalities import KILLING_VERBS, ONE_VICTIM_OBJECTS
from rasd.stages.normalize import fold, words

AGENT_BEFORE = words(
    """
    قبل، يد، نيران، رصاص، شنته، شنها، شنتها، نفذه، نفذته، نفذها، نفذتها، شنه، ألقاها، ألقته،
    أطلقها، أطلقته، تبنى، تبنت، يشنها، تشنها، تشنه، تبناه، تبنته، تبناها، تبنتها
"""
)
SOLDIERS = words("جنود، جندي، جنديا، جنديان، جنديين، شرطي، شرطيا، شرطيان، شرطيين، الشرطيين")
ATTACK_ADJECTIVES = words(
    "جديد، جديدة، جديده، عنيف، عنيفة، مكثف، مكثفة، متواصل، متواصلة، مستمرة، مماثل، مماثلة، "
    "متكررة، دامية، مفاجئ، مفاجئة، واسع، واسعة، صاروخي، صاروخية، جوي، جوية، مدفعي، مدفعية"
)
# "هجوم مسلح للمقاومة": the armed attack's owner follows it (the written word, as "المسلحة"
# also folds to "مسلح" + a pronoun: "القوات المسلحة والأمن" is no attack)
ARMED = words("مسلح، مسلحا")
# "مقاتلتان أمريكيتان", "مقاتلتا F-15": two aircraft, whose adjective names their owner
AIRCRAFT_PAIRS = words("مقاتلتان، مقاتلتا، طائرتان، طائرتا، مروحيتان، مروحيتين")
AGENT_NOUNS = AIRCRAFT_PAIRS | words(
    """
    غارات، غارة، قصف، طيران، طائرات، طائرة، مقاتلات، ضربات، ضربة، مدفعية، هجوم، هجمات، صواريخ،
    قذائف، مروحيات، قوات، عناصر، مسلحو، مقاتلو، دبابات، قناصة، قناص، بوارج، زوارق، عملية،
    تعزيزات، حملة، دورية، رتل، آليات، جنود، مسيرة، مسيرات، قصفا، هجوما، غاراتها، اعتداء، كمين،
    استخدام، لاستخدام،
    رصاص، صاروخ، صاروخا، صاروخين، صاروخان، قذيفة، قذيفتين، مقاتلة، مقاتلتين، مروحية، طائرتين
"""
)
# what a force holds: a nisba adjective after one names the owner ("مواقع إيرانية", "قواعد
# عسكرية إسرائيلية"); "عسكرية" may stand between
INSTALLATION_NOUNS = words(
    """
    قواعد، قاعدة، مواقع، مقر، مقرات، معسكر، معسكرات، ثكنة، ثكنات، مستودع، مستودعات، منشآت،
    منشأة، تجمعات، أهداف
"""
)
TARGET_BEFORE = words(
    """
    على، ضد، مواقع، موقع، مقر، مقرات، نقطة، نقاط، معسكر، حاجز، حاجزا، دورية، آلية، رتل، قافلة،
    تجمعات، تجمع، عناصر، عنصرا، عنصر، مقاتلي، مقاتلين، صفوف، قتلى، جنود، جنديا، أفراد، قياديا،
    قيادي، قائد، مستودع، مخازن، منشآت، قاعدة، قواعد، معاقل، معقل، تحصينات، مواقعا، مقار، آليات،
    سيارة، مسلحي، مسلحين، تجاه، لمسلحي، أهداف، قيادات، مركز، مراكز، منازل، مبنى، مخيم، استهدفت،
    استهدف، استهداف، مهاجمة، هاجمت، هاجم، تستهدف، يستهدف، لمقاتلي، عشرات، مرتزقة، قتل، مقتل،
    اعتقال، اختطاف، لصالح، بحق، طرد، وطرد، بطرد، مسجد، مسجدا، جامع، ثكنة، ثكنات
"""
)
ACTING_VERBS = words(
    """
    استهدفت، استهدف، شنت، شن، قصفت، قصف، هاجمت، هاجم، ألقى، ألقت، أطلقت، أطلق، نفذت، نفذ،
    اعتقلت، اعتقل، اختطف، اختطفت، أعدم، أعدمت، قتلت، تمكنت، تمكن، سيطرت، سيطر، استعادت، استعاد،
    تقدمت، دمرت، أسقطت، تصدت، فجر، فجرت، أغارت، داهمت، داهم، دخلت، حررت، اقتحمت، اقتحم،
    استهدفوا، هاجموا، تقصف، يقصف، تستهدف، يستهدف، تشن، يشن، أعلنت، أعلن، اشتبكت، اشتبك، سلم،
    سلمت، أطلق، أفرج، أفرجت، انسحبت، انسحب، نشرت، دفعت، أرسلت، واصلت، تابعت، قامت، قام، أحبطت،
    ضبطت، فككت، اعترضت، ردت، استهدفا، أغار، تحشد، يحشد، خرجت، غادرت، بدأت، بدأ، أزالت، فرقت،
    واجهت، اعترض، أحبط، أسقط، دمر، أمطرت، أمطر، أمطروا، استأنفت، استأنف، جددت، جدد، نفذوا، شنوا،
    قصفوا، اقتحموا، أطلقوا،
    زرعها، زرعه، زرعتها، زرعته، زرعوها، زرعوه، خلفتها، خلفها، خلفوها
"""
)
VICTIM_NOUNS = words(
    """
    عنصرا، عناصر، عنصر، مقاتلا، مقاتلين، مقاتلي، قتلى، قتيلا، جنود، جنديا، أفراد، مسلحا، مسلحين،
    قياديا، قيادي، أعضاء، عضوا، ضباط، ضابطا، جرحى، أسرى، أسيرا، المئات، العشرات، عشرات، مئات، عدد
"""
)
IN = words("في")
FIRING_POSITIONS = words("مواقع، مناطق، مراكز، نقاط، معاقل، مقرات، ثكنات")
RANK_NOUNS = words("قيادي، القيادي، عضو، العضو، أمير، مسؤول، قائد، زعيم، القائد، الزعيم، الأمير")
PASSIVE_NOUNS = words("لقصف، لهجوم، لغارة، لغارات، لضربات، لنيران، لإطلاق نار، قصف، هجوم، غارات")
POSSESSIVE_PREFIXES = frozenset({"ل", "لل", "ول", "فل", "ولل", "فلل"})
# "قصفت القوات الموالية للحوثيين": forces loyal to a side are that side acting, not its target
LOYAL = words("الموالية، الموالي، الموالين، الموالون")
FORCE_HEADS = words("القوات، قوات، العناصر، الوحدات")
# "الطيران المروحي التابع لقوات X", "زوارق انتحارية تابعة للحوثيين": what X owns
OWNED_BY = words("التابع، التابعة، التابعين، التابعون، تابع، تابعة")
OWNING = LOYAL | OWNED_BY
# "تعرضت فرقاطة سعودية لهجوم": the subject of "تعرض" (underwent) is hit
UNDERWENT = words("تعرض، تعرضت، يتعرض، تتعرض، تعرضوا")
UNDERWENT_REACH = 10  # "تعرضت فرقاطة سعودية أثناء قيامها بدورية مراقبة غرب ميناء الحديدة لهجوم"
# "لهجوم من قبل 3 زوارق انتحارية تابعة للحوثيين": the attack by the owner's asset
BY_ASSET_REACH = 6
BETWEEN = fold("بين")
FROM = frozenset({"من"})
BY_HAND = words("قبل، يد")  # "من قبل X", "على يد X"


PERSON_HEADS = (
    SOLDIERS
    | VICTIM_NOUNS
    | words(
        """
    عسكريين، عسكريون، عسكريا، عسكري، عسكريان، ضابطين، ضابطان، مسلحين، مسلحون، مدنيين، مدنيا،
    مدني، مدنيان، رجال، شرطيون
"""
    )
)


def _persons_hit(tokens: Sequence[Token], first: int) -> bool:
    """An adjective after persons who are killed, attacked or held: "مقتل عسكريين تركيين",
    "قتل ثلاثة جنود أتراك", "استهداف عناصر عراقيين"."""
    if not word_before(tokens, first) & PERSON_HEADS:
        return False
    j = first - 2
    while j >= 0 and _is_number(tokens[j].text):
        j -= 1
    return j >= 0 and bool(_cores(tokens[j].text) & TARGET_BEFORE)


def _is_number(word: str) -> bool:
    return word.isdigit() or word_value(word) is not None


def _number_before(tokens: Sequence[Token], first: int) -> bool:
    """ "12 مسلحا مواليا للنظام", "ثلاثة عناصر من X": a count before the actor names victims;
    not a model's number ("مقاتلتا F-15 أمريكيتان")."""
    return first > 0 and _is_number(tokens[first - 1].text) and not model_number(tokens, first - 1)


SIDE_MARKERS = words(
    """
    جهة، طرف، ناحية
"""
)


@dataclass(frozen=True, slots=True)
class Role:
    """How an actor mention takes part in an event."""

    mention: ActorMention
    agent: float
    target: float
    side: bool
    reason: str

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self, mention: ActorMention, agent: float, target: float, side: bool, reason: str
    ) -> None:
        object.__setattr__(self, "mention", mention)
        object.__setattr__(self, "agent", agent)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "side", side)
        object.__setattr__(self, "reason", reason)


def _cores(word: str) -> frozenset[str]:
    return cores(word)


def word_before(tokens: Sequence[Token], index: int, distance: int = 1) -> frozenset[str]:
    """The cores of the word ``distance`` tokens before ``index`` (empty before the text)."""
    j = index - distance
    return _cores(tokens[j].text) if 0 <= j < len(tokens) else frozenset()


def _prefix(tokens: Sequence[Token], mention: ActorMention) -> str:
    """The proclitics before the mention's first word, without the definite article."""
    word = tokens[mention.first].text
    head = mention.key.split()[0] if mention.key else word
    prefix = word[: max(0, len(word) - len(head))]
    return (
        prefix.removesuffix("ال")
        if prefix.endswith("ال") and not prefix.endswith("لال")
        else prefix
    )


COMPLEMENTIZERS = words("أن، إن، بأن، وأن، وإن")
# verbs and nouns of dealing a blow: "توجيه ضربة لـ X" strikes X, where "ضربة لـ X" is X's
DEALING = words("توجيه، وجه، وجهت، يوجه، توجه، ووجه، ووجهت، بتوجيه، وتوجيه، سدد، سددت، تسديد، كال")
DEALER_REACH = 6  # "توجيه طائرات التحالف العربي ضربة لـ": the dealer may stand between


def _blow_dealt(tokens: Sequence[Token], noun: int) -> bool:
    """A verb or noun of dealing comes shortly before the attack noun at ``noun``."""
    return any(_cores(tokens[j].text) & DEALING for j in range(max(0, noun - DEALER_REACH), noun))


SUBJECT_REACH = 8  # "قوات إيرانية على الجانب السوري من مرتفعات الجولان أطلقت"


def _verb_ahead(tokens: Sequence[Token], mention: ActorMention, stop: int) -> bool:
    """An acting verb follows the mention, with no other actor and no new clause between."""
    for j in range(mention.last + 1, min(stop, mention.last + 1 + SUBJECT_REACH, len(tokens))):
        found = _cores(tokens[j].text)
        if found & ACTING_VERBS:
            return True
        if found & (COMPLEMENTIZERS | FROM_WHICH):
            return False
    return False


FROM_WHICH = words("الذي، التي، الذين، حيث، بعد، قبل")


SPEECH = words("قال، وقال، ذكر، وذكر، أكد، وأكد، أوضح، وأوضح، أضاف، وأضاف، أفاد، وأفاد، صرح، أعلن")


def _speaker_rank(tokens: Sequence[Token], mention: ActorMention) -> bool:
    """ "وذكر القيادي في المقاومة أن ...": the member speaks, his group is not hit."""
    for distance in (2, 3):
        rank = mention.first - distance
        if rank >= 1 and _cores(tokens[rank].text) & RANK_NOUNS:
            return bool(_cores(tokens[rank - 1].text) & SPEECH)
    return False


def _underwent(tokens: Sequence[Token], mention: ActorMention) -> bool:
    """ "تعرضت القوات السعودية لهجوم", "تعرضت فرقاطة سعودية لهجوم": the subject of "تعرض" or
    its adjective (not "تعرضت للقصف الإسرائيلي", the owner of what it underwent)."""
    first = mention.first
    subject = (first >= 1 and tokens[first - 1].text in UNDERWENT) or (
        mention.is_adjective
        and first >= 2
        and tokens[first - 2].text in UNDERWENT
        and not tokens[first - 1].text.startswith("ل")
    )
    # what it underwent is an attack ("لهجوم", "لقصف"), not "لموجة إدانات"
    after = range(mention.last + 1, min(len(tokens), mention.last + 1 + UNDERWENT_REACH))
    return subject and any(tokens[j].text in PASSIVE_NOUNS for j in after)


def _by_asset(tokens: Sequence[Token], first: int) -> bool:
    """ "من قبل 3 زوارق انتحارية تابعة للحوثيين": "من قبل" shortly before the owner."""
    start = max(0, first - BY_ASSET_REACH)
    return any(
        tokens[j].text == "من" and tokens[j + 1].text == "قبل" for j in range(start, first - 1)
    )


def score_role(
    mention: ActorMention,
    tokens: Sequence[Token],
    *,
    clause_first: int,
    triggers: Sequence[TriggerMention],
    victim_type: bool,
    next_actor: int | None = None,
) -> Role:
    """Agent and target evidence for one actor mention inside its clause (``next_actor``: where
    the clause's next actor mention starts)."""
    before1 = word_before(tokens, mention.first)
    before2 = word_before(tokens, mention.first, 2)
    before3 = word_before(tokens, mention.first, 3)
    after1 = _cores(tokens[mention.last + 1].text) if mention.last + 1 < len(tokens) else set()
    prefix = _prefix(tokens, mention)
    agent = target = 0.0
    reasons = []
    side = bool((before1 | before2 | before3) & {BETWEEN}) or bool(
        after1 & FROM and word_before(tokens, mention.last + 3) & SIDE_MARKERS
    )
    # "هجمات جديدة للقوات الحكومية": an adjective may stand between the attack and its owner
    word_before_it = tokens[mention.first - 1].text if mention.first else ""
    attack_noun_before = bool(
        before1 & AGENT_NOUNS
        or ((before1 & ATTACK_ADJECTIVES or word_before_it in ARMED) and before2 & AGENT_NOUNS)
    )
    loyal_forces = bool(before1 & LOYAL and before2 & FORCE_HEADS)
    # "لهجوم من قبل 3 زوارق انتحارية تابعة للحوثيين": the attacking asset's owner (while
    # "مواقع تابعة للحوثيين" are hit, their owner with them)
    asset_owner = bool(before1 & OWNING) and _by_asset(tokens, mention.first)
    possessive = (
        prefix in POSSESSIVE_PREFIXES
        and not mention.is_adjective
        and not loyal_forces
        and not asset_owner
    )
    if _underwent(tokens, mention):
        target += 3
        reasons.append("subject of تعرض")
    if asset_owner:
        agent += 2.5
        reasons.append("owner of the asset that attacked")
    if loyal_forces and (before3 & ACTING_VERBS or mention.first - 2 == clause_first):
        agent += 2.5
        reasons.append("forces loyal to it act")
    if before1 & AGENT_BEFORE or before2 & BY_HAND:
        agent += 3
        reasons.append("agent phrase")
    installation = mention.is_adjective and bool((before1 | before2) & INSTALLATION_NOUNS)
    if installation:
        # "على قواعد عسكرية إسرائيلية", "استهدفت مواقع إيرانية": the owner of what was hit
        target += 3
        reasons.append("owner of the installation")
    elif mention.is_adjective and _persons_hit(tokens, mention.first):
        # "مقتل عسكريين تركيين اثنين": the nationality of the dead names the side hit
        target += 2.5
        reasons.append("nationality of the persons hit")
    elif attack_noun_before and prefix.endswith("ل") and _blow_dealt(tokens, mention.first - 1):
        # "توجيه ضربة لميليشيا الحوثي", "وجهت ضربة موجعة للتنظيم": the blow is dealt to X
        target += 3
        reasons.append("a blow dealt to it")
    elif mention.is_adjective or attack_noun_before:
        # "غارات التحالف", "غارات للتحالف", "غارة إسرائيلية": the attack's owner
        agent += 2.5 if possessive or mention.is_adjective else 2
        reasons.append("attack noun or adjective")
    # an adjective qualifies the noun before it, the verb's object: "دمرت صاروخين إسرائيليين"
    if not mention.is_adjective and (
        before1 & ACTING_VERBS or (before2 & ACTING_VERBS and not before1 & TARGET_BEFORE)
    ):
        agent += 2.5
        reasons.append("subject of the verb")
    if after1 & ACTING_VERBS:
        agent += 2 + 0.5 * (mention.first == clause_first)
        reasons.append("subject before the verb")
    elif (
        (mention.first == clause_first or before1 & COMPLEMENTIZERS)
        and not mention.is_adjective
        and _verb_ahead(tokens, mention, len(tokens) if next_actor is None else next_actor)
    ):
        agent += 2
        reasons.append("subject before the verb")
    if before1 & FROM and before2 & (AGENT_NOUNS | PASSIVE_NOUNS):
        agent += 2.5
        reasons.append("attack by (من)")
    fired_from = bool(before1 & FIRING_POSITIONS and before2 & FROM)
    if fired_from:
        # "القصف الذي تعرض له المخيم من مواقع قوات الأسد": fire comes from X's positions
        agent += 2.5
        reasons.append("fire from its positions")
    elif before1 & KILLING_VERBS and _victim_object_after(tokens, mention.last):
        # "قتل مسلحون مجهولون جنديا": an object after the name makes the verb active
        agent += 3
        reasons.append(KILLER)
    elif before1 & TARGET_BEFORE or (possessive and not attack_noun_before):
        target += 2.5
        reasons.append("target phrase")
    if before1 & FROM and before2 & VICTIM_NOUNS:
        target += 3
        reasons.append("victims from the group")
    if before1 & IN and (before2 | before3) & RANK_NOUNS and not _speaker_rank(tokens, mention):
        # "العضو البارز في تنظيم القاعدة ... قتل في ضربة": the person's group is hit
        target += 2.5
        reasons.append("a member of the group")
    if _number_before(tokens, mention.first):
        target += 3
        reasons.append("counted victims")
    if victim_type:
        target += 4
        reasons.append("civilians are the victims")
    elif mention.key in SOLDIERS:
        # "الجنود قتلوا عندما سقطت قذائف", "شرطيا قد قتل": soldiers and police named as
        # people are mostly the dead
        target += 2
        reasons.append("soldiers or police named as people")
    if any(t.first > mention.last and t.first - mention.last <= 2 and t.is_event for t in triggers):
        agent += 0.5
    if agent < AGENT_CUE and (
        _speaker(tokens, mention, before1)
        or _reports_anothers_act(mention, before1, triggers, next_actor)
    ):
        # "وقالت الشرطة إن انتحاريا فجر نفسه": who tells of the act did not do it
        agent = 0.0
        reasons.append("speaker")
    return Role(mention, agent, target, side, ", ".join(reasons) or "position")


KILLER = "subject of the killing"
# the accusative victims the toll counts as one death, and "فتى", which has no accusative
# ending: after it the verb is active too
VICTIM_OBJECTS = ONE_VICTIM_OBJECTS | words("فتى")
OBJECT_REACH = 2  # the name may have an adjective: "تنظيم داعش المتشدد", "حوثي مسلح"
# "وقتلت إرهابيين اثنين": two follows what it counts, so the name is the object, not the killer
COUNTS_AFTER_NOUN = words("اثنين، اثنان، اثنتين، اثنتان")
BETWEEN_ADJECTIVES = words("مسلح، مسلحون، مسلحين، مجهول، مجهولون، مجهولين")


def _victim_object_after(tokens: Sequence[Token], last: int) -> bool:
    for j in range(last + 1, min(len(tokens), last + 1 + OBJECT_REACH)):
        # or a count: "قتل الجيش ثلاثة مسلحين", "قتل تنظيم داعش المتشدد 9 رجال"
        if tokens[j].text in VICTIM_OBJECTS or (
            read_number(tokens, j) is not None and tokens[j].text not in COUNTS_AFTER_NOUN
        ):
            return True
        if not (tokens[j].text.startswith("ال") or tokens[j].text in BETWEEN_ADJECTIVES):
            return False  # only an adjective may come between: not "قتل شرطي وأصيب 4"
    return False


AGENT_CUE = 2.0  # below this, the mention's only claim to act is its position
# "نفت الولايات المتحدة أن تكون هي من قصف": who denies the act tells of it, did not do it
DENYING = words("نفى، نفت، ينفي، تنفي، ونفى، ونفت، نفوا")
SPEAKING = SPEECH | DENYING | words("قالت، ذكرت، أكدت، أوضحت، أضافت، أفادت، صرحت، أعلنت، نقلت")


def _speaker(tokens: Sequence[Token], mention: ActorMention, before1: frozenset[str]) -> bool:
    """The subject of a speech verb whose words follow ("قالت الشرطة إن ..."); not "قال الجيش
    إنه قصف", where the pronoun makes the speaker the one who acted."""
    after = tokens[mention.last + 1].text if mention.last + 1 < len(tokens) else ""
    if after in SAYING:
        # "نقلت الوكالة عن وزارة الدفاع قولها إن": the source quoted; "عن الجيش الروسي قوله
        # إنه أسقط": the source tells of its own act
        said = tokens[mention.last + 2].text if mention.last + 2 < len(tokens) else ""
        return said not in SELF_REPORTS
    if not before1 & SPEAKING:
        return False
    stop = min(len(tokens), mention.last + 3)
    for j in range(mention.last + 1, stop):
        if tokens[j].text in COMPLEMENTIZERS:
            # "أوضحت المقاومة أن مقاتليها استهدفوا": the speaker's own men acted
            after = tokens[j + 1].text if j + 1 < len(tokens) else ""
            return not (len(after) > 4 and after.endswith(OWN_PRONOUNS))
    return False


OWN_PRONOUNS = ("ها", "ه", "هم")
SAYING = words("قوله، قولها، قولهم، قولهما")
SELF_REPORTS = words("إنه، إنها، إنهم، أنه، أنها، أنهم")


def _reports_anothers_act(
    mention: ActorMention,
    before1: frozenset[str],
    triggers: Sequence[TriggerMention],
    next_actor: int | None,
) -> bool:
    """ "أكد التحالف العربي تقدم الجيش الوطني": the subject of a speech verb whose object is an
    act with its own doer right after it reports that act; it did not do it."""
    if not before1 & SPEAKING or next_actor is None:
        return False
    # after "مقتل" or "إصابة" the noun is the one hit ("أفادت الشرطة بمقتل شخصين"), not a doer
    return any(
        t.is_event
        and not t.groups & VICTIM_NOUN_GROUPS
        and t.first == mention.last + 1
        and next_actor == t.last + 1
        for t in triggers
    )


VICTIM_NOUN_GROUPS = frozenset({"kill", "death", "injury"})
