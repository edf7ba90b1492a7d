"""Synthetic articles for demos, tests and benchmarks: ~3 KB, Arabic and English, deterministic.

Built from templates and real place and organisation names so the engine has
something to find; never derived from the evaluation data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

_EN_PLACES = ["Baghdad", "Damascus", "Beirut", "Cairo", "Amman", "Riyadh", "Tehran", "Ankara", "Sanaa", "Tripoli"]
_AR_PLACES = ["بغداد", "دمشق", "بيروت", "القاهرة", "عمّان", "الرياض", "طهران", "أنقرة", "صنعاء", "طرابلس"]
_EN_ORGS = ["the United Nations", "the Arab League", "the European Union", "the World Health Organization"]
_AR_ORGS = ["الأمم المتحدة", "جامعة الدول العربية", "الاتحاد الأوروبي", "منظمة الصحة العالمية"]
_EN_SENTENCES = [
    "Officials in {place} said on Tuesday that talks with {org} would continue next week.",
    "At least {n} people were killed and {m} wounded in clashes near {place}, a local official said.",
    "{org} called for calm after protesters gathered in central {place} to demand reforms.",
    "The government in {place} announced new measures to support farmers hit by the drought.",
    "Prices of bread and fuel rose sharply in {place} this month, traders said.",
    "A delegation from {org} arrived in {place} to discuss humanitarian aid deliveries.",
]
_AR_SENTENCES = [
    "قال مسؤولون في {place} يوم الثلاثاء إن المحادثات مع {org} ستستمر الأسبوع المقبل.",
    "قتل {n} أشخاص على الأقل وأصيب {m} آخرون في اشتباكات قرب {place}، بحسب مصدر محلي.",
    "دعت {org} إلى التهدئة بعد تجمع محتجين في وسط {place} للمطالبة بإصلاحات.",
    "أعلنت الحكومة في {place} إجراءات جديدة لدعم المزارعين المتضررين من الجفاف.",
    "ارتفعت أسعار الخبز والوقود بشكل حاد في {place} هذا الشهر، بحسب تجار.",
    "وصل وفد من {org} إلى {place} لبحث إيصال المساعدات الإنسانية.",
]
TARGET_BYTES = 3_000


def _paragraph(rng: random.Random, language: str) -> str:
    sentences, places, orgs = (
        (_AR_SENTENCES, _AR_PLACES, _AR_ORGS) if language == "ar" else (_EN_SENTENCES, _EN_PLACES, _EN_ORGS)
    )
    chosen = rng.sample(sentences, 3)
    return " ".join(
        s.format(place=rng.choice(places), org=rng.choice(orgs), n=rng.randint(2, 40), m=rng.randint(1, 60))
        for s in chosen
    )


def synthetic_article(index: int, language: str | None = None, seed: int = 7) -> dict[str, Any]:
    """One deterministic RawArticle dict of about 3 KB of UTF-8."""
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - reproducible demo text, not security
    language = language or ("ar" if index % 2 else "en")
    paragraphs: list[str] = []
    while len("\n".join(paragraphs).encode("utf-8")) < TARGET_BYTES:
        paragraphs.append(_paragraph(rng, language))
    published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=index)
    title = _paragraph(rng, language).split(". ")[0].split("، ")[0][:120]
    return {
        "id": f"synthetic-{seed}-{index}",
        "url": f"https://synthetic.example/{language}/{seed}/{index}",
        "title": title,
        "body": "\n".join(paragraphs),
        "published_at": published.isoformat().replace("+00:00", "Z"),
        "source": "synthetic.example",
        "language": language,
    }


def synthetic_stream(count: int | None = None, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`count` articles (endless when None), alternating English and Arabic."""
    index = 0
    while count is None or index < count:
        yield synthetic_article(index, seed=seed)
        index += 1
