"""Clause cues for Arabic PROTEST eventiveness: is a protest the sentence's reported act?

A sentence reports a protest when a protest or gathering verb is its predicate ("تظاهر مئات الطلاب",
"احتشد المتظاهرون"), when a protest noun is the subject of a verb of occurrence ("اندلعت مظاهرات",
"مظاهرة عنيفة اندلعت"), or when someone "took part in / staged" one ("قاموا بالاحتجاج", "شكلوا سلسلة
بشرية"). It only *mentions* protesters when they are the subject of a speech or demand verb ("طالب
المتظاهرون", "هتف المتظاهرون") or when the protest verb sits in a background clause ("عندما خرج
المتظاهرون", "الذين تظاهروا"). Arabic marks the subject: the nominative plural "المتظاهرون" is the
clause's subject, "المتظاهرين" an object or genitive.

These are features for the eventiveness model (`eventiveness.features(..., "clauses")`), weighed by
logistic regression; none decides alone. Patterns run on normalised text (ة→ه, أ/إ/آ→ا, ى→ي).
"""

from __future__ import annotations

import re

_START = r"(?<!\w)[وف]?"  # word start, with an optional conjunction clitic
_END = r"(?!\w)"
# Protest nouns, singular and plural, with the article.
_PROTEST_NOUN = (
    r"(?:مظاهر(?:ه|ات)|تظاهر(?:ه|ات)|احتجاج(?:ات)?|مسير(?:ه|ات)|اعتصام(?:ات)?|اضراب(?:ات)?|تجمع(?:ات)?"
    r"|وقف(?:ه|ات) (?:احتجاجي|صامت|تضامني)\w*)"
)
# Perfect-tense verbs of protesting, gathering or marching (3rd person; -وا plural, -ت feminine, -ن dual/plural).
_PROTEST_VERB = r"(?:تظاهر|احتشد|اعتصم|تجمهر|تجمع|احتج|اضرب|زحف|تدفق|نزل|خرج|سار|تقاطر|توافد)(?:وا|ت|ن)?"
# Verbs of which a protest noun is the subject or object when it happens: broke out, set off, swept, was held,
# organised, staged, formed.
_OCCURRENCE_VERB = (
    r"(?:اندلع|انطلق|خرج|جاب|عم|جر|اقيم|شهد|تواصل|تجدد|ارتفع|تصاعد|امتد|نظم|نظمو|سيرو|نفذ|نفذو|شكل|شكلو)(?:ت|وا)?"
)
_TAKE_PART = r"(?:قام|قاموا|قامت|شارك|شاركوا|شاركت|انضم|انضموا|دخل|دخلوا|واصل|واصلوا|خاض|خاضوا)"
_CROWD_WORD = r"(?:عشرات|مئات|الاف|الوف|الالاف|المئات|نحو|حوالي|زهاء|قرابه|اكثر|عدد|مليون|حشد|حشود|\d+)"
_PROTESTER = r"(?:ال)?(?:متظاهر|محتج|معتصم)\w*"
# A noun right after one of these words is oblique: the protest is a setting ("في مظاهرة أخرى أقيمت").
_NOT_AFTER_PREPOSITION = "".join(f"(?<!{p} )" for p in ("في", "خلال", "من", "عن", "علي", "الي"))

_PATTERNS: dict[str, re.Pattern[str]] = {
    "#protest_verb": re.compile(_START + _PROTEST_VERB + _END),
    "#protest_occurrence": re.compile(
        _START + _OCCURRENCE_VERB + r"(?:\s+\w+){0,2}\s+(?:ال)?" + _PROTEST_NOUN + _END
        + "|" + _NOT_AFTER_PREPOSITION + _START + r"(?:ال)?" + _PROTEST_NOUN
        + r"(?:\s+(?!التي|الذي)\w+){0,2}\s+" + _OCCURRENCE_VERB + _END
    ),
    # Took part in, staged, joined, entered or kept up a protest; a human chain; a (silent) stand.
    "#protest_act": re.compile(
        _START + _TAKE_PART + r"\s+(?:\w+\s+){0,5}?(?:ب|في |الي )?(?:ال|لل)?" + _PROTEST_NOUN + _END
        + "|" + _START + r"(?:سلسله بشريه|وقفه (?:احتجاجيه|صامته|تضامنيه)|الوقفه)" + _END
    ),
    # The verb's subject is a counted crowd: "تظاهر نحو ألفي شخص", "احتشد آلاف المتظاهرين".
    "#verb_crowd": re.compile(_START + _PROTEST_VERB + r"(?:\s+\w+){0,2}\s+" + _CROWD_WORD + _END),
    # A protest verb in a temporal, relative or past-background clause.
    "#subordinate_protest": re.compile(
        _START + r"(?:عندما|حين|الذين|الذي|التي|كانوا|كان|كانت|بعد ان|قبل ان|لدي|اثناء)\s+(?:\w+\s+)?"
        + r"(?:" + _PROTEST_VERB + r"|ي\w*(?:تظاهر|حتج|عتصم|تجمع)\w*)" + _END
    ),
    "#protesters_nominative": re.compile(_START + r"(?:المتظاهرون|المحتجون|المعتصمون|المضربون)" + _END),
    "#protesters_speech": re.compile(
        _START + r"(?:طالب|هتف|ردد|رفع|حمل|سلم|وزع|اصدر|اكد|ندد|دعا|حذر|وصف|اعتبر|انشد|اشار|قال|طرح|ترك|بدا|انهي"
        r"|اتهم|اعلن|رفض)(?:وا|ت)?\s+" + _PROTESTER + _END
    ),
    "#protesters_action": re.compile(
        _START + r"(?:احرق|اضرم|سد|قطع|اغلق|رشق|اشتبك|هاجم|اقتحم|حاصر|احتل|رمي|اشعل)(?:وا|ت)?\s+" + _PROTESTER + _END
    ),
    # A news lede's dateline ("بانكوك ـ رويترز:") opens a report.
    "#dateline": re.compile(r"^.{0,80}?\s[ـ-]\s*[^:]{1,25}:"),
    "#street": re.compile(_START + r"(?:الي|في)\s+(?:ال)?شوارع" + _END),
}  # fmt: skip
_SUBJECT_AFTER = re.compile(r"(?<!\w)(\w+)\s+(?:المتظاهرون|المحتجون|المعتصمون)(?!\w)")
_IS_PROTEST_VERB = re.compile(_PROTEST_VERB + "$")
_NOT_A_VERB = frozenset({"من", "في", "عن", "علي", "الي", "بين", "مع", "ان", "لان", "كان", "كانوا", "قد", "لقد", "ثم"})


def clause_cues(normalised: str) -> set[str]:
    """The clause cues present in a normalised sentence (names start with "#")."""
    found = {name for name, pattern in _PATTERNS.items() if pattern.search(normalised)}
    for match in _SUBJECT_AFTER.finditer(normalised):
        word = match.group(1)
        word = word[1:] if len(word) > 3 and word[0] in "وف" else word
        if word not in _NOT_A_VERB and not _IS_PROTEST_VERB.match(word):
            found.add("#protesters_other_verb")  # VSO: the word before the nominative subject is its verb
    if "#protest_verb" in found and "#subordinate_protest" not in found:
        found.add("#protest_verb_main")
    if found & {"#protest_verb_main", "#protest_occurrence", "#protest_act"}:
        found.add("#protest_predicate")
    elif found & {"#protesters_speech", "#protesters_other_verb"}:
        found.add("#protesters_only")
    return found
