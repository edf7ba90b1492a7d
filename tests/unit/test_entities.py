"""The entities stage: linking, clustering, stable ids, ambiguity, places, robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.entities import EntityStage
from enrichment.entity_linking import unknown_id
from enrichment.types import Document, Enrichment
from tests.unit.kb_fixture import write_fixture_kb


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> EntityStage:
    return EntityStage(statistical=False, kb_path=write_fixture_kb(tmp_path_factory.mktemp("kb")))


def _run(stage: EntityStage, title: str, body: str, language: str) -> Enrichment:
    doc = Document.from_parts("t1", title, body, language)
    return stage(doc, Enrichment(language=language))


def test_arabic_article_links_across_variants(stage: EntityStage) -> None:
    out = _run(stage, "غارات على سوريا", 'قالت وزارة الدفاع الأمريكية "البنتاغون" إن الغارات في بسوريا.', "ar")
    ids = [e.id for e in out.entities]
    assert "iso:SY" in ids and "wd:Q11209" in ids
    pentagon = next(e for e in out.entities if e.id == "wd:Q11209")
    assert [m.text for m in pentagon.mentions] == ["وزارة الدفاع الأمريكية", "البنتاغون"]
    assert pentagon.name == "United States Department of Defense"
    assert pentagon.names.ar == "وزارة الدفاع الأمريكية"


def test_full_name_then_surname_is_one_entity_linked_by_surname(stage: EntityStage) -> None:
    body = "قال المتحدث باسم البنتاغون، جيمس كيربي، إن الضربات دقيقة. وأضاف كيربي أن العملية انتهت."
    out = _run(stage, "", body, "ar")
    kirby = [e for e in out.entities if e.type == "PERSON"]
    assert len(kirby) == 1
    assert kirby[0].id == "wd:Q1701289"
    assert [m.text for m in kirby[0].mentions] == ["جيمس كيربي", "كيربي"]


def test_unknown_entities_get_stable_ids(stage: EntityStage) -> None:
    body = "Minister Karim Zanjabili visited Baghdad. Zanjabili said the talks went well."
    first = _run(stage, "", body, "en")
    second = _run(stage, "Other", body + " More text.", "en")
    person = next(e for e in first.entities if e.type == "PERSON")
    assert person.id == unknown_id("PERSON", "Karim Zanjabili")
    assert person.id in {e.id for e in second.entities}
    assert len(person.mentions) == 2


def test_jordan_the_country_and_the_person(stage: EntityStage) -> None:
    out = _run(stage, "", "Troops arrived in Jordan on Monday. Michael Jordan scored.", "en")
    jordan = [e for e in out.entities if e.id == "iso:JO"]
    assert len(jordan) == 1
    assert [m.text for m in jordan[0].mentions] == ["Jordan"]
    assert jordan[0].mentions[0].start < 30


def test_demonyms_are_not_entities_but_ministries_are(stage: EntityStage) -> None:
    out = _run(stage, "", "نفت وزارة الدفاع العراقية ذلك، وقالت الحكومة العراقية إن القوات الأمريكية انسحبت.", "ar")
    assert [e.id for e in out.entities] == ["akhbar:org/iraq-mod"]


def test_places_carry_country_and_coordinates(stage: EntityStage) -> None:
    out = _run(stage, "بغداد", "وصل الوفد إلى بغداد قادما من العراق.", "ar")
    places = {p.entity_id: p for p in out.places}
    assert places["geonames:98182"].country_code == "IQ"
    assert places["geonames:98182"].lat == pytest.approx(33.34)
    assert places["iso:IQ"].country_code == "IQ"


def test_salience_is_ranked_and_bounded(stage: EntityStage) -> None:
    out = _run(stage, "Syria strikes", "Syria said on Friday that Iraq and Syria agreed. Syria again.", "en")
    saliences = [e.salience for e in out.entities]
    assert saliences == sorted(saliences, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in saliences)
    assert out.entities[0].id == "iso:SY"


def test_person_title_blocks_city_reading(stage: EntityStage) -> None:
    out = _run(stage, "", "Defense Secretary Lloyd Austin spoke in Austin.", "en")
    by_text = {m.text: e for e in out.entities for m in e.mentions}
    assert by_text["Lloyd Austin"].type == "PERSON"
    assert by_text["Austin"].type == "LOCATION"


_NASTY = st.one_of(
    st.text(),
    st.text(alphabet="بغداد العراق وللعراق\u200f\u200e\u0640\u064b 😀\x00 Iraq's U.S. Jordan -"),
    st.just("x" * 5_000_000),
    st.just(""),
)


@settings(max_examples=60, deadline=None)
@given(title=_NASTY, body=_NASTY)
def test_never_raises_and_offsets_slice_the_text(stage: EntityStage, title: str, body: str) -> None:
    doc = Document.from_parts("h", title, body, "other")
    out = stage.find(doc)
    for entity in out:
        assert 0.0 <= entity.salience <= 1.0
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
            assert mention.text


@pytest.fixture(scope="module")
def full_stage() -> EntityStage:
    return EntityStage(statistical=True)


@settings(max_examples=25, deadline=None)
@given(title=_NASTY, body=_NASTY)
def test_full_engine_never_raises(full_stage: EntityStage, title: str, body: str) -> None:
    doc = Document.from_parts("h", title, body, "other")
    out = full_stage(doc, Enrichment())
    for entity in out.entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
    assert {p.entity_id for p in out.places} <= {e.id for e in out.entities}


def test_town_name_after_a_first_name_is_not_the_town(stage: EntityStage) -> None:
    out = _run(stage, "", "Yesterday Pat Austin won the race; she trains in Austin.", "en")
    austin = [e for e in out.entities if e.name == "Austin"]
    assert len(austin) == 1
    assert [m.start for m in austin[0].mentions] == [len("Yesterday Pat Austin won the race; she trains in ")]


def test_one_word_arabic_person_alias_needs_context(stage: EntityStage) -> None:
    assert [e.id for e in _run(stage, "", "وقال بايدن إن الوضع صعب.", "ar").entities] == []
    assert [e.id for e in _run(stage, "", "وقال الرئيس بايدن إن الوضع صعب.", "ar").entities] == ["wd:Q6279"]


class _FakeTagger:
    """Tags fixed surfaces, standing in for the statistical model."""

    def __init__(self, surfaces: dict[str, str]) -> None:
        self.surfaces = surfaces

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for surface, kind in self.surfaces.items():
            start = text.find(surface)
            if start >= 0:
                out.append((start, start + len(surface), kind))
        return out


def _with_tagger(monkeypatch: pytest.MonkeyPatch, stage: EntityStage, surfaces: dict[str, str]) -> EntityStage:
    import enrichment.entities as entities_module

    monkeypatch.setattr(entities_module, "load_statistical_tagger", lambda language: _FakeTagger(surfaces))
    return EntityStage(statistical=True, kb_path=stage._kb_path)


def test_tagger_span_around_a_kb_word_of_another_type_wins(monkeypatch: pytest.MonkeyPatch, stage: EntityStage) -> None:
    tagged = _with_tagger(monkeypatch, stage, {"Pat Austin": "PERSON", "Iran-backed": "MISC"})
    out = _run(tagged, "", "Pat Austin met Iran-backed groups near Syria.", "en")
    kinds = {e.name: e.type for e in out.entities}
    assert kinds["Pat Austin"] == "PERSON"
    assert "Austin" not in kinds
    assert "Iran-backed" not in kinds


def test_kb_wins_when_the_tagger_disagrees_on_the_same_span(
    monkeypatch: pytest.MonkeyPatch, stage: EntityStage
) -> None:
    tagged = _with_tagger(monkeypatch, stage, {"Syria": "PERSON", "Deir ez-Zor": "ORG"})
    out = _run(tagged, "", "Strikes in Syria and Deir ez-Zor.", "en")
    assert {e.id for e in out.entities} == {"iso:SY", "geonames:170794"}


def test_tagger_person_starting_on_a_conjunction_is_trimmed(
    monkeypatch: pytest.MonkeyPatch, stage: EntityStage
) -> None:
    tagged = _with_tagger(monkeypatch, stage, {"ومايكل بلوك": "PERSON"})
    out = _run(tagged, "", "التقى الوفد ومايكل بلوك أمس.", "ar")
    assert [m.text for e in out.entities for m in e.mentions] == ["مايكل بلوك"]


def test_arabic_title_rule_needs_the_taggers_agreement(monkeypatch: pytest.MonkeyPatch, stage: EntityStage) -> None:
    tagged = _with_tagger(monkeypatch, stage, {"سامي حداد": "PERSON"})
    out = _run(tagged, "", "قال السيد سامي حداد إن السيد محب كان غائبا.", "ar")
    assert [e.name for e in out.entities if e.type == "PERSON"] == ["سامي حداد"]
