"""EventStage: PLOVER/ACLED coding, factuality, arguments from hand-built entities, de-duplication."""

from __future__ import annotations

from datetime import datetime

from enrichment.casualties import CasualtyStage
from enrichment.dates import DateStage
from enrichment.events import EventStage
from enrichment.pipeline import Pipeline
from enrichment.types import Document, Entity, Event, Mention, Names

PUBLISHED = datetime(2021, 2, 26, 15, 30)


def entity(text: str, id_: str, type_: str, name: str, subtype: str | None = None, cc: str | None = None) -> Entity:
    mentions = []
    start = text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name))
        start = text.find(name, start + 1)
    return Entity(
        id=id_, type=type_, name=name, names=Names(en=name), kb_id=None, salience=0.5,  # type: ignore[arg-type]
        mentions=tuple(mentions), subtype=subtype, country_code=cc, lat=1.0 if cc else None, lon=2.0 if cc else None,
    )  # fmt: skip


def run(
    body: str, language: str = "en", entities: tuple[tuple[str, str, str, str | None, str | None], ...] = ()
) -> list[Event]:
    doc = Document.from_parts("doc-1", "", body, language, PUBLISHED)
    stages = Pipeline([DateStage(), CasualtyStage()])
    acc = stages(doc)
    built = tuple(entity(doc.text, id_, type_, name, subtype, cc) for id_, type_, name, subtype, cc in entities)
    from dataclasses import replace

    return list(EventStage()(doc, replace(acc, entities=built)).events)


def test_air_strike_with_actors_place_date_and_toll() -> None:
    body = (
        "United States warplanes struck positions of Kataib Hezbollah near Abu Kamal early on Friday, "
        "killing at least 22 fighters."
    )
    events = run(
        body,
        entities=(
            ("us", "LOCATION", "United States", "country", "US"),
            ("kh", "ORG", "Kataib Hezbollah", "armed_group", None),
            ("ak", "LOCATION", "Abu Kamal", "city", "SY"),
        ),
    )
    strike = next(e for e in events if e.acled_subtype == "Air/drone strike")
    assert (strike.type, strike.mode, strike.quad_class, strike.acled_type) == (
        "FIGHT",
        "aerial",
        4,
        "Explosions/Remote violence",
    )
    assert (strike.source_actor, strike.target_actor, strike.location, strike.country_code) == ("us", "kh", "ak", "SY")
    assert (strike.date, strike.fatalities) == ("2021-02-26", 22)
    assert body[strike.trigger.start : strike.trigger.end] == strike.trigger.text


def test_arabic_rocket_attack_with_date_and_two_victims() -> None:
    body = "يذكر أن هجوماً صاروخياً، في 15 فبراير/شباط، على قاعدة جوية في أربيل، أدى إلى مقتل مدني ومتعاقد أجنبي."
    events = run(body, "ar", (("erbil", "LOCATION", "أربيل", "city", "IQ"),))
    (attack,) = [e for e in events if e.acled_type]
    assert (attack.type, attack.mode, attack.acled_subtype) == (
        "FIGHT",
        "artillery",
        "Shelling/artillery/missile attack",
    )
    assert (attack.date, attack.fatalities, attack.location, attack.country_code) == ("2021-02-15", 2, "erbil", "IQ")


def test_denied_claim_is_not_an_event_of_that_type() -> None:
    assert not [e for e in run("Kataib Hezbollah denied carrying out the bombing on Friday.") if e.type == "ASSAULT"]
    assert not [e for e in run("نفت الوزارة تبادل معلومات استخباراتية مع واشنطن") if e.type == "COOPERATE"]


def test_threats_and_hypotheticals_are_not_material_events() -> None:
    assert not [e for e in run("The group threatened to bomb the embassy on Friday.") if e.quad_class == 4]
    assert [e.type for e in run("The group threatened the embassy on Friday.")] == ["THREATEN"]


def test_repeated_mentions_of_one_strike_are_merged() -> None:
    body = (
        "U.S. airstrikes hit a militia camp on Friday.\n"
        "The airstrikes destroyed three buildings, officials said on Friday.\n"
        "The air raid killed 17 fighters."
    )
    strikes = [e for e in run(body) if e.acled_subtype == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].fatalities == 17


def test_protest_refinements() -> None:
    (peaceful,) = run("On 9 May 2020, workers protested in the capital against unpaid salaries.")
    assert (peaceful.type, peaceful.acled_subtype) == ("PROTEST", "Peaceful protest")
    dispersed = run("On 9 May 2020, students protested in Tunis; police dispersed them with tear gas.")
    assert dispersed[0].acled_subtype == "Protest with intervention"
    (riot,) = [e for e in run("On 9 May 2020, protesters burned tyres and threw stones at police.") if e.acled_type]
    assert riot.acled_type == "Riots"


def test_attack_on_civilians_versus_armed_clash() -> None:
    (attack,) = [e for e in run("On 9 May 2020, gunmen shot dead two civilians in the village.") if e.acled_type]
    assert (attack.type, attack.acled_subtype) == ("ASSAULT", "Attack")
    (clash,) = [e for e in run("On 9 May 2020, militants clashed with soldiers near the border.") if e.acled_type]
    assert (clash.type, clash.acled_subtype) == ("FIGHT", "Armed clash")


def test_words_inside_entity_names_are_not_triggers() -> None:
    body = "Members of the Popular Mobilization Forces met officials on Friday."
    events = run(body, entities=(("pmf", "ORG", "Popular Mobilization Forces", "militia", "IQ"),))
    assert "MOBILIZE" not in [e.type for e in events]


def test_works_without_entities_and_ids_are_stable() -> None:
    body = "On 9 May 2020, police arrested five men in Basra."
    first, second = run(body), run(body)
    assert [(e.id, e.type, e.acled_subtype) for e in first] == [(e.id, e.type, e.acled_subtype) for e in second]
    assert first[0].type == "COERCE" and first[0].source_actor is None and first[0].location is None


def test_empty_text_gives_no_events() -> None:
    assert run("") == []


def test_arabic_eventiveness_model_loads_and_scores() -> None:
    from enrichment.events.eventiveness import load_model, tokens

    model = load_model()
    assert model is not None
    assert tokens("وقتل مسلحون 3 اشخاص") == ["قتل", "مسلحون", "اشخاص"]
    for family in ("assault", "protest"):
        assert 0.0 <= model.probability(family, "فجر انتحاري نفسه في سوق بغداد امس") <= 1.0
    assert model.accepts("CONSULT", "any sentence") is True  # no model for verbal types


def test_agent_side_decides_who_took_territory() -> None:
    (rebels,) = [e for e in run("On 9 May 2020, ISIS fighters recaptured the village of Kashma.") if e.acled_type]
    assert rebels.acled_subtype == "Non-state actor overtakes territory"
    (army,) = [e for e in run("On 9 May 2020, the army recaptured the town from the militants.") if e.acled_type]
    assert army.acled_subtype == "Government regains territory"


def test_arrests_of_protesters_and_seizures_of_weapons() -> None:
    events = run("On 9 May 2020, police detained dozens of protesters in Minsk.")
    (detained,) = [e for e in events if e.type == "COERCE"]
    assert (detained.type, detained.acled_subtype) == ("COERCE", "Protest with intervention")
    (seized,) = [e for e in run("On 9 May 2020, officers seized nine pistols and ammunition.") if e.acled_type]
    assert seized.acled_subtype == "Disrupted weapons use"
    assert not [e for e in run("On 9 May 2020, hikers discovered an old cave in the hills.") if e.acled_type]


def test_weapons_tests_and_accidents_are_not_attacks() -> None:
    body = "Japan imposed new sanctions over North Korea's missile tests on Monday."
    assert "FIGHT" not in [e.type for e in run(body)]
    assert not [e for e in run("Six people were killed when a chemical plant exploded on Thursday.") if e.acled_type]


def test_arabic_protest_needs_a_reported_gathering() -> None:
    # A gathering verb with a crowd size after it reports a protest; the same verb alone does not.
    assert "PROTEST" in [e.type for e in run("تظاهر مئات الطلاب أمام مقر البرلمان للمطالبة بالإصلاح.", "ar")]
    assert "PROTEST" in [e.type for e in run("تجمع نحو مائة متظاهر في وسط المدينة.", "ar")]
    assert "PROTEST" not in [e.type for e in run("خرج الرئيس من الاجتماع دون تصريح.", "ar")]
    # A protest noun in an oblique phrase (the setting of another act) is not itself the event.
    body = "وقالت المنظمة إن الرجال اعتقلوا إثر التخطيط لتنظيم مظاهرة في ذكرى الحادث."
    assert "PROTEST" not in [e.type for e in run(body, "ar")]
