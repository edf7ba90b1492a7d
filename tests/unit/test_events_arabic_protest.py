"""Arabic PROTEST reading: verb forms, calls/plans/bans and future dates, and the model's cue features."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from enrichment.casualties import CasualtyStage
from enrichment.dates import DateStage
from enrichment.events import EventStage
from enrichment.events.eventive_clauses import clause_cues
from enrichment.events.eventiveness import cues, features, load_model
from enrichment.normalized_text import normalize_string
from enrichment.pipeline import Pipeline
from enrichment.types import Document

PUBLISHED = datetime(2021, 2, 26, 15, 30)


def protest_found(body: str) -> bool:
    doc = Document.from_parts("doc-ar", "", body, "ar", PUBLISHED)
    acc = Pipeline([DateStage(), CasualtyStage(), EventStage()])(doc)
    return any(e.type == "PROTEST" for e in acc.events)


def test_protest_reports_in_several_verb_and_noun_forms() -> None:
    assert protest_found("تظاهر أمس مئات الطلاب أمام مقر البرلمان للمطالبة بالإفراج عن زملائهم.")
    assert protest_found("يعتصم عشرات العمال منذ أمس أمام مقر الشركة للمطالبة برواتبهم.")
    assert protest_found("نظم مئات المعلمين وقفة احتجاجية أمام وزارة التربية أمس للمطالبة بزيادة الأجور.")


def test_called_planned_banned_or_future_protests_are_not_events() -> None:
    assert not protest_found("دعت أحزاب المعارضة إلى التظاهر أمام البرلمان للمطالبة بإسقاط الحكومة.")
    assert not protest_found("تعتزم النقابات تنظيم اعتصام أمام مقر الحكومة للمطالبة بالأجور.")
    assert not protest_found("قررت السلطات حظر المظاهرات في وسط العاصمة.")
    assert not protest_found("ستنظم النقابات مسيرات احتجاجية في العاصمة.")
    assert not protest_found("ينظم العمال إضرابا يوم الأحد المقبل للمطالبة بتحسين الأجور.")


def test_cue_features_describe_how_a_sentence_reports() -> None:
    introduced = cues(normalize_string("تظاهر أمس عشرات من أعضاء الحزب أمام مقر البرلمان للمطالبة بالإفراج عن زعيمهم"))
    assert {"#opening_protest", "#time", "#crowd", "#place", "#purpose"} <= introduced
    discussed = cues(normalize_string("وقال الوزير إن المتظاهرين الذين خرجوا لم يقرأوا الخطة"))
    assert {"#speech", "#relative", "#negation", "#protesters_without_crowd"} <= discussed
    assert "#opening_protest" not in discussed


def clauses_of(sentence: str) -> set[str]:
    return clause_cues(normalize_string(sentence))


def test_a_protest_verb_or_an_outbreak_is_the_reported_act() -> None:
    assert {"#protest_predicate", "#verb_crowd"} <= clauses_of("تظاهر نحو ثلاثة آلاف طالب أمس في الرباط ضد رفع الرسوم")
    assert "#protest_predicate" in clauses_of("واحتشد المتظاهرون قرب الميناء وأغلقوا مدخله ساعتين")
    assert "#protest_occurrence" in clauses_of("واندلعت احتجاجات في ثلاث مدن جنوبية بعد رفع أسعار الوقود")
    assert "#protest_occurrence" in clauses_of("وذكر شهود أن مسيرة كبيرة انطلقت من الجامعة نحو الوزارة")
    assert "#protest_act" in clauses_of("وقام عمال المصنع بالاعتصام داخل الورشة حتى المساء")
    assert "#protest_act" in clauses_of("وشكلت النساء سلسلة بشرية على طول الشاطئ")


def test_protesters_who_only_speak_or_demand_are_not_the_act() -> None:
    demanded = clauses_of("وطالب المحتجون الحكومة بفتح تحقيق في الحادث")
    assert {"#protesters_speech", "#protesters_only"} <= demanded
    assert "#protest_predicate" not in demanded
    assert "#protesters_only" in clauses_of("ووزع المتظاهرون منشورات تشرح مطالبهم")
    background = clauses_of("وأغلقت المتاجر أبوابها عندما خرج المتظاهرون من المسجد")
    assert "#subordinate_protest" in background
    assert "#protest_verb_main" not in background
    # An oblique protest noun is a setting, not an occurrence ("spoke at a rally held ...").
    assert "#protest_occurrence" not in clauses_of("وتحدث الوزير في مظاهرة أقيمت للترحيب بالفريق")


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠123.،", max_size=80))
def test_features_are_words_cues_or_both(text: str) -> None:
    words, marks = features(text, "words"), features(text, "cues")
    assert features(text, "both") == words | marks
    assert features(text, "clauses") == marks | clause_cues(text)
    assert all(c.startswith("#") for c in clause_cues(text))
    assert all(m.startswith("#") for m in marks)
    assert not any(w.startswith("#") for w in words)


def test_shipped_protest_model_uses_a_known_feature_set() -> None:
    model = load_model()
    assert model is not None
    assert model.feature_set.get("protest", "words") in ("words", "cues", "both", "clauses")
    assert 0.0 <= model.probability("protest", normalize_string("تظاهر مئات الطلاب امس")) <= 1.0


def test_a_quantifier_behind_the_article_is_no_crowd() -> None:
    # "سار على النحو" is "went the way", not a march; "سار نحو ألف متظاهر" has a crowd as its subject.
    assert not protest_found("وقال الوزير إن التصويت سار على النحو الذي تريده الحكومة.")
