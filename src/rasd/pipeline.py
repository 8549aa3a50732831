"""The extraction pipeline: plain calls, one per stage module.

``extract(article, resources, config)`` is all a caller needs; each stage is also usable alone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rasd import acled
from rasd.config import Config
from rasd.resources import Resources
from rasd.stages.actors import ActorDictionary, pick_sense
from rasd.stages.assemble import Context, article_country, build_drafts, merge_drafts, to_events
from rasd.stages.geolocate import ResolvedPlace, country_focus, resolve_places
from rasd.stages.mentions import RESPONSE_WORDS, ArticleMentions, find_mentions
from rasd.stages.segment import segment
from rasd.types import ActorType, Article, Event

log = logging.getLogger(__name__)
PIPELINE_VERSION = "rasd-0.1"


def extract(article: Article, resources: Resources, config: Config) -> list[Event]:
    """ACLED events of one article.

    1. bound the text, 2. segment into sentences, 3. find mentions (places, actors, triggers,
    time expressions), 4. resolve places in the gazetteer, 5. assemble events (roles,
    classification, dates, fatalities), merge mentions of one act, write records.

    Example: ``extract(Article("a1", "قتل ثلاثة مدنيين بقصف على بلدة كفرنبل", published=...),
    resources, config)``
    """
    article = bounded(article, config.max_article_chars)
    sentences = segment(article.text)
    found = find_mentions(
        article,
        sentences,
        gazetteer=resources.gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )
    hints = actor_country_hints(found, resources.actors)
    gazetteer = resources.gazetteer
    focus = country_focus(found.places, gazetteer, hints)
    places = [
        p
        for p in resolve_places(found.places, gazetteer, country_hints=hints, focus=focus)
        if sentences[p.mention.sentence].role != "dateline"
    ]
    # the article's country names its actors: one of the countries events are coded in
    covered = (c for c in focus if c in acled.COUNTRIES)
    country = article_country(
        places, gazetteer.places, max(covered, key=lambda c: focus[c], default="")
    )
    ctx = Context(
        mentions=found,
        places=places,
        actors=resources.actors,
        country=country,
        lead_time=lead_time(found),
        lead_place=lead_place(found, places, gazetteer.places, country),
        gazetteer_places=gazetteer.places,
        source=article.source or "",
        source_scale=resources.reporters.scale_of(article.source),
        claims=sentence_claims(found),
        timestamp=config.timestamp,
        pipeline_version=PIPELINE_VERSION,
        relevance=resources.event_clause,
    )
    return to_events(ctx, merge_drafts(ctx, build_drafts(ctx)))


def bounded(article: Article, limit: int) -> Article:
    """The article cut at ``limit`` characters (at a line break when possible)."""
    if len(article.text) <= limit:
        return article
    cut = article.text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    log.warning("article %s: text of %d characters cut to %d", article.id, len(article.text), cut)
    return replace(article, text=article.text[:cut])


def actor_country_hints(found: ArticleMentions, actors: ActorDictionary) -> dict[str, float]:
    """Countries the article's domestic actors point to (Houthis -> Yemen, PMF -> Iraq)."""
    votes: dict[str, float] = defaultdict(float)
    for mention in found.actors:
        sense = pick_sense(mention.senses, "")
        if sense is None:
            continue
        entry = actors.entries[sense.actor_id]
        if entry.country and entry.inter != ActorType.EXTERNAL_OTHER and len(entry.country) == 2:
            votes[entry.country] += 0.5
    return {cc: min(2.0, v) for cc, v in votes.items()}


def lead_time(found: ArticleMentions):  # type: ignore[no-untyped-def]
    """The first usable time expression of the article's first two body sentences."""
    body = [s.index for s in found.sentences if s.role == "body"][:2]
    for expression in found.times:
        sentence = found.sentence_at(expression.start)
        if sentence in body and expression.value is not None and expression.precision <= 3:
            return None if expression.future else expression
    return None


def lead_place(
    found: ArticleMentions,
    places: Sequence[ResolvedPlace],
    records: Sequence[object],
    country: str = "",
) -> ResolvedPlace | None:
    """The first specific place of the article's first two body sentences, in the article's
    country when that is known (a lone namesake abroad is no stand-in for "the town")."""
    body = [s.index for s in found.sentences if s.role == "body"][:2]
    for place in places:
        record = records[place.index]
        feature = getattr(record, "feature", "")
        context = place.mention.context
        usable = not (context.elsewhere or _in_a_response(found, place))
        place_country = getattr(getattr(record, "place", None), "country_code", country)
        abroad = bool(country) and place_country != country
        if place.mention.sentence in body and feature != "country" and usable and not abroad:
            return place
    return None


def _in_a_response(found: ArticleMentions, place: ResolvedPlace) -> bool:
    """The place is named in what another act answers ("ردا على هجوم كيميائي في دوما"): the
    scene of the act answered, not of the article's news (a crime those arrested are charged
    with is often where they were arrested, so it still counts)."""
    return found.opens_with(found.clauses[found.token_clause[place.mention.first]], RESPONSE_WORDS)


def sentence_claims(found: ArticleMentions) -> dict[int, str]:
    """Reporting sources per sentence; key -1 holds the article's first source."""
    claims: dict[int, str] = {}
    for mention in found.reporters:
        sentence = found.token_sentence[mention.first]
        claims.setdefault(sentence, mention.name)
        claims.setdefault(-1, mention.name)
    return claims
