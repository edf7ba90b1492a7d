"""Trigger detection: lexicon hits -> coded, factual event mentions (one per trigger)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from enrichment.events.blocking import CLAUSE_END, HYPOTHETICAL_WINDOW, CueWords, blocked, cue_words_of
from enrichment.events.eventiveness import EventivenessModel, load_model
from enrichment.events.lexicon import MATERIAL_CONFLICT, Coding, Lexicon, Refinement, TriggerEntry
from enrichment.events.segments import Segments
from enrichment.normalized_text import NormalizedText, normalize_string

USE_EVENTIVENESS_MODEL = True
EVENTIVENESS_OVERRIDE: EventivenessModel | None = None  # the trainer scores candidate models with this

_SHORT_TEXT = 450  # snippets this short share their context cues across sentences
_SUPPORT_REACH = 25  # an eventive word this close to an Arabic trigger marks it as a report


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class TriggerMention:
    entry: TriggerEntry
    coding: Coding
    start: int  # original offsets
    end: int
    sentence: int
    paragraph: int


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class _Hit:
    kind: str
    start: int
    end: int


def _refine(entry: TriggerEntry, cues: set[str], side_cues: set[str], rules: tuple[Refinement, ...]) -> Coding | None:
    """First rule whose cue groups are present; "target:"/"source:" groups must sit on that side."""
    for rule in rules:
        if entry.id not in rule.when:
            continue
        if (
            rule.need_cues <= cues
            and rule.need_sides <= side_cues
            and cues.isdisjoint(rule.unless_cues)
            and side_cues.isdisjoint(rule.unless_sides)
        ):
            return rule.coding
    return entry.coding


_PASSIVE = (" was ", " were ", " been ", " being ", " is ", " are ", " got ")


def _sides(trigger: _Hit, text: str, lo: int, hi: int, cues: list[tuple[str, int, int]]) -> set[str]:
    """Cue groups on the patient ("target:x") and agent ("source:x") sides of a trigger.

    Target: after the trigger, minus agent phrases ("by two armed men"); before it, only across
    a passive auxiliary ("a man was shot"). Source: before the trigger in an active clause
    ("ISIS fighters recaptured ..."), or after it behind "by". `cues` are (kind, start, end).
    """
    side: set[str] = set()
    for kind, cue_start, cue_end in cues:
        if not lo <= cue_start < hi:
            continue
        if cue_start >= trigger.end:
            between = text[trigger.end : cue_start]
            side.add(("source:" if " by " in between else "target:") + kind)
        elif cue_end <= trigger.start:
            passive = any(p in text[cue_end : trigger.start] for p in _PASSIVE)
            side.add(("target:" if passive else "source:") + kind)
    return side


def _longest_first(hits: list[_Hit], lexicon: Lexicon) -> list[_Hit]:
    """Overlapping triggers: the longest wins ("grenade launcher" over "grenade")."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if chosen and hit.start < chosen[-1].end:
            last = chosen[-1]
            longer = (hit.end - hit.start, lexicon.entries[hit.kind].weight) > (
                last.end - last.start,
                lexicon.entries[last.kind].weight,
            )
            if longer:
                chosen[-1] = hit
            continue
        chosen.append(hit)
    return chosen


def _reported(
    hit: _Hit, coding: Coding, sentence: int, supported: set[int], support_at: list[int], historical: frozenset[int]
) -> bool:
    """An Arabic material trigger reports an occurrence: dated/counted sentence or an eventive word nearby."""
    if sentence in supported:
        return True
    near = any(-_SUPPORT_REACH <= s - hit.start <= _SUPPORT_REACH for s in support_at)
    return near and sentence not in historical


_CROWD_REACH = 20  # a crowd size this soon after an Arabic protest verb is its subject ("تظاهر مئات الطلاب")


def _crowd_follows(hit: _Hit, crowd_at: list[int]) -> bool:
    return any(0 <= c - hit.end <= _CROWD_REACH for c in crowd_at)


_FUTURE_REACH = 40  # a future date this soon after an Arabic protest trigger ("مظاهرة يوم الجمعة المقبل")


def _unreal_protest(start: int, end: int, text: str, lexicon: Lexicon) -> bool:
    """An Arabic protest that is called for, planned, banned, feared or dated in the future (normalised offsets)."""
    for pattern, lo, hi in (
        (lexicon.protest_modality, max(0, start - HYPOTHETICAL_WINDOW), start),
        (lexicon.protest_future, end, min(len(text), end + _FUTURE_REACH)),
    ):
        if pattern is None:
            continue
        for cue in pattern.finditer(text, lo, hi):
            between = text[cue.end() : start] if hi == start else text[end : cue.start()]
            if not any(p in between for p in CLAUSE_END):
                return True
    return False


# Arabic prepositions (and proclitic ب ل ك) put a protest noun in an oblique phrase: the protest is
# the setting or the object ("خلال التظاهرات", "بين المتظاهرين والشرطة", "لتفريق المتظاهرين"),
# not the clause's reported act ("تظاهر مئات", "اندلعت مظاهرات", "المتظاهرون أغلقوا").
_AR_PREPOSITIONS = frozenset(
    {
        *("في", "خلال", "اثناء", "أثناء", "بعد", "قبل", "ضد", "مع", "على", "علي", "من", "عن", "الى", "إلى"),
        *("الي", "حول", "بشأن", "بشان", "بين", "تجاه", "نحو", "لدى", "لدي", "منذ", "عقب", "اثر", "إثر"),
    }
)


def _oblique(hit: _Hit, text: str, lo: int) -> bool:
    """The Arabic trigger word carries ب/ل/ك or follows a preposition (sentence starts at `lo`)."""
    word_start = text.rfind(" ", lo, hit.start) + 1
    prefix = text[max(word_start, lo) : hit.start]
    prefix = prefix[1:] if prefix[:1] in ("و", "ف") else prefix
    prefix = prefix.removesuffix("ال") if prefix != "لل" else "ل"  # the article is not a preposition
    if any(c in prefix for c in "بلك"):
        return True
    previous = text[lo : max(word_start - 1, lo)].split()
    if not previous:
        return False
    word = previous[-1]
    return word in _AR_PREPOSITIONS or (word[0] in "وف" and word[1:] in _AR_PREPOSITIONS)


def detect(
    norm: NormalizedText,
    segments: Segments,
    lexicon: Lexicon,
    supported: set[int],
    historical: frozenset[int] = frozenset(),
) -> list[TriggerMention]:
    """Factual trigger mentions in text order, coded after context refinement.

    `supported` holds sentence indices with a day-date or casualty count; it gains the
    sentences with support cues. Material triggers outside supported sentences, and
    any trigger in a question, are not reported events; `historical` sentences (dated
    only by a year or month, "اغتيل عام 1999") need a day-date or casualty count.
    """
    triggers: list[_Hit] = []
    support_at: list[int] = []
    crowd_at: list[int] = []
    model = (EVENTIVENESS_OVERRIDE or load_model()) if USE_EVENTIVENESS_MODEL else None
    verdicts: dict[tuple[int, str], bool] = {}
    cues_by_sentence: dict[int, set[str]] = {}
    cue_hits: dict[int, list[tuple[str, int, int]]] = {}  # (cue kind, start, end) per sentence, for `_sides`
    matched = norm.text
    span = norm.span
    same_offsets = len(matched) == len(norm.original)  # nothing deleted: normalised offsets are original ones
    entries = lexicon.entries
    sentence_starts = segments.sentence_starts
    ascii_text = matched.isascii()
    cue_words: CueWords | None = None  # ASCII texts: no Arabic cue word can occur
    if lexicon.blocker_scanner is not None and ascii_text:
        cue_words = cue_words_of(lexicon.blocker_scanner.spans(matched))
    names = lexicon.names
    candidates: list[tuple[str, int, int]] = []  # (trigger id, normalised start, end)
    for kind, anchor_start, anchor_end in lexicon.scanner.spans(matched):
        name = names[kind]
        # Denied or hypothetical ("denied attacking", "if they attack") and, in Arabic, unreal protests are no
        # events.
        if (
            not ascii_text
            and entries[name].coding.type == "PROTEST"
            and not matched[anchor_start:anchor_end].isascii()
            and _unreal_protest(anchor_start, anchor_end, matched, lexicon)
        ):
            continue
        candidates.append((name, anchor_start, anchor_end))
    if not candidates:
        return []
    for (name, anchor_start, anchor_end), denied in zip(
        candidates, blocked([start for _, start, _ in candidates], matched, lexicon, cue_words), strict=True
    ):
        if not denied:
            start, end = (anchor_start, anchor_end) if same_offsets else span(anchor_start, anchor_end)
            triggers.append(_Hit(name, start, end))
    for kind, anchor_start, _ in lexicon.modifier_scanner.spans(matched):
        name = names[kind]
        if name == "crowd" and matched[max(0, anchor_start - 2) : anchor_start] == "ال":
            continue  # the article makes a quantifier a noun ("على النحو" = "in the manner"); "المئات" is listed
        (crowd_at if name == "crowd" else support_at).append(norm.to_original(anchor_start))
    for kind, anchor_start, anchor_end in lexicon.cue_scanner.spans(matched):
        name = names[kind]
        start, end = (anchor_start, anchor_end) if same_offsets else span(anchor_start, anchor_end)
        sentence_index = bisect_right(sentence_starts, start) - 1
        names_here = cues_by_sentence.get(sentence_index)
        if names_here is None:
            cues_by_sentence[sentence_index] = {name}
            cue_hits[sentence_index] = [(name, start, end)]
        else:
            names_here.add(name)
            cue_hits[sentence_index].append((name, start, end))
    if not triggers:
        return []
    short = segments.length <= _SHORT_TEXT
    no_cues: set[str] = set()
    whole = set().union(*cues_by_sentence.values()) if short and cues_by_sentence else no_cues
    text = norm.original
    questions = "?" in text or "؟" in text
    rules_by_trigger = lexicon.rules_by_trigger
    all_rules = lexicon.refinements
    target_rule_ids = lexicon.target_rule_ids
    all_ascii = text.isascii()  # then no trigger is Arabic: no slice to test per trigger
    found: list[TriggerMention] = []
    sentence, lo, hi, paragraph, asked, cues = -1, 0, 0, 0, False, no_cues
    for hit in _longest_first(triggers, lexicon):  # in text order: a sentence's facts are found once, at its first
        if hit.start >= hi:
            sentence = bisect_right(sentence_starts, hit.start) - 1
            lo, hi = segments.sentence_span(sentence)
            paragraph = segments.paragraph_of(lo)  # every paragraph starts a sentence: the sentence's paragraph
            asked = questions and (text.find("?", lo, hi) >= 0 or text.find("؟", lo, hi) >= 0)
            cues = whole if short else cues_by_sentence.get(sentence, no_cues)
        if asked:
            continue
        entry = entries[hit.kind]
        side_cues = _sides(hit, text, lo, hi, cue_hits.get(sentence, [])) if entry.id in target_rule_ids else no_cues
        rules = rules_by_trigger.get(entry.id, ()) if rules_by_trigger else all_rules
        coding = _refine(entry, cues, side_cues, rules) if rules else entry.coding
        if coding is None:
            continue
        # Arabic nominal mentions ("اغتيال الرئيس ...") read like events; English ones rarely do.
        if all_ascii or text[hit.start : hit.end].isascii():
            if entry.crowd_gated:
                continue
            found.append(TriggerMention(entry, coding, hit.start, hit.end, sentence, paragraph))
            continue
        crowd = coding.type == "PROTEST" and _crowd_follows(hit, crowd_at)
        if entry.crowd_gated and not crowd:
            continue
        if coding.type == "PROTEST" and not crowd and _oblique(hit, text, lo):
            continue
        # Arabic protest candidates all go to the eventiveness model: its cue features (a counted crowd, a time
        # word, a purpose phrase, reported speech ...) weigh what the crowd/support/date gates decide for others.
        protest_model = coding.type == "PROTEST" and model is not None
        material = coding.quad_class == MATERIAL_CONFLICT
        if crowd and not protest_model:
            pass  # without a model, a counted crowd gathering is a protest report on its own
        elif (
            material
            and coding.type != "PROTEST"
            and not _reported(hit, coding, sentence, supported, support_at, historical)
        ):
            continue
        elif material and model is not None and (protest_model or sentence not in supported):
            verdict_key = (sentence, coding.type)
            if verdict_key not in verdicts:
                verdicts[verdict_key] = model.accepts(coding.type, normalize_string(text[lo:hi]))
            if not verdicts[verdict_key]:
                continue
        found.append(TriggerMention(entry, coding, hit.start, hit.end, sentence, paragraph))
    return found
