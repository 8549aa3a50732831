"""Who reports an event: attribution phrases ("وفقاً للمرصد", "مصادر محلية") and outlet scale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.arabic import Lexicon, LexiconMatch


@dataclass(frozen=True, slots=True)
class ReporterMention:
    """A reporting source named in the text (normalised token span)."""

    first: int
    last: int
    name: str


class Reporters:
    """Attribution phrases and the source scale of known outlets."""

    def __init__(self, phrases: list[tuple[str, str]], scales: Mapping[str, str]):
        self.lexicon: Lexicon[str] = Lexicon(phrases, min_core=2)
        self.scales = {outlet.casefold(): scale for outlet, scale in scales.items()}

    @classmethod
    def from_yaml(cls, content: Mapping[str, Any]) -> Reporters:
        """Build from the parsed ``sources.yaml``."""
        phrases = [
            (phrase, name)
            for name, forms in (content.get("reporters") or {}).items()
            for phrase in forms
        ]
        scales = {
            outlet: scale
            for scale, outlets in (content.get("outlets") or {}).items()
            for outlet in outlets
        }
        return cls(phrases, scales)

    def mentions(self, matches: Sequence[LexiconMatch[str]]) -> list[ReporterMention]:
        """Reporting sources of matches of ``lexicon`` (searched with the other mentions'
        lexicons in one LexiconSet pass, see ``mentions.mention_lexicons``)."""
        return [ReporterMention(m.first, m.last, m.values[0]) for m in matches]

    def scale_of(self, outlet: str | None) -> str:
        """ACLED source_scale of an outlet, "" when unknown."""
        return self.scales.get((outlet or "").casefold(), "")
