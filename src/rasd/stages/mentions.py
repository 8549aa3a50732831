"""Mentions: every span a later stage reads, found once over the normalised article.

Places (gazetteer names with the words around them that say what kind of place and how
precise: "قرية", "ريف", "محافظة", "قرب", "جنوب"), actors, trigger and cue words, time
expressions; plus the clause structure of each sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from rasd.arabic import LexiconMatch, LexiconSet, Token, analyses, cores, tokenize
from rasd.gazetteer import Gazetteer
from rasd.numbers import read_number
from rasd.stages.actors import ActorDictionary, ActorMention
from rasd.stages.attribution import ReporterMention, Reporters
from rasd.stages.classify import (
    TriggerLexicon,
    TriggerMention,
    read_impacts,
    read_in_context,
    read_releases,
)
from rasd.stages.dates import PARTS_OF_DAY, WEEKDAYS, TimeExpression, find_time_expressions
from rasd.stages.normalize import NormalizedText, fold, normalize, words
from rasd.types import Article, Mention, MentionKind, Sentence

STRONG_SETTLEMENT = words(
    """
    بلدة، قرية، مدينة، بلدات، قرى، مدن، حي، أحياء، مخيم، بلدتي، قريتي، مدينتي، ضاحية، بلدتا،
    قريتا، مزرعة، حيي، ريفي، بلده، مخيمات، محلة، حارة، عاصمة، قريه، نجع، عزبة، ناحيتي
"""
)
WEAK_SETTLEMENT = words(
    """
    منطقة، مناطق، مركز، منطقتي، شارع، ساحة، سوق، مطار، معبر، سجن، قاعدة، حقل، معمل، جسر، سد،
    ميناء، بلدية، تجمع، مزارع، أطراف
"""
)
SETTLEMENT = STRONG_SETTLEMENT | WEAK_SETTLEMENT
FACILITY_WORDS = words("مستشفى، مشفى، المستشفى، سجن، مطار، مخيم")
DISTRICT_WORDS = words("حي، أحياء، حيي، شارع، ساحة، سوق، حارة، محلة، ضاحية")
ADMIN1_WORDS = words(
    """
    محافظة، محافظتي، ولاية، إقليم، محافظات
"""
)
ADMIN2_WORDS = words(
    """
    قضاء، مديرية، ناحية، مديريتي، نواحي، مديريات
"""
)
RURAL_WORDS = words(
    """
    ريف، أرياف، بادية
"""
)
NEAR_WORDS = words(
    """
    حول، المحيطة، تتحلق، المحيط، بمحيط، قبالة، المتاخمة، المتاخم، المحاذية، المحاذي، المجاورة،
    المجاور، قرب، بالقرب، محيط، أطراف، مشارف، ضواحي، جوار، مقربة، تخوم، حدود، مداخل، مدخل، أنحاء،
    نواحي
"""
)
DIRECTION_WORDS = words(
    """
    شمال، جنوب، شرق، غرب، شمالي، جنوبي، شرقي، غربي، وسط، شمال شرق، جنوب شرق، شمال غرب،
    جنوب غرب
"""
)
ROAD_WORDS = words(
    """
    طريق، أوتستراد، أوتوستراد، الطريق، محور، جبهة، جبهات، خط
"""
)
ORIGIN_WORDS = words(
    """
    قادمة، قادمين، قادما، قادم، قادمون، قدمت، قدم، قدموا، أقلعت، أقلع، انطلقت، انطلق، انطلاقا،
    أطلقت، أطلق، أطلقها،
    نزحوا، هربوا، فروا، المتحدرة، المتحدر، ابن، أبناء، نازحين، مهجري، مهجرين، آتية، آتيا،
    جاءت، جاء، جاؤوا، جاءوا، تنقلت، انتقلت، انتقل، توجهت، توجه، أرسلت، أرسل
"""
)
# people leaving a place: where an evacuation happens (and still where other acts may happen)
LEAVING_WORDS = words("إجلاء، أجلي، خروج، مغادرة، غادر، غادرت، يغادرون")
# "قادمة من ولاية غازي عنتاب", "قدمت من محافظتي إب وذمار": a province word leads there too
ORIGIN_PLACE_LEADS = (
    SETTLEMENT | FACILITY_WORDS | ADMIN1_WORDS | ADMIN2_WORDS | words("في، مدينة، بلدة")
)
# the origin cue may stand a few words before "من X": "أقلعت من قاعدة في ديار بكر",
# "إجلاء أعضاء جيش الإسلام وعائلاتهم من دوما"
ORIGIN_REACH = 6
DESTINATION_WORDS = words(
    """
    إلى، نحو، باتجاه، صوب، الى، الوجهة، وجهتها، متوجهة، متجهة، قاصدة
"""
)
SUPPORT_WORDS = words(
    """
    الموالية، الموالي، الموالين، المدعومة، المدعوم، المدعومين، الحليفة، حليفة، موالية، موالين،
    مدعومة، المتحالفة، التابعة، التابع
"""
)
SPEECH_VERBS = words(
    """
    اتهمت، اتهم، قالت، قال، أعلنت، أعلن، أكدت، أكد، نفت، نفى، طالبت، طالب، دعت، دعا، رفضت، رفض،
    حذرت، حذر، تتهم، يتهم، ترفض، تعتبر، اعتبرت، ردت، أبلغت، هددت، تطالب، أدانت، تدين، حملت،
    تحمل، وافقت، أرسلت، تسعى، سعت، تريد، أرادت، قررت، تقول، يقول، اعلنت، ترى، يرى، أبدت، أعربت
"""
)
# what protesters demand: "تظاهرات في بغداد تطالب بتحسين الأداء"
DEMAND_VERBS = words("طالب، طالبت، يطالب، تطالب، يطالبون، مطالبة")
# verbs whose subject a place can only be as its government: "وأطلقت أنقرة عملية عسكرية"
POLICY_VERBS = words("أطلقت، وأطلقت، شنت، وشنت، باشرت، وسعت، صعدت، كثفت، عززت، نشرت، ونشرت")
# "بحسب أنقرة", "وفقا لدمشق": the place is the government the figure comes from
ACCORDING_TO = words("حسب، بحسب، وفق، وفقا، طبقا")
OUTLET_WORDS = words("مركز، شبكة، مكتب، تنسيقية، اتحاد، تجمع، هيئة، وكالة، إذاعة، تلفزيون")
MEDIA_ADJECTIVES = words("الإعلامي، الإعلامية، الإخباري، الإخبارية، الصحفي، الصحفية")
REPORTER_WORDS = words(
    """
    مصادر، مصدر، ناشطون، ناشطين، مراسل، مراسلنا، مسؤول، مسؤولون، محافظ، مسؤولي، سكان،
    شهود، المرصد، صحفيون، الناطق، المتحدث، إعلام، وكالة،
    صحيفة، قناة، قاضي، الصحافيين، الصحفيين، صحفي، مؤتمر، تصريح، تصريحات، كلمة، خطاب،
    اجتماع، قمة، زيارة، لقاء، محادثات
"""
)
# institutions speak ("قالت السفارة الأمريكية في بغداد") but are also attacked ("هجمات على
# القنصلية الأمريكية في البصرة"): where they are is the reporter's place only in a sentence
# that reports speech
INSTITUTION_WORDS = words(
    """
    مجلس، مكتب، مديرية، قيادة، شرطة، محطة، وزارة، سفارة، السفارة، القنصلية، قنصلية
"""
)
SPEAKING_SOURCE_WORDS = REPORTER_WORDS | INSTITUTION_WORDS
CLAUSE_BREAK = frozenset(",;:")
RELATIVE_OPENERS = words("التي، الذي، الذين، اللتين، اللذين")
DURING = words("خلال، أثناء، اثناء")
PROTEST_NOUNS = words(
    """
    تظاهرات، تظاهرة، مظاهرات، مظاهرة، احتجاجات، احتجاج، مسيرة، مسيرات، اعتصام، التظاهرات،
    المظاهرات، الاحتجاجات، المسيرات
"""
)


def _during_a_protest(tokens: Sequence[Token], j: int) -> bool:
    """ "قتل ثلاثة فلسطينيين برصاص الجيش، خلال تظاهرات قرب الشريط": the deaths happened at the
    protest named after the comma; the clause goes on."""
    return tokens[j].text in DURING and j + 1 < len(tokens) and tokens[j + 1].text in PROTEST_NOUNS


# words that open the reason for another act: what it answers ("ردا على هجوم ... أوقع أربعين
# قتيلا") or what those arrested are charged with ("القبض على 6 لصلتهم بهجوم انتحاري")
RESPONSE_WORDS = words("ردا، انتقاما، ثأرا")
REASON_WORDS = RESPONSE_WORDS | words("لصلتهم، لصلته، لصلتها، بتهمة، بتهم، لتورطهم، لتورطه")
CONNECTORS = (
    words(
        """
    كما، فيما، بينما، حيث، ترافق، تزامن، بالتزامن، عقب، إثر، اثر، أيضا، كذلك، لكن، إلا، إذ،
    مما، ما، عقبه، تلاه، تلاها، وكان، وكانت، حين، ترافقت، تزامنا
"""
    )
    | REASON_WORDS
)
# "قتل ما لا يقل عن 27 مدنيا", "ما يزيد على": "ما" opens a quantity here, not a clause
QUANTITY_AFTER_MA = words("يزيد، يربو، يقارب، يناهز، بين")
FUNCTION_WORDS = words(
    """
    بين، في، من، على، إلى، عن، مع، بعد، قبل، عند، حتى، ضد، حول، خلال، منذ، دون، غير، كل، بعض،
    هذا، هذه، ذلك، تلك، الذي، التي، الذين، أن، إن، لا، لم، لن، قد، ما، هو، هي، هم، نحو، عبر،
    أمام، وراء، تحت، فوق، داخل، خارج، لدى، إثر، جراء، عقب، بينهم، أيضا، كما، وقت، يوم، أمس،
    اليوم، الآن، عام، سنة، شهر، وأن، وإن، بأن، لأن، أنه، إنه، بأنه، لكن، ولكن، وزارة، جامعة،
    هيئة، الداخلية، الخارجية
"""
)
# nisba adjectives of nations: "بلدة تركية" is a Turkish town, not the village "Turkiyah"
NATIONALITIES = words(
    """
    تركي، سوري، عراقي، لبناني، أردني، يمني، أمريكي، أميركي، إيراني، روسي، إسرائيلي،
    فلسطيني، مصري، ليبي، كردي، عربي، إسلامي، دولي، أجنبي، خليجي، سعودي، إماراتي، قطري،
    كويتي، بريطاني، فرنسي، ألماني، أوروبي، غربي، شرقي، شمالي، جنوبي، محلي، حكومي، عسكري،
    أمني، شعبي، وطني، رسمي، تونسي، جزائري، مغربي، سوداني، صومالي، أفغاني، باكستاني، هندي،
    صيني، تركماني، شيعي، سني، مسيحي، درزي، علوي، إيزيدي، آشوري، أرمني، شركسي، بدوي
"""
)
# words that describe a place but never name one, whatever the gazetteer says
NEVER_PLACES = (
    SETTLEMENT
    | ADMIN1_WORDS
    | ADMIN2_WORDS
    | RURAL_WORDS
    | NEAR_WORDS
    | DIRECTION_WORDS
    | ROAD_WORDS
    | DESTINATION_WORDS
    | ORIGIN_WORDS
    | {
        fold(w)
        for w in (
            "الشرقي",
            "الغربي",
            "الشمالي",
            "الجنوبي",
            "الأوسط",
            "الشرقية",
            "الغربية",
            "الشمالية",
            "الجنوبية",
            "الوسطى",
            "مدينة",
            "البلاد",
            "العاصمة",
            "المنطقة",
            "المناطق",
            "الحدود",
            "الحدودية",
            "المحافظة",
            "تلا",
            "عقب",
            # landform and road nouns that open names ("وادي بردى", "مفرق الذكرة"); alone
            # they are common words, and "وأدى" (and it led to) folds to "وادي"
            "وادي",
            "الوادي",
            "مفرق",
            "جبل",
            "سهل",
            "نهر",
            # "الساحل الغربي" (the west coast of Yemen), "الساحل السوري": a coast, not As Sahil
            "الساحل",
            "ساحل",
        )
    }
    | {n + e for n in NATIONALITIES for e in ("", "ه", "ين", "ون", "ا")}
    | FUNCTION_WORDS
)
NEVER_PLACE_CORES = frozenset(w[2:] if w.startswith("ال") else w for w in NEVER_PLACES)


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the words before and after a place name say about it."""

    settlement: bool = False
    strong_settlement: bool = False
    """A word that only ever introduces a settlement ("قرية", "بلدة", "حي"), not "منطقة"."""
    admin1: bool = False
    admin2: bool = False
    rural: bool = False
    near: bool = False
    direction: bool = False
    road: bool = False
    origin: bool = False
    destination: bool = False
    listed: bool = False
    """Part of a coordinated list that a settlement word opened ("قرى X وY وZ")."""
    reporter: bool = False
    """Where a reporting source is ("مصادر محلية في دير الزور"), not where the event was."""
    metonym: bool = False
    """A capital standing for its government ("اتهمت دمشق", "قالت أنقرة")."""
    district: bool = False
    """A part of a town ("حي الشريعة", "شارع", "سوق"): ACLED codes it to the town."""
    locative: bool = False
    """After "في", "من", "إلى": where places are written, though not only places."""
    left: bool = False
    """Where people leave from ("إجلاء المقاتلين من دوما"): the place of an evacuation."""
    neighbour: bool = False
    """What the place before borders ("محافظة إب المحاذية للضالع", "عمران الحدودية مع صعدة"):
    it says where that place lies, not where anything happened."""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        settlement: bool = False,
        strong_settlement: bool = False,
        admin1: bool = False,
        admin2: bool = False,
        rural: bool = False,
        near: bool = False,
        direction: bool = False,
        road: bool = False,
        origin: bool = False,
        destination: bool = False,
        listed: bool = False,
        reporter: bool = False,
        metonym: bool = False,
        district: bool = False,
        locative: bool = False,
        left: bool = False,
        neighbour: bool = False,
    ) -> None:
        object.__setattr__(self, "settlement", settlement)
        object.__setattr__(self, "strong_settlement", strong_settlement)
        object.__setattr__(self, "admin1", admin1)
        object.__setattr__(self, "admin2", admin2)
        object.__setattr__(self, "rural", rural)
        object.__setattr__(self, "near", near)
        object.__setattr__(self, "direction", direction)
        object.__setattr__(self, "road", road)
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "destination", destination)
        object.__setattr__(self, "listed", listed)
        object.__setattr__(self, "reporter", reporter)
        object.__setattr__(self, "metonym", metonym)
        object.__setattr__(self, "district", district)
        object.__setattr__(self, "locative", locative)
        object.__setattr__(self, "left", left)
        object.__setattr__(self, "neighbour", neighbour)

    @property
    def elsewhere(self) -> bool:
        """Named for something other than an act's scene: where people came from, where a
        source is, a capital standing for its government, a neighbour of the place."""
        return self.origin or self.reporter or self.metonym or self.neighbour


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A gazetteer name found in the text, with its candidates and context."""

    first: int
    last: int
    start: int
    end: int
    key: str
    candidates: tuple[int, ...]
    context: PlaceContext
    sentence: int
    clause: int
    within: int = -1
    """First token of the place named right after as the one this lies in ("شبام بمديرية
    مناخة", "سروج بجنوب شرقي تركيا"), or -1."""
    within_unit: bool = False
    """An admin word ("محافظة", "مديرية", "ريف") says ``within`` is a unit the place is in
    (not only a place it is north or south of)."""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        key: str,
        candidates: tuple[int, ...],
        context: PlaceContext,
        sentence: int,
        clause: int,
        within: int = -1,
        within_unit: bool = False,
    ) -> None:
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "candidates", candidates)
        object.__setattr__(self, "context", context)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "clause", clause)
        object.__setattr__(self, "within", within)
        object.__setattr__(self, "within_unit", within_unit)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence that reports one act (an event window), or a whole sentence.

    An event window starts at the clause boundary (comma, semicolon, colon or a connector such
    as "كما", "فيما", "بينما") before its first trigger and runs to the boundary before the next
    window's first trigger; triggers with no boundary between them share one window
    ("استهدفوا بالقذائف الصاروخية وقذائف آر بي جي").
    """

    index: int
    sentence: int
    first: int
    last: int

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, index: int, sentence: int, first: int, last: int) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)


@dataclass(frozen=True)
class ArticleMentions:
    """Everything found in one article, by normalised token positions."""

    article: Article
    normalized: NormalizedText
    tokens: list[Token]
    sentences: tuple[Sentence, ...]
    token_sentence: list[int]
    clauses: list[Clause]
    token_clause: list[int]
    places: list[PlaceMention]
    actors: list[ActorMention]
    triggers: list[TriggerMention]
    times: list[TimeExpression]
    sentence_tokens: list[tuple[int, int]]
    """(first, last) token of each sentence; (0, -1) for a sentence without tokens."""
    reporters: list[ReporterMention]
    """Reporting sources named ("وفقاً للمرصد", "مصادر محلية"), left to right."""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        article: Article,
        normalized: NormalizedText,
        tokens: list[Token],
        sentences: tuple[Sentence, ...],
        token_sentence: list[int],
        clauses: list[Clause],
        token_clause: list[int],
        places: list[PlaceMention],
        actors: list[ActorMention],
        triggers: list[TriggerMention],
        times: list[TimeExpression],
        sentence_tokens: list[tuple[int, int]],
        reporters: list[ReporterMention],
    ) -> None:
        object.__setattr__(self, "article", article)
        object.__setattr__(self, "normalized", normalized)
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "sentences", sentences)
        object.__setattr__(self, "token_sentence", token_sentence)
        object.__setattr__(self, "clauses", clauses)
        object.__setattr__(self, "token_clause", token_clause)
        object.__setattr__(self, "places", places)
        object.__setattr__(self, "actors", actors)
        object.__setattr__(self, "triggers", triggers)
        object.__setattr__(self, "times", times)
        object.__setattr__(self, "sentence_tokens", sentence_tokens)
        object.__setattr__(self, "reporters", reporters)

    def original_span(self, first: int, last: int) -> tuple[int, int]:
        """Original offsets of the tokens ``[first, last]``."""
        return self.normalized.span_to_original(self.tokens[first].start, self.tokens[last].end)

    def original_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of a normalised span."""
        return self.normalized.span_to_original(start, end)

    def mention(self, kind: MentionKind, start: int, end: int, key: str = "") -> Mention:
        """A typed Mention with original offsets for a normalised span."""
        o_start, o_end = self.original_offsets(start, end)
        sentence = self.sentence_at(start)
        return Mention(kind, self.article.text[o_start:o_end], o_start, o_end, sentence, key)

    def opens_with(self, clause: Clause, opening: frozenset[str]) -> bool:
        """Whether the clause's first word, read without its clitics, is in ``opening``."""
        return bool(_cores(self.tokens[clause.first].text) & opening)

    def sentence_at(self, norm_offset: int) -> int:
        """Index of the sentence holding a normalised offset."""
        original = self.normalized.to_original(norm_offset)
        for sentence in self.sentences:
            if sentence.start <= original < sentence.end:
                return sentence.index
        return self.sentences[-1].index if self.sentences else 0

    def token_at(self, norm_offset: int) -> int:
        """Index of the first token starting at or after a normalised offset."""
        low, high = 0, len(self.tokens)
        while low < high:
            mid = (low + high) // 2
            if self.tokens[mid].end <= norm_offset:
                low = mid + 1
            else:
                high = mid
        return min(low, len(self.tokens) - 1)


def find_mentions(
    article: Article,
    sentences: tuple[Sentence, ...],
    *,
    gazetteer: Gazetteer,
    actors: ActorDictionary,
    triggers: TriggerLexicon,
    reporters: Reporters,
    lexicons: LexiconSet | None = None,
) -> ArticleMentions:
    """Find places, actors, triggers, reporting sources and time expressions in an article.

    lexicons: the gazetteer, actor, trigger and reporter lexicons in one set (searched in one
    pass); built here when not given.
    """
    normalized = normalize(article.text)
    tokens = tokenize(normalized.text)
    token_sentence = _token_sentences(tokens, sentences, normalized)
    if lexicons is None:
        lexicons = mention_lexicons(gazetteer, actors, triggers, reporters)
    place_matches, actor_matches, trigger_matches, reporter_matches = lexicons.find(tokens)
    found_triggers = triggers.mentions(
        trigger_matches,
        lambda offset: (
            article.text[normalized.to_original(offset) : normalized.to_original(offset) + 1] == "ة"
        ),
    )
    found_triggers = read_in_context(found_triggers, tokens)
    found_triggers = read_impacts(
        read_releases(found_triggers, tokens, token_sentence), token_sentence
    )
    clauses, token_clause = event_windows(tokens, token_sentence, normalized.text, found_triggers)
    found_actors = [
        a
        for a in actors.mentions(actor_matches)
        if not _country_as_place(tokens, a, gazetteer)
        and not _institution(tokens, a)
        and not _statement_adjective(tokens, a)
    ]
    found_actors = _without_armed_adjectives(tokens, found_actors)
    inside_actors = {
        j for a in found_actors if a.last > a.first for j in range(a.first, a.last + 1)
    }
    times = find_time_expressions(normalized.text, article.published)
    # "صباح الاثنين" is a time, whatever village is called "صباح"
    in_times = [(t.start, t.end) for t in times]
    speech_sentences = frozenset(
        token_sentence[t.first] for t in found_triggers if "attribution" in t.groups
    )
    named_places = _places(
        tokens,
        gazetteer,
        place_matches,
        token_sentence,
        token_clause,
        normalized.text,
        speech_sentences,
        frozenset(j for t in found_triggers for j in range(t.first, t.last + 1)),
    )
    capitals = _capital_mentions(
        tokens,
        gazetteer,
        named_places,
        place_matches,
        token_sentence,
        token_clause,
        normalized.text,
        speech_sentences,
    )
    places = _with_containers(
        tokens,
        normalized.text,
        [
            p
            for p in sorted(named_places + capitals, key=lambda p: p.first)
            if p.first not in inside_actors
            and not any(start < p.end and p.start < end for start, end in in_times)
        ],
    )
    return ArticleMentions(
        article=article,
        normalized=normalized,
        tokens=tokens,
        sentences=sentences,
        token_sentence=token_sentence,
        clauses=clauses,
        token_clause=token_clause,
        places=places,
        actors=found_actors,
        triggers=found_triggers,
        times=times,
        sentence_tokens=_sentence_token_spans(token_sentence, len(sentences)),
        reporters=reporters.mentions(reporter_matches),
    )


def mention_lexicons(
    gazetteer: Gazetteer, actors: ActorDictionary, triggers: TriggerLexicon, reporters: Reporters
) -> LexiconSet:
    """The lexicons ``find_mentions`` searches, as one set (places, actors, triggers,
    reporting sources)."""
    assert gazetteer.lexicon is not None
    return LexiconSet([gazetteer.lexicon, actors.lexicon, triggers.lexicon, reporters.lexicon])


def _sentence_token_spans(token_sentence: Sequence[int], count: int) -> list[tuple[int, int]]:
    spans = [(0, -1)] * count
    for i, sentence in enumerate(token_sentence):
        first, last = spans[sentence]
        spans[sentence] = (i if last < first else first, i)
    return spans


def _token_sentences(
    tokens: Sequence[Token], sentences: Sequence[Sentence], normalized: NormalizedText
) -> list[int]:
    """The sentence of each token (sentence starts mapped once into normalised offsets)."""
    starts = [normalized.to_normalized(s.start) for s in sentences]
    result = []
    index = 0
    for token in tokens:
        while index + 1 < len(starts) and token.start >= starts[index + 1]:
            index += 1
        result.append(sentences[index].index if sentences else 0)
    return result


# words that open a time phrase set off by commas: "شن، مساء الأربعاء، هجوما"
TIME_OPENERS = words("يوم، أمس، اليوم") | frozenset(PARTS_OF_DAY) | frozenset(WEEKDAYS)
TIME_ASIDE_TOKENS = 3


def _time_asides(tokens: Sequence[Token], breaks: Sequence[int]) -> set[int]:
    """Comma breaks around a short time phrase, which leave the clause whole."""
    skipped: set[int] = set()
    for opening, closing in pairwise(breaks):
        if closing - opening <= TIME_ASIDE_TOKENS and cores(tokens[opening].text) & TIME_OPENERS:
            skipped |= {opening, closing}
    return skipped


def _quantity_ma(tokens: Sequence[Token], j: int) -> bool:
    """ "ما لا يقل عن", "ما يزيد على": "ما" before a quantity word."""
    if tokens[j].text not in ("ما", "مما") or j + 1 >= len(tokens):
        return False
    after = [t.text for t in tokens[j + 1 : j + 3]]
    return after[0] in QUANTITY_AFTER_MA or after == ["لا", "يقل"]


def _boundaries(tokens: Sequence[Token], first: int, last: int, text: str) -> list[int]:
    """Token positions in ``[first, last]`` that open a new clause."""
    found = []
    commas = []
    for j in range(first + 1, last + 1):
        gap = text[tokens[j - 1].end : tokens[j].start]
        word = tokens[j].text
        bare = word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word
        # "قتلى الضربات الصاروخية، التي استهدفت الكسوة": a relative clause after a comma goes
        # on describing the act before it
        comma = (
            any(c in CLAUSE_BREAK for c in gap)
            and word not in RELATIVE_OPENERS
            and not _during_a_protest(tokens, j)
        )
        connector = (word in CONNECTORS or bare in CONNECTORS) and not _quantity_ma(tokens, j)
        if comma:
            commas.append(j)
        if comma or connector:
            found.append((j, connector))
    asides = _time_asides(tokens, commas)
    return [j for j, connector in found if connector or j not in asides]


def event_windows(
    tokens: Sequence[Token],
    token_sentence: Sequence[int],
    text: str,
    triggers: Sequence[TriggerMention],
) -> tuple[list[Clause], list[int]]:
    """Split each sentence into event windows (see :class:`Clause`)."""
    clauses: list[Clause] = []
    token_clause = [0] * len(tokens)
    start = 0
    events = [t for t in triggers if t.is_event]
    while start < len(tokens):
        sentence = token_sentence[start]
        end = start
        while end + 1 < len(tokens) and token_sentence[end + 1] == sentence:
            end += 1
        inside = [t for t in events if start <= t.first <= end]
        for first, last in _windows_of_sentence(tokens, start, end, text, inside):
            for j in range(first, last + 1):
                token_clause[j] = len(clauses)
            clauses.append(Clause(len(clauses), sentence, first, last))
        start = end + 1
    return clauses, token_clause


def _windows_of_sentence(
    tokens: Sequence[Token], start: int, end: int, text: str, triggers: Sequence[TriggerMention]
) -> list[tuple[int, int]]:
    if not triggers:
        return [(start, end)]
    boundaries = _boundaries(tokens, start, end, text)
    starts = [start]
    previous_last = triggers[0].last
    for trigger in triggers[1:]:
        between = [b for b in boundaries if previous_last < b <= trigger.first]
        if between:
            starts.append(between[-1])
        previous_last = max(previous_last, trigger.last)
    ends = [s - 1 for s in starts[1:]] + [end]
    return list(zip(starts, ends, strict=True))


def _core(word: str) -> str:
    """A word without its proclitics (the shortest valid reading)."""
    readings = analyses(word, min_core=2)
    return readings[-1].core if readings else word


def _proclitic_cores(word: str) -> set[str]:
    """The word without proclitics only ("قرية" is not "قرى" + "ه" here)."""
    return {a.core for a in analyses(word)} | {word}


def _cores(word: str) -> frozenset[str]:
    return cores(word)


def _context(
    tokens: Sequence[Token], first: int, last: int, text: str, speech: bool = True
) -> PlaceContext:
    before = [tokens[j].text for j in range(max(0, first - 3), first)]
    prev = _cores(before[-1]) if before else set()
    prev2 = _cores(before[-2]) if len(before) > 1 else set()
    after = tokens[last + 1].text if last + 1 < len(tokens) else ""
    if after and any(c in SENTENCE_END for c in text[tokens[last].end : tokens[last + 1].start]):
        after = ""  # "... في حي دار سعد. وقال قائد": the next sentence's verb says nothing here
    joined_prev = " ".join(before[-2:])
    beyond = _before_capital(tokens, first)
    came_from, left = _moved_from(tokens, first)
    # "المدينة الواقعة", "البلدة الحدودية": after a definite place noun comes an adjective
    described = (
        bool(before)
        and _definite(before[-1])
        and _definite(tokens[first].text)
        and not prev & CAPITAL_WORDS  # "العاصمة الجزائر" names the capital
    )
    return PlaceContext(
        settlement=bool(prev & SETTLEMENT) and not described,
        strong_settlement=bool(prev & STRONG_SETTLEMENT) and not described,
        admin1=bool(prev & ADMIN1_WORDS),
        admin2=bool(prev & ADMIN2_WORDS),
        rural=bool(prev & RURAL_WORDS),
        near=bool((prev | prev2 | beyond) & NEAR_WORDS) or "بالقرب من" in joined_prev,
        direction=bool((prev | beyond) & DIRECTION_WORDS)
        or bool(prev2 & DIRECTION_WORDS and prev & SETTLEMENT),
        road=bool((prev | prev2) & ROAD_WORDS),
        origin=bool(prev2 & ORIGIN_WORDS) or came_from,
        destination=bool(prev & DESTINATION_WORDS)
        or bool(prev & FACILITY_WORDS and prev2 & DESTINATION_WORDS),
        reporter=_after_reporter(tokens, first, speech)
        # "وفقا لمركز دمشق الإعلامي": the place names a media outlet, a source
        or bool(prev & OUTLET_WORDS and _cores(after) & MEDIA_ADJECTIVES),
        # "حي الميدان" may be one gazetteer name: the district word is then its first word
        # not "سوق بناحية خان بني سعد": a market in a sub-district, which is no city quarter
        district=bool(prev & DISTRICT_WORDS and not _cores(tokens[first].text) & ADMIN2_WORDS)
        or (last > first and bool(_cores(tokens[first].text) & DISTRICT_WORDS)),
        locative=bool(prev & LOCATIVE_WORDS),
        left=left,
        metonym=bool(prev & (SPEECH_VERBS | SUPPORT_WORDS | ACCORDING_TO))
        # the bare verb: in "غارات شنتها دمشق" the strikes are told, the capital only their owner
        or (bool(before) and before[-1] in POLICY_VERBS)
        # "وقالت دمشق", "دمشق تتهم"; not "تظاهرات في بغداد تطالب" (the protests demand; "وفي
        # أنقرة قالت الحكومة" still places a statement, not an act)
        or (
            (_core(after) in SPEECH_VERBS or after in SPEECH_VERBS)
            and not (prev & LOCATIVE_WORDS and _core(after) in DEMAND_VERBS)
        ),
    )


CAPITAL_WORDS = words("عاصمة، العاصمة")
# "the capital" with the article: "عاصمة" alone heads a construct ("عاصمة الخلافة")
THE_CAPITAL = words("العاصمة، بالعاصمة، والعاصمة، وبالعاصمة، للعاصمة، وللعاصمة")
CAPITAL_WORD_LENGTH = len(fold("العاصمة"))
BARE_CAPITAL_KEY = fold("عاصمة")
"""The key of a bare "العاصمة": the capital of whichever country the article is about."""
# "محافظة العاصمة" (Amman's governorate, Kuwait's, Bahrain's), "ريف العاصمة": a region
CAPITAL_REGION_WORDS = words("محافظة، أمانة، ريف، منطقة، إقليم، مديرية، ولاية")
PREPOSITION_WORDS = words("على، في، من، إلى، عن، مع")


CAPITAL_POPULATION = 50_000


def _capital_word(tokens: Sequence[Token], first: int) -> int:
    """Where "العاصمة" stands before the name, past an adjective of nation ("العاصمة
    السورية دمشق"), or -1."""
    j = first - 1
    before = tokens[j].text if j >= 1 else ""
    if before.endswith("يه") and not _cores(before) & CAPITAL_WORDS:
        j -= 1  # the capital's adjective of nation: "السورية"
    if j < 0 or not _cores(tokens[j].text) & CAPITAL_WORDS:
        return -1
    return j


def _capital_mentions(
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    places: Sequence[PlaceMention],
    matches: Sequence[LexiconMatch[int]],
    token_sentence: Sequence[int],
    token_clause: Sequence[int],
    text: str,
    speech_sentences: frozenset[int],
) -> list[PlaceMention]:
    """ "في العاصمة العراقية", "اشتباكات في العاصمة": the capital named without its name.

    With an adjective of nation the capital is that country's; bare, its candidates are every
    capital and the article's country chooses (``geolocate``). Not when a name follows
    ("العاصمة بغداد" is found as Baghdad) or another adjective does ("العاصمة المؤقتة").
    """
    hits = [i for i, token in enumerate(tokens) if token.text in THE_CAPITAL]
    if not hits or not gazetteer.capitals:
        return []  # most articles: no set of names is built for them
    # the places found by name ("العاصمة" alone is Kuwait's governorate only after "محافظة")
    named = {j for p in places for j in range(p.first, p.last + 1)}
    capitals = gazetteer.capital_indexes()
    capital_names = named | {
        j for m in matches if capitals.intersection(m.values) for j in range(m.first, m.last + 1)
    }
    found: list[PlaceMention] = []
    for i in hits:
        token = tokens[i]
        if i and _cores(tokens[i - 1].text) & CAPITAL_REGION_WORDS:
            continue
        apposed = i - 1 in capital_names and not token.text.startswith("و")
        if i + 1 in named or i in capital_names or apposed:
            continue  # "العاصمة بغداد", "العاصمة، أنقرة", "تونس العاصمة": the name is the mention
        last, candidates, key = i, tuple(sorted(capitals)), BARE_CAPITAL_KEY
        after = _word_after(tokens, i, text)
        if after:
            country = gazetteer.capital_adjectives.get(after)
            if country in gazetteer.capitals:
                if i + 2 in named or (i + 2 < len(tokens) and _adjective(tokens[i + 2].text)):
                    continue  # "العاصمة السورية دمشق", "العاصمة اليمنية المؤقتة عدن"
                last, candidates = i + 1, (gazetteer.capitals[country],)
                key = fold(gazetteer.places[candidates[0]].place.name_ar)
            elif not _ends_the_phrase(after):
                continue  # "العاصمة المؤقتة عدن", "العاصمة روما" (a name the gazetteer lacks)
        speech = token_sentence[i] in speech_sentences
        found.append(
            PlaceMention(
                i,
                last,
                token.end - CAPITAL_WORD_LENGTH,  # after any proclitic ("بالعاصمة")
                tokens[last].end,
                key,
                candidates,
                _context(tokens, i, last, text, speech),
                token_sentence[i],
                token_clause[i],
            )
        )
    return found


def _punctuated(gap: str) -> bool:
    return any(c in ".,،؛:!?؟\n" for c in gap)


def _adjective(word: str) -> bool:
    """A definite feminine word: an adjective of "العاصمة" ("المؤقتة", "الاقتصادية")."""
    return word.startswith("ال") and word.endswith("ه")


def _ends_the_phrase(word: str) -> bool:
    """A word after "العاصمة" that cannot be its name or adjective: a preposition or a time
    ("في العاصمة اليوم", "إلى العاصمة من"), unlike "العاصمة روما" or "العاصمة المؤقتة"."""
    bare = word[2:] if word.startswith("ال") else word
    time = bare in PARTS_OF_DAY or word.removesuffix("ا") in PARTS_OF_DAY  # "فجرا"
    return bool(_cores(word) & FUNCTION_WORDS) or word in WEEKDAYS or time


def _named_as_capital(tokens: Sequence[Token], first: int) -> bool:
    """The name follows "العاصمة" or "العاصمة الأفغانية"."""
    return _capital_word(tokens, first) >= 0


def _before_capital(tokens: Sequence[Token], first: int) -> frozenset[str]:
    """The word before "العاصمة (السورية)" when it names the capital: in "شرقي العاصمة السورية
    دمشق" the place is east of Damascus, not Damascus itself."""
    j = _capital_word(tokens, first)
    return _cores(tokens[j - 1].text) if j >= 1 else frozenset()


SENTENCE_END = frozenset(".!?؟\n")
DEFINITE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")


def _definite(word: str) -> bool:
    return word.startswith(DEFINITE_PREFIXES)


# kunya and nasab: the word after them is a person's name ("قال نسيم أبو عرة")
PERSON_NAME_LINKS = words("أبو، أبي، أبا، بن، ابن، بنت")
SERVANT = fold("عبد")  # "عبد الله", "عبدالستار": a man's name, unless a place word precedes


# "المصالحة مع دمشق", "إعلان دمشق": a capital dealt with or announcing is its government
DEALING_WITH = words("مع، إعلان، اعلان")


def _government_capital(
    tokens: Sequence[Token],
    match: LexiconMatch[int],
    candidates: Sequence[int],
    gazetteer: Gazetteer,
) -> bool:
    if match.first == 0 or match.prefix or tokens[match.first - 1].text not in DEALING_WITH:
        return False
    return not gazetteer.capital_indexes().isdisjoint(candidates)


# weapons whose kind follows them in a construct ("مدفعية الميدان", "طائرات الأباتشي")
WEAPON_HEADS = words("مدفعية، مدافع، صواريخ، صاروخ، طائرات، طائرة، مروحيات، قذائف، راجمات، دبابات")


def _kind_of_weapon(tokens: Sequence[Token], match: LexiconMatch[int]) -> bool:
    """A definite name right after a weapon noun, with no preposition, names its kind."""
    return (
        match.first > 0
        and match.prefix in ("ال", "وال")
        and tokens[match.first - 1].text in WEAPON_HEADS
    )


def _servant_name(tokens: Sequence[Token], match: LexiconMatch[int]) -> bool:
    if not match.key.startswith(SERVANT):
        return False
    return match.first == 0 or not _cores(tokens[match.first - 1].text) & SETTLEMENT


LOCATIVE_WORDS = words("في، من، إلى، نحو، باتجاه، داخل، على")


IN_COUNTRY_WORDS = DIRECTION_WORDS | words("في، داخل، أنحاء، أراضي")


# "مجلس الأمن" (the Security Council), "مستشار الأمن القومي": an institution or an office
# named by the force's word, not the force (a minister speaks for his forces: "وزير الدفاع")
# "مجلس الأمن القومي الأمريكي", "القنصلية الأمريكية": a body or a building, not the forces
OFFICE_WORDS = words("مجلس، مستشار، مستشارة، لجنة، سفارة، قنصلية")


def _institution(tokens: Sequence[Token], mention: ActorMention) -> bool:
    return mention.first > 0 and bool(_cores(tokens[mention.first - 1].text) & OFFICE_WORDS)


STATEMENT_NOUNS = words("مؤتمر، مؤتمرا، بيان، تصريح، تصريحات، تقرير، لقاء، حديث، مقابلة")
PRESS_ADJECTIVES = words("صحفي، صحفيا، صحافي، صحافيا")


def _statement_adjective(tokens: Sequence[Token], mention: ActorMention) -> bool:
    """ "مؤتمر صحفي", "بيان صحفي": a press conference or statement, not a journalist."""
    return (
        mention.first == mention.last
        and mention.first > 0
        and bool(_cores(tokens[mention.first].text) & PRESS_ADJECTIVES)
        and bool(_cores(tokens[mention.first - 1].text) & STATEMENT_NOUNS)
    )


# "حوثي مسلح", "عناصر داعش المسلحة": "armed" describes the group named before it
ARMED_WORDS = words("مسلح، مسلحا، مسلحون، مسلحين، المسلح، المسلحة، المسلحون، المسلحين")
LOYAL_WORDS = words(
    "الموالين، الموالون، الموالية، موالين، موالون، موالية، مساندون، مساندين، المساندين، المساندون"
)


def _without_armed_adjectives(
    tokens: Sequence[Token], mentions: Sequence[ActorMention]
) -> list[ActorMention]:
    """The actors without an "armed" that only qualifies the actor named just before it, or
    names its loyal militiamen (not "قوات الأمن ومسلحين", two sides joined by "و")."""
    ends = {m.last for m in mentions}

    def describes(m: ActorMention) -> bool:
        if m.key not in ARMED_WORDS or m.first - 1 not in ends:
            return False
        after = tokens[m.last + 1].text if m.last + 1 < len(tokens) else ""
        # "قوات النظام والمسلحين الموالين لها": militiamen loyal to the side just named
        return after in LOYAL_WORDS or not tokens[m.first].text.startswith("و")

    return [m for m in mentions if not describes(m)]


def _country_as_place(tokens: Sequence[Token], mention: ActorMention, gazetteer: Gazetteer) -> bool:
    """ "جنوب شرق تركيا", "في إيران", "في أنقرة": a country or its capital named as a place,
    not its forces acting."""
    word = tokens[mention.first].text
    located = word.startswith("ب") and not mention.key.startswith("ب")  # "بأنقرة"
    if not located and (
        mention.first == 0 or not _cores(tokens[mention.first - 1].text) & IN_COUNTRY_WORDS
    ):
        return False
    capitals = gazetteer.capital_indexes()
    return any(
        gazetteer.places.feature(i) == "country" or i in capitals
        for i in gazetteer.names.get(mention.key, ())
    )


def _moved_from(tokens: Sequence[Token], first: int) -> tuple[bool, bool]:
    """Whether the place is where something came from ("قادمة من X", "أقلعت من قاعدة في X":
    not the event's place) and whether people left it ("إجلاء المقاتلين من X")."""
    start = max(0, first - ORIGIN_REACH)
    words_before = [_cores(tokens[j].text) for j in range(start, first)]
    froms = [k for k, c in enumerate(words_before) if "من" in c]
    if not froms:
        return False, False
    came_from = froms[-1]
    # "من قاعدة في X" leads to the place; "تمكنت من اقتحام منطقة X" does not
    if not all(c & ORIGIN_PLACE_LEADS for c in words_before[came_from + 1 :]):
        return False, False
    cues = frozenset().union(*words_before[:came_from])
    return bool(cues & ORIGIN_WORDS), bool(cues & LEAVING_WORDS)


def _after_reporter(tokens: Sequence[Token], first: int, speech: bool) -> bool:
    """The place follows a reporting source within a few words ("مصادر محلية في X");
    speech: the sentence reports what someone said (then institutions are sources too)."""
    sources = SPEAKING_SOURCE_WORDS if speech else REPORTER_WORDS
    for distance in (1, 2, 3):
        j = first - distance
        if j < 0:
            return False
        found = _cores(tokens[j].text)
        # "لمحافظة حلب" is the governorate, not "محافظ" (the governor) + ه
        if found & sources and not found & ADMIN1_WORDS:
            return distance == 1 or _cores(tokens[first - 1].text) & {"في"} != set()
    return False


def _places(
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    matches: Sequence[LexiconMatch[int]],
    token_sentence: Sequence[int],
    token_clause: Sequence[int],
    text: str,
    speech_sentences: frozenset[int] = frozenset(),
    trigger_tokens: frozenset[int] = frozenset(),
) -> list[PlaceMention]:
    mentions: list[PlaceMention] = []
    list_open = pair_open = False
    # "أحياء التحرير وضبوعة والروضة": the items of a list of districts are districts
    list_of_districts = False
    scenes: dict[int, int] = {}  # clause -> index in mentions of its last scene
    previous_last = -10
    for match in matches:
        if match.key in NEVER_PLACE_CORES or match.key in NEVER_PLACES:
            continue
        if match.first and tokens[match.first - 1].text in PERSON_NAME_LINKS:
            continue  # "أبو عرة", "بن علي": part of a person's name
        if _servant_name(tokens, match):
            continue  # "حاكم الولاية عبد الستار بارز": a man, not the Iraqi village
        if _kind_of_weapon(tokens, match):
            continue  # "مدفعية الميدان" is field artillery, not Damascus's Midan quarter
        if match.first and tokens[match.first - 1].text in DEMONSTRATIVES:
            continue  # "تلك الشهب" (those meteors): a demonstrative points at a common noun
        if _a_water(tokens, match, gazetteer):
            continue  # "خليج عدن", "في البحر الأحمر": the sea, not Aden or Egypt's governorate
        following = tokens[match.last + 1].text if match.last + 1 < len(tokens) else ""
        if following in THING_WORDS:
            continue  # "مركبة بيضاء اللون": a colour, not Ba`idah
        if match.key == DEFENDERS and following in DEFENDED:
            continue  # "حماة الوطن" are the homeland's defenders, not Hama
        if match.first == match.last and read_number(tokens, match.first) is not None:
            continue  # "أربعين" (forty) is also a village
        if _head_of_a_name(tokens, match, text):
            continue  # "معسكر لواء المجد" is a camp, not Mascara; "ميناء الحديدة" a port
        if match.prefix and len(match.key) <= 2:
            continue  # "ليج" is not ل + "يج" (Īch, Iran): a proclitic before two letters
        if "ك" in match.prefix or match.prefix.startswith("ف"):
            # "كابل" is Kabul, not ك + "ابل", and "كحلب" (like Aleppo) names no scene; news
            # seldom writes "ف" before a place, while "فرقة" (a unit) is not ف + "رقة"
            continue
        if match.key in gazetteer.article_names and not match.prefix.endswith(("ال", "لل")):
            continue  # "مركبة بيضاء اللون" is white, "البيضاء" the place
        # "انفجر شهاب على بعد": a name that ends in a preposition reads as words first
        common = match.key in gazetteer.common_names or (
            " " in match.key and match.key.rsplit(" ", 1)[1] in PREPOSITION_WORDS
        )
        if common and not _may_introduce(tokens, match.first, match.prefix):
            previous_last = match.last
            continue
        speech = token_sentence[match.first] in speech_sentences
        context = _context(tokens, match.first, match.last, text, speech)
        if match.key in CONNECTORS and not (context.settlement or context.locative):
            continue  # "عقبه قصف" (after it, shelling) is not Aqaba
        if mentions and (
            _borders_the_last(tokens, match, mentions[-1].last)
            or _located_from_the_last(tokens, match, mentions[-1])
        ):
            context = replace(context, neighbour=True)
        coordinated = match.first == previous_last + 1 and match.prefix.startswith("و")
        gap = (
            text[tokens[previous_last].end : tokens[match.first].start]
            if previous_last >= 0
            else ""
        )
        comma_listed = match.first == previous_last + 1 and "," in gap
        # "قريتي المشيك والبحصة": the list's first name may be missing from the gazetteer
        after_unknown_first = match.prefix.startswith("و") and _opens_list(
            tokens, match.first - 1, SETTLEMENT_PLURALS
        )
        # "قرى الحواش والزقوم والحويجة": a name the gazetteer lacks does not end the list
        across_unknown = list_open and _unknown_names_between(
            tokens, previous_last, match, trigger_tokens
        )
        listed = (
            (list_open and (coordinated or comma_listed or across_unknown))
            or after_unknown_first
            or _drawn_from_plural(tokens, match.first)
        )
        if _opens_list(tokens, match.first) or after_unknown_first:
            opener = match.first - (2 if after_unknown_first else 1)
            list_of_districts = opener >= 0 and bool(_cores(tokens[opener].text) & DISTRICT_WORDS)
            list_open = True
        elif not listed:
            list_open = False
        # "قصفت الطائرات دوما وحرستا": two places joined by "و" are two events' places,
        # unless they bound one ("بين دوما وحرستا")
        paired = (
            not listed
            and coordinated
            and pair_open
            and bool(mentions)
            and mentions[-1].last == previous_last
        )
        if listed:
            context = replace(context, listed=True, district=context.district or list_of_districts)
        # "قرى جديدة", "مناطق واسعة": after a plural, a common word is an adjective
        after_plural = match.first > 0 and bool(
            _proclitic_cores(tokens[match.first - 1].text) & PLURALS_TAKING_ADJECTIVES
        )
        if common and (
            after_plural
            or not (
                context.strong_settlement
                or context.admin1
                or context.admin2
                or context.rural
                or listed
            )
        ):
            previous_last = match.last
            continue
        candidates = _article_agrees(match, gazetteer)
        if _government_capital(tokens, match, candidates, gazetteer):
            context = replace(context, metonym=True)
        if _named_as_capital(tokens, match.first):
            # "العاصمة الأفغانية كابول": a capital is a city, not a namesake village (a capital
            # the gazetteer lacks makes no place; one abroad is what it says)
            candidates = tuple(
                i
                for i in candidates
                if gazetteer.places.abroad(i)
                or (
                    gazetteer.places.population(i) >= CAPITAL_POPULATION
                    and gazetteer.places.feature(i) == "locality"
                )
            )
        nation = _nation_after(tokens, match, text, gazetteer)
        if nation:
            # "مدينة سروج التركية", "سروج بجنوب شرقي تركيا": the Turkish town, not a Syrian
            # namesake; when the gazetteer has none in that country, it is not one it can code
            candidates = tuple(
                i for i in candidates if gazetteer.places[i].place.country_code == nation
            )
        previous_last = match.last
        if not candidates:
            continue
        scene = _where_it_happened(tokens, match, context)
        pair_open = paired or scene
        # "على أطراف دوما من جهة حرستا وعلى بلدة الريحان": "وعلى"/"وفي" opens a second scene
        clause = token_clause[match.first]
        earlier = scenes.get(clause)
        if not paired and earlier is not None and _in_again(tokens, match, context):
            mentions[earlier] = _as_listed(mentions[earlier])
            context = replace(context, listed=True)
        if scene:
            scenes[clause] = len(mentions)
        if paired:
            mentions[-1] = _as_listed(mentions[-1])
            context = replace(context, listed=True)
        mentions.append(
            PlaceMention(
                match.first,
                match.last,
                match.start,
                match.end,
                match.key,
                candidates,
                context,
                token_sentence[match.first],
                token_clause[match.first],
            )
        )
    return mentions


UNKNOWN_LIST_GAP = 2
BORDERING = words("المحاذية، المحاذي، المجاورة، المجاور، المتاخمة، المتاخم، الحدودية، الحدودي")
WITH = words("مع")


def _borders_the_last(tokens: Sequence[Token], match: LexiconMatch[int], place_last: int) -> bool:
    """ "محافظة إب المحاذية للضالع", "عمران الحدودية مع صعدة", "أبين الجنوبية المجاورة
    للبيضاء": the name after a bordering adjective that qualifies the place just named (not
    "مخازن الأسلحة المحاذية لميناء الحديدة", where the port is the stores' place, nor
    "مديرية رازح الحدودية بصعدة", where Saada holds the district)."""
    j = match.first - 1
    if j >= 0 and tokens[j].text in WITH and not match.prefix:
        j -= 1
    elif not match.prefix.startswith("ل"):
        return False
    if j < 1 or tokens[j].text not in BORDERING:
        return False
    return j - 2 <= place_last < j


def _located_from_the_last(
    tokens: Sequence[Token], match: LexiconMatch[int], last_place: PlaceMention
) -> bool:
    """ "في محافظة صلاح الدين شمالي العاصمة بغداد", "مديرية باقم شمال صعدة": the name after a
    direction that follows a province or district just named says where that unit lies, as a
    neighbour does. Only after a unit an admin word introduced: a village's name may be missing
    from the gazetteer or resolve elsewhere ("منطقتي جهاد أبو طبل والراس الأحمر جنوبي مدينة
    العريش"), and a quarter lies in the town named ("حي الواسطي جنوبي مدينة كركوك"). Not a
    coordinated direction ("في منطقة حرض وشمال مدينة الخوخة", a second scene), nor a direction
    adjective ("ريف إدلب الغربي بجسر الشغور", where the town is the scene)."""
    unit = last_place.context
    # an admin word before the name, or opening it ("مديرية باقم" is the gazetteer's name)
    named_unit = last_place.key.split()[0] in ADMIN_WORDS
    if unit.district or not (unit.admin1 or unit.admin2 or named_unit):
        return False
    place_last = last_place.last
    j = match.first - 1
    if j >= 0 and _cores(tokens[j].text) & (CAPITAL_WORDS | SETTLEMENT):
        j -= 1  # "العاصمة", "مدينة"
    k = j
    while k >= 0 and j - k < DIRECTION_SPAN and _cores(tokens[k].text) & DIRECTION_WORDS:
        k -= 1
    opening = tokens[k + 1].text
    return k < j and k == place_last and not opening.startswith(("و", "ال"))


DEMONSTRATIVES = words("هذا، هذه، ذلك، تلك، هؤلاء، أولئك، وهذه، وتلك، وهذا، وذلك")
COLOUR_WORDS = words("اللون، اللونين، لونها، لونه")
# "نظام القبة الحديدية" (the Iron Dome): a name before an adjective of material is a thing
MATERIAL_WORDS = words("الحديدية، الحديدي، الحديد، الفولاذية، الفولاذي")
THING_WORDS = COLOUR_WORDS | MATERIAL_WORDS
DEFENDERS = fold("حماة")  # also the plural of "حامي", defender
DEFENDED = words("الوطن، الأمن، الدين، الديار، الحدود، العقيدة، الثورة، الحرمين")


# words for a kind of place that head the name of one ("معسكر العند", "سجن صيدنايا")
HEAD_NOUNS = SETTLEMENT | FACILITY_WORDS | words("معسكر، معسكرات، ثكنة")
ISLAND_WORDS = words("جزيرة، جزر")


WATER_WORDS = words("خليج، مضيق، بحر، شط، قناة")


def _a_water(tokens: Sequence[Token], match: LexiconMatch[int], gazetteer: Gazetteer) -> bool:
    """A sea or strait named after a place ("خليج عدن"), or a sea word read as a place: alone
    ("المضيق", "البحر": common nouns) or a sea whose namesakes are all provinces ("البحر
    الأحمر", not "محافظة البحر الأحمر"); "البحر الميت" is a place of its own."""
    before = _proclitic_cores(tokens[match.first - 1].text) if match.first else set()
    if before & WATER_WORDS and not match.prefix:
        return True  # not "شارع البحر بالعريش": a preposition opens a place of its own
    head, _, rest = match.key.partition(" ")
    if head not in WATER_WORDS:
        return False
    if not rest:
        return not before & (ADMIN1_WORDS | SETTLEMENT)
    provinces = all(gazetteer.places[i].feature == "admin1" for i in match.values)
    return provinces and not before & ADMIN1_WORDS


def _nation_after(
    tokens: Sequence[Token], match: LexiconMatch[int], text: str, gazetteer: Gazetteer
) -> str:
    """The country of a nation adjective right after the name ("سروج التركية"), or of a
    country it is said to lie in ("سروج بجنوب شرقي تركيا", "الموصل في العراق"), or ""."""
    if match.suffix:
        return ""
    adjective = gazetteer.capital_adjectives.get(_word_after(tokens, match.last, text), "")
    if adjective:
        return adjective
    j = match.last
    while (word := _word_after(tokens, j, text)) and j - match.last <= CONTAINER_REACH:
        country = _country_named(word, gazetteer)
        if country:
            return country if j > match.last else ""
        if word.startswith("و") or not cores(word) & CONTAINER_LINKS:
            return ""  # "في اليمن وفي العراق": a second place, not where the first lies
        j += 1
    return ""


TOWN_RANK = 4.0  # log10(10,000): "عمان" is Amman as much as Oman


def _country_named(word: str, gazetteer: Gazetteer) -> str:
    """The country a word names ("بتركيا"), unless a city shares its name ("عمان"), or ""."""
    for core in _proclitic_cores(word):
        found = gazetteer.candidates(core)
        places = gazetteer.places
        if any(places.feature(i) != "country" and places[i].rank >= TOWN_RANK for i in found):
            continue
        country = next((places.rows[i][4] for i in found if places.feature(i) == "country"), "")
        if country:
            return country
    return ""


def _word_after(tokens: Sequence[Token], index: int, text: str) -> str:
    """The next word, when no punctuation stands between it and token ``index`` (else "")."""
    if index + 1 >= len(tokens):
        return ""
    if _punctuated(text[tokens[index].end : tokens[index + 1].start]):
        return ""
    return tokens[index + 1].text


def _head_of_a_name(tokens: Sequence[Token], match: LexiconMatch[int], text: str) -> bool:
    """A one-word place name that is also a word for a kind of place, written before another
    word with no settlement word before it: the head of a name ("معسكر لواء المجد"), not the
    place ("ولاية معسكر" stays Mascara)."""
    if match.first != match.last or match.last + 1 >= len(tokens):
        return False
    found = _cores(tokens[match.first].text)
    # "جزيرة مينداناو" is an island; "الجزيرة السورية" is the Jazira region
    island = bool(found & ISLAND_WORDS) and not match.prefix.endswith("ال")
    if not (found & HEAD_NOUNS or island):
        return False
    if match.first and _cores(tokens[match.first - 1].text) & (
        SETTLEMENT | ADMIN1_WORDS | ADMIN2_WORDS
    ):
        return False
    gap = text[tokens[match.last].end : tokens[match.last + 1].start]
    return gap.isspace()


def _unknown_names_between(
    tokens: Sequence[Token],
    previous_last: int,
    match: LexiconMatch[int],
    trigger_tokens: frozenset[int],
) -> bool:
    """Only one or two coordinated words no lexicon knows lie between the last place and
    this one ("والزقوم والحويجة"): list items, not a new clause ("وقصفت حماة")."""
    gap = range(previous_last + 1, match.first)
    return (
        match.prefix.startswith("و")
        and 0 < len(gap) <= UNKNOWN_LIST_GAP
        and all(tokens[j].text.startswith("و") and j not in trigger_tokens for j in gap)
    )


IN_WORDS = words("في، على")


def _where_it_happened(
    tokens: Sequence[Token], match: LexiconMatch[int], context: PlaceContext
) -> bool:
    """The place is the object of "في", "على" or "ب" ("في نبل", "بمدينة الرقة"): a place
    another coordinated name may join as a second scene, unlike "يربط الفلوجة وسامراء",
    "بعد صنعاء وعدن" or "بين ردفان والضالع"."""
    if context.origin or context.destination:
        return False
    if "ب" in match.prefix or context.near:
        return True  # "قرب كركوك والفلوجة": near each of them
    before = match.first - 1
    if before >= 0 and (context.settlement or context.admin1 or context.admin2):
        word = tokens[before].text
        if any("ب" in a.prefix for a in analyses(word)):
            return True
        before -= 1
    if before >= 0 and _cores(tokens[before].text) & EDGE_WORDS:
        before -= 1  # "على أطراف دوما", "في محيط البلدة"
    return before >= 0 and bool(_cores(tokens[before].text) & IN_WORDS)


AGAIN_IN = words("وفي، وعلى")
DIRECTION_SPAN = 2  # "شمال شرق"
BETWEEN_WORDS = words("بين")
BETWEEN_REACH = 4
EDGE_WORDS = words("أطراف، محيط، مشارف، ضواحي، تخوم، أحياء")


def _in_again(tokens: Sequence[Token], match: LexiconMatch[int], context: PlaceContext) -> bool:
    """The place follows a repeated preposition ("وعلى بلدة الريحان", "وفي مدينة حلب") or a
    coordinated direction ("وشرقي القطابة", "وشمال مدينة الخوخة", "وفي جنوب شرق حلب")."""
    if context.origin or context.destination:
        return False
    before = match.first - 1
    if before >= 0 and (context.settlement or context.admin1 or context.admin2):
        before -= 1
    for _ in range(DIRECTION_SPAN):
        if before < 0 or tokens[before].text in AGAIN_IN:
            break
        word = tokens[before].text
        if word.startswith("و") and word[1:] in DIRECTION_WORDS:
            # not "شمال وشرق الرمادي" (two sides of one place) nor "بين شرق الراعي وغرب
            # جرابلس" (the land between)
            earlier = {t.text for t in tokens[max(0, before - BETWEEN_REACH) : before]}
            return tokens[before - 1].text not in DIRECTION_WORDS and not earlier & BETWEEN_WORDS
        if word not in DIRECTION_WORDS:
            return False
        before -= 1
    return before >= 0 and tokens[before].text in AGAIN_IN


def _article_agrees(match: LexiconMatch[int], gazetteer: Gazetteer) -> tuple[int, ...]:
    """Candidates whose name agrees with the text about the article: "قرية جديد" is not
    "الجديد" in Libya when a place is written "جديد" (the article is part of a name)."""
    if match.prefix.endswith(("ال", "لل")):
        return tuple(match.values)
    bare = set(gazetteer.names.get(match.key, ()))
    agreeing = tuple(i for i in match.values if i in bare)
    return agreeing or tuple(match.values)


PLURAL_SETTLEMENT = words(
    """
    بلدات، قرى، مدن، أحياء، بلدتي، قريتي، مدينتي، حيي، بلدتا، قريتا، مخيمات، مناطق، محافظات،
    محافظتي، مديريات، مديريتي، نواحي، ناحيتي، مزارع، منطقتي
"""
)


# broken plurals an adjective follows ("قرى جديدة"); duals ("قريتي X وY") introduce names
PLURALS_TAKING_ADJECTIVES = words("قرى، مناطق، مواقع، بلدات، مدن، أحياء، مخيمات، نقاط")
# words that open a list of inhabited places only ("مناطق تجمع ووحدات" lists no places)
SETTLEMENT_PLURALS = words(
    "بلدات، قرى، مدن، أحياء، بلدتي، قريتي، مدينتي، حيي، بلدتا، قريتا، مدينتا، مخيمات، مخيمي"
)
# "مدن أخرى منها البصرة والنجف": the places that follow are drawn from the plural before
AMONG_WORDS = words("منها، بينها، ومنها، وبينها، أبرزها، أهمها، بينهما، منهما")
INTRODUCERS = STRONG_SETTLEMENT | ADMIN1_WORDS | ADMIN2_WORDS | RURAL_WORDS | PLURAL_SETTLEMENT


def _may_introduce(tokens: Sequence[Token], first: int, prefix: str) -> bool:
    """Cheap test before the full context: could a word before a common-word name make it a
    place ("قرية X", or "X" coordinated in a list)?"""
    if first == 0:
        return False
    return prefix.startswith("و") or bool(_cores(tokens[first - 1].text) & INTRODUCERS)


def _opens_list(
    tokens: Sequence[Token], first: int, openers: frozenset[str] = PLURAL_SETTLEMENT
) -> bool:
    """A plural or dual settlement word before the name opens a list ("قرى X وY وZ"), or
    names the set the list is drawn from ("تسع مدن بينها الموصل ومخمور والفلوجة")."""
    if first > 0 and _cores(tokens[first - 1].text) & openers:
        return True
    return _drawn_from_plural(tokens, first, openers)


def _drawn_from_plural(
    tokens: Sequence[Token], first: int, openers: frozenset[str] = PLURAL_SETTLEMENT
) -> bool:
    """ "تسع مدن بينها الموصل": the first of the places drawn from a plural just before."""
    return (
        first > 1
        and tokens[first - 1].text in AMONG_WORDS
        and any(_cores(t.text) & openers for t in tokens[max(0, first - 4) : first - 1])
    )


ADMIN_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
UNIT_WORDS = ADMIN_WORDS | RURAL_WORDS
# words that may stand between a place and the unit it lies in: "في"/"ب" and directions
CONTAINER_LINKS = words("في") | DIRECTION_WORDS
CONTAINER_REACH = 5


def _with_containers(
    tokens: Sequence[Token], text: str, places: list[PlaceMention]
) -> list[PlaceMention]:
    """Each place with the next one when the text says the first lies in it."""
    found = list(places)
    for k in range(len(found) - 1):
        place, after = found[k], found[k + 1]
        unit = _container_link(tokens, text, place, after)
        if unit is not None:
            found[k] = replace(place, within=after.first, within_unit=unit)
    return found


def _container_link(
    tokens: Sequence[Token], text: str, place: PlaceMention, after: PlaceMention
) -> bool | None:
    """Whether ``after`` is a unit the place lies in (True), a place it lies in some
    direction of or in (False: "بجنوب شرقي تركيا"), or not said to contain it (None).

    Only "في", directions and admin words may stand between, with no punctuation; after an
    admin word one name the gazetteer lacks may follow ("بمديرية مناخة في محافظة صنعاء").
    """
    if after.sentence != place.sentence or after.first - place.last - 1 > CONTAINER_REACH:
        return None
    if _punctuated(text[tokens[place.last].end : tokens[after.first].start]):
        return None
    opening = tokens[after.first].text
    if opening.startswith("و") and not after.key.startswith("و"):
        return None  # "بين غزة وإسرائيل": a second place, not the first one's container
    unit = bool(_cores(opening) & UNIT_WORDS)  # "مديرية مناخة" is one name
    if after.first == place.last + 1 and not unit:
        return None  # "سروج تركيا" says nothing of where Suruc lies
    named_unit = False  # the word after an admin word may be the unit's own name
    for j in range(place.last + 1, after.first):
        found = _cores(tokens[j].text)
        if tokens[j].text.startswith("و"):
            return None  # "وفي", "ومحافظة": another place begins
        if found & UNIT_WORDS:
            unit = named_unit = True
        elif found & CONTAINER_LINKS or named_unit:
            named_unit = False  # a link word, or the one name an admin word may carry
        else:
            return None
    return unit


def _as_listed(mention: PlaceMention) -> PlaceMention:
    """The mention read as one of several scenes of its clause's act."""
    return replace(mention, context=replace(mention.context, listed=True))
