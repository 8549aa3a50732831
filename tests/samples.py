"""Articles the store, web and review tests share: one shelling reported by two outlets (they
merge into one event) and an IED in Raqqa."""

from __future__ import annotations

from datetime import date

from rasd.types import Article

STORE_ARTICLES = (
    Article(
        "sky-1",
        "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة النعمان "
        "بريف إدلب الجنوبي، بحسب ما أفاد المرصد السوري لحقوق الإنسان.",
        "مقتل ثلاثة مدنيين بقصف على معرة النعمان",
        date(2021, 3, 9),
        "Sky News Arabia",
    ),
    Article(
        "bbc-1",
        "أفاد المرصد السوري لحقوق الإنسان بمقتل ثلاثة مدنيين جراء قصف مدفعي لقوات النظام على "
        "مدينة معرة النعمان في ريف إدلب مساء الاثنين.",
        "قصف على معرة النعمان",
        date(2021, 3, 9),
        "BBC Arabic",
    ),
    Article(
        "waqt-2",
        "انفجرت عبوة ناسفة في مدينة الرقة صباح اليوم ما أدى إلى مقتل شخصين، بحسب مصادر محلية.",
        None,
        date(2021, 3, 10),
        "Al-Waqt",
    ),
)
