"""Month, weekday and relative-day words in English and Arabic, in matching form.

Arabic has two month systems in everyday news: the Egyptian/Gulf transliterations
(يناير، فبراير ...) and the Levantine/Iraqi Syriac names (كانون الثاني، شباط ...),
often written together ("فبراير/شباط"). Maghrebi forms (جانفي، فيفري ...) are added
too. All keys are already normalised (see `enrichment.normalized_text`).
"""

from __future__ import annotations

from enrichment.normalized_text import normalize_string

_EN_MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may", "may"),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)

_AR_MONTHS = (
    ("يناير", "كانون الثاني", "جانفي"),
    ("فبراير", "شباط", "فيفري"),
    ("مارس", "آذار", "اذار"),
    ("أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل"),
    ("مايو", "أيار", "ايار", "ماي"),
    ("يونيو", "يونيه", "حزيران", "جوان"),
    ("يوليو", "يوليه", "تموز", "جويلية", "جويليه"),
    ("أغسطس", "اغسطس", "آب", "أوت", "اوت"),
    ("سبتمبر", "أيلول", "ايلول"),
    ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الأول", "كانون الاول"),
)

EN_MONTHS: dict[str, int] = {name: i + 1 for i, names in enumerate(_EN_MONTHS) for name in names}
AR_MONTHS: dict[str, int] = {normalize_string(name): i + 1 for i, names in enumerate(_AR_MONTHS) for name in names}
# "آب" (August) normalises to "اب", which is also "father": accepted only next to a day number.
AR_AMBIGUOUS_MONTHS = frozenset({normalize_string("آب"), normalize_string("ماي")})

EN_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
AR_WEEKDAYS: dict[str, int] = {
    normalize_string(name): day
    for name, day in (
        ("الاثنين", 0),
        ("الإثنين", 0),
        ("الثلاثاء", 1),
        ("الأربعاء", 2),
        ("الاربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
        ("الاحد", 6),
    )
}

AR_PAST = tuple(normalize_string(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت"))
AR_NEXT = tuple(normalize_string(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة"))
AR_TIME_OF_DAY = tuple(
    normalize_string(w) for w in ("فجر", "صباح", "مساء", "ظهر", "ليل", "ليلة", "عصر", "ظهيرة", "يوم", "نهار")
)
AR_YEAR_WORDS = tuple(normalize_string(w) for w in ("عام", "العام", "سنة", "السنة"))

# Relative day words: offset in days from the publication date.
EN_RELATIVE_DAYS: dict[str, int] = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "last night": -1,
    "tomorrow": 1,
}
AR_RELATIVE_DAYS: dict[str, int] = {
    normalize_string(w): offset
    for w, offset in (
        ("أمس", -1),
        ("الأمس", -1),
        ("البارحة", -1),
        ("اليوم", 0),
        ("الليلة الماضية", -1),
        ("غدا", 1),
        ("غداً", 1),
    )
}
