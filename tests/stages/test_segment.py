"""Sentence segmentation with datelines, abbreviations and numbers."""

from __future__ import annotations

import pytest

from rasd.stages.segment import dateline_end, segment


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("دمشق 15 - 7 (اف ب) - قتل ثلاثة", "دمشق 15 - 7 (اف ب) -"),
        (
            "نيويورك، الولايات المتحدة الأمريكية (CNN)— أيد الجنرال",
            "نيويورك، الولايات المتحدة الأمريكية (CNN)—",
        ),
        ("الوقت- تعرض مقر يشغله مسلحون", "الوقت-"),
        ("(CNN)-- نقلت وكالة الأنباء", "(CNN)--"),
    ],
)
def test_segment_finds_datelines(text: str, dateline: str) -> None:
    end = dateline_end(text)
    assert text[:end].strip() == dateline
    sentences = segment(text)
    assert sentences[0].role == "dateline" and sentences[1].role == "body"


@pytest.mark.parametrize(
    "text", ["قتل ثلاثة مدنيين في قصف على البلدة - وفق المرصد - مساء أمس", "قال إن القصف استمر"]
)
def test_segment_no_dateline_in_plain_sentences(text: str) -> None:
    assert dateline_end(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل جندي. وأصيب آخر", ["قتل جندي.", "وأصيب آخر"]),
        ("هل انتهى القصف؟ لا أحد يعرف!", ["هل انتهى القصف؟", "لا أحد يعرف!"]),
        ("قال د. أحمد إن 3.5 طن سقطت.", ["قال د. أحمد إن 3.5 طن سقطت."]),
        ("السطر الأول\nالسطر الثاني", ["السطر الأول", "السطر الثاني"]),
        ("قال: «انتهى القصف.» ثم غادر", ["قال: «انتهى القصف.»", "ثم غادر"]),
    ],
)
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text)] == expected


def test_segment_offsets_quote_the_text() -> None:
    text = "دمشق 15 - 7 (اف ب) - قتل جندي.   وأصيب آخر.\n\nوقال المرصد"
    for sentence in segment(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_an_outlet_dateline_takes_the_filing_place_alone_on_its_line() -> None:
    text = "عين اليوم – أنقرة\nقصفت الطائرات التركية مواقع في شمال العراق."
    first, second = segment(text)[:2]
    assert (first.role, text[first.start : first.end]) == ("dateline", "عين اليوم – أنقرة")
    assert text[second.start : second.end].startswith("قصفت")
    # a dash head whose line goes on is a dateline without a place
    running = "عين اليوم – أنقرة قصفت الطائرات مواقع."
    assert [s.role for s in segment(running)][:2] == ["dateline", "body"]
    assert running[segment(running)[1].start :].startswith("أنقرة")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "عين اليوم – أنقرة\n",
        "عين اليوم –\n\nقصف",
        "–\n",
        "عين اليوم – \n",
        "عين اليوم – " + "ا" * 60 + "\nنص",
        # dated heads closed by an agency, and headings between punctuated lines
        "بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس",
        "بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n\n\n",
        "قتل جندي.\n   \nعنوان قصير\n\nوأصيب آخر.\n",
        "قتل جندي.\nعنوان\nعنوان آخر\nسطر ثالث\nوأصيب آخر.",
    ],
)
def test_odd_datelines_keep_offsets_and_lose_no_text(text: str) -> None:
    sentences = segment(text)
    assert all(0 <= s.start <= s.end <= len(text) for s in sentences)
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_short_unpunctuated_lines_inside_a_punctuated_article_are_headings() -> None:
    text = (
        "قتل ثلاثة جنود في هجوم على حاجز.\n"
        "سوريا: غارات جوية تدمر مستشفيات في درعا\n"
        "وأضاف المصدر أن الهجوم وقع فجرا.\n"
        "وأصيب اثنان آخران بجروح.\n"
        "ولا يزال غضب المحتجين قائما\n"
        "من جهة ثانية، أعلنت روسيا أن الإصلاحات المزمع إدخالها\n"
        "وقال المرصد إن الحصيلة مرشحة للارتفاع."
    )
    roles = {s.text: s.role for s in segment(text)}
    assert roles["سوريا: غارات جوية تدمر مستشفيات في درعا"] == "heading"
    # a line opening with a conjunction, or holding a comma, goes on from the text around it
    assert roles["ولا يزال غضب المحتجين قائما"] == "body"
    assert roles["من جهة ثانية، أعلنت روسيا أن الإصلاحات المزمع إدخالها"] == "body"


def test_an_article_without_punctuation_has_no_headings() -> None:
    text = "قتل ثلاثة جنود في هجوم على حاجز\nغارات جوية على درعا\nوقال المرصد إن الحصيلة مرتفعة"
    assert {s.role for s in segment(text)} == {"body"}


def test_a_dated_first_line_closed_by_an_agency_is_a_dateline() -> None:
    text = "بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n قتل ثلاثة في قصف على البلدة."
    assert [s.role for s in segment(text)] == ["dateline", "body"]
    # an agency closing an ordinary first line is a source, not a dateline
    for text in ("قتل 3 أشخاص وفق ما نقلت سانا\nوأضافت", "قالت وكالة واس\nإن القصف استمر"):
        assert segment(text)[0].role == "body"


def test_an_outlets_link_line_is_a_heading_not_a_sentence_of_the_report() -> None:
    text = (
        "انفجرت سيارة ملغومة اليوم في سوق ببغداد. رابط الخبر بصحيفة الوئام: مقتل 20 في انفجار. "
        "ببغداد"
    )
    sentences = segment(text)
    assert [(s.role, s.text) for s in sentences] == [
        ("body", "انفجرت سيارة ملغومة اليوم في سوق ببغداد."),
        ("heading", "رابط الخبر بصحيفة الوئام: مقتل 20 في انفجار. ببغداد"),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
