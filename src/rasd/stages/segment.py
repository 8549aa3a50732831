"""Sentence segmentation fit for Arabic news.

Splits at line breaks and at sentence-final punctuation (. ! ? ؟ …) followed by space, but not
after one-letter abbreviations ("د." for doctor, "م." for metre) or inside numbers ("3.5").
A dateline at the head of the article ("دمشق 15 - 7 (اف ب) -", "نيويورك، الولايات المتحدة
(CNN)--", "الوقت-") becomes its own sentence with role ``dateline``: its place is where the
report was filed, not where the event happened.

A short line without final punctuation inside an otherwise punctuated article is a
``heading``: a section title ("فصل مناطق سيطرة المعارضة") or a link to another story ("للمزيد:
...", "الأمن يفض اعتصام متظاهري البصرة"). Its words name events the body reports or other
stories report, so events are read from the body, not from it.
"""

from __future__ import annotations

import re

from rasd.types import Sentence

_AGENCIES = (
    r"CNN|AFP|Reuters|AP|DPA|اف ب|أ ف ب|ا ف ب|أ\.ف\.ب|رويترز|واس|سانا|قنا|وام|بترا|كونا|"
    r"الأناضول|د ب أ|يو بي آي|شينخوا|سبوتنيك|بي بي سي|الوقت|سكاي نيوز"
)
# a short head (≤ 90 chars) ending in an agency in brackets and/or a dash
_DATELINE = re.compile(
    r"^\s*(?:[^\n.!?؟]{0,90}?(?:\((?:" + _AGENCIES + r")\)|\b(?:" + _AGENCIES + r")\b)"
    r"\s*(?:[-–—]+|:)|[^\n.!?؟\-–—]{1,40}?\s*[-–—]{1,3}(?=\s|\S))",
)
# a dated first line closed by an agency: "بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس"
_DATED_HEAD = re.compile(
    r"^\s*[^\n.!?؟]{0,60}?(?<!\d)\d{4}(?!\d)[^\n.!?؟]{0,30}?(?<!\w)(?:"
    + _AGENCIES
    + r")[ \t]*(?=\n)"
)
_END = re.compile(r"(?:[.!?؟…]+|\.\.)[\"'»”)]*(?=\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\s)[\u0621-\u064a]\.$")
# a line that ends a sentence (or opens a quote or list with a colon)
_CLOSED_LINE = re.compile(r"(?:[.!?؟…:]|\.\.)[\"'»”)]*\s*$")
HEADING_WORDS = 14
# a line opening with a conjunction goes on from the one before: a sentence, not a heading
_CONTINUES = ("و", "ف", "كما ", "ثم ", "فيما ", "حيث ")


def dateline_end(text: str) -> int:
    """Offset where a leading dateline ends, or 0 when the article has none."""
    head = text[:200]
    dated = _DATED_HEAD.match(head)
    if dated:
        return dated.end()
    match = _DATELINE.match(head)
    if not match:
        return 0
    words = match.group().split()
    has_agency = re.search(_AGENCIES, match.group()) is not None
    if not has_agency and len(words) > 4:
        return 0
    return _with_filing_place(text, match.end())


def _with_filing_place(text: str, end: int) -> int:
    """ "عين اليوم – أنقرة⏎": a place of one or two words alone on the rest of the dateline's
    line is where the report was filed; the dateline runs to the line's end."""
    line_end = text.find("\n", end, end + 40)
    if line_end < 0:
        return end
    rest = text[end:line_end].split()
    return line_end if 1 <= len(rest) <= 2 else end


def segment(text: str) -> tuple[Sentence, ...]:
    """Sentences of an article text, with the dateline (if any) first.

    Example: ``[s.text for s in segment("قتل جندي. وأصيب آخر")] == ["قتل جندي.", "وأصيب آخر"]``
    """
    sentences: list[Sentence] = []
    start = dateline_end(text)
    if start:
        _add(sentences, text, 0, start, "dateline")
    lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:])]
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    punctuated = sum(1 for a, b in lines if _CLOSED_LINE.search(text[a:b])) * 2 > len(lines)
    for number, (line_start, line_end) in enumerate(lines):
        if punctuated and 0 < number < len(lines) - 1 and is_heading(text[line_start:line_end]):
            _add(sentences, text, line_start, line_end, "heading")
        else:
            _split_line(sentences, text, line_start, line_end)
    return tuple(sentences)


def is_heading(line: str) -> bool:
    """A short line with no final punctuation that does not go on from the line before."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_WORDS
        and not _CLOSED_LINE.search(line)
        and "،" not in line
        and not line.lstrip().startswith(_CONTINUES)
    )


# "رابط الخبر بصحيفة الوئام: انفجار يهز كوباني": the outlet's link to the story repeats its
# headline; "اقرأ أيضا:" links to another story. Neither is a sentence of the report.
_LINK = re.compile(r"\s*(?:رابط الخبر|رابط المقال|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|للمزيد\s*:)")


def _split_line(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    cursor = start
    for match in _END.finditer(text, start, end):
        before = text[max(cursor, match.start() - 3) : match.start() + 1]
        if match.group() == "." and _ABBREVIATION.search(before):
            continue
        if _LINK.match(text, cursor):
            break  # the link runs to the end of the line, its title's own stops included
        _add(sentences, text, cursor, match.end(), "body")
        cursor = match.end()
    _add(sentences, text, cursor, end, "heading" if _LINK.match(text, cursor) else "body")


def _add(sentences: list[Sentence], text: str, start: int, end: int, role: str) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end], role))
