"""Text preparation: cleaning, font fall-back, right-to-left order."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from supnotes.pdf import fonts, script
from supnotes.pdf.flowables import para
from supnotes.pdf.styles import styles
from tests.pdf.sample import SUPERVISOR, WORKER


def test_latin_names_never_need_a_fallback_or_replacement() -> None:
    for name in (SUPERVISOR, WORKER, "Dŵr", "Gwŷn", "Ẁyn Ẃil Ẅ", "Zoë Ørsted-Ñúñez", "Şükrü Çelik"):
        assert script.runs(name, fonts.SANS) == [(fonts.SANS, name)]


def test_arabic_and_emoji_fall_back_to_their_faces() -> None:
    faces = {face for face, _ in script.runs("Ali محمد 😊", fonts.SANS)}
    assert faces == {fonts.SANS, fonts.ARABIC, fonts.EMOJI}


def test_characters_no_face_has_become_the_replacement_character() -> None:
    assert script.runs("中", fonts.SANS) == [(fonts.SANS, script.REPLACEMENT)]


def test_clean_drops_controls_and_keeps_lines() -> None:
    assert script.clean("a\x00b\x1bc\r\nd\te\ufe0f") == "abc\nd    e"


def test_markup_escapes_everything_reportlab_would_read() -> None:
    assert script.markup("<b>&amp;</b>", fonts.SANS) == "&lt;b&gt;&amp;amp;&lt;/b&gt;"


def test_direction_follows_the_text() -> None:
    assert script.base_is_rtl(script.prepare("عائشہ خان"))
    assert not script.base_is_rtl(script.prepare("عائشہ خان (mother)"))
    assert not script.base_is_rtl("Siân")


def test_rtl_name_is_joined_and_reversed_for_drawing() -> None:
    prepared = script.prepare("محمد")
    assert prepared != "محمد"  # presentation forms
    visual = script.visual_line(prepared, rtl_base=True)
    assert visual == prepared[::-1]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_lays_out(text: str) -> None:
    flowable = para(text, styles().body)
    width, height = flowable.wrap(400, 10_000)
    assert width <= 400
    assert height >= 0


def _clean_one_by_one(text: str) -> str:
    """clean() as it was written first: a look-up per character (the reference)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append("    ")
        elif ord(char) in script._DROPPED or unicodedata.category(char) in ("Cc", "Cs", "Co"):
            continue
        else:
            out.append(char)
    return "".join(out)


def test_clean_removes_exactly_what_the_per_character_rules_remove() -> None:
    # Every code point, alone and between letters (NFC can join a mark to a letter).
    for code in range(0x110000):
        char = chr(code)
        assert script.clean(char) == _clean_one_by_one(char), hex(code)
    sample = "".join(chr(c) for c in range(0, 0x3000, 7)) + "\ud800\ue000\U000f0000\U0010fffd"
    assert script.clean(sample) == _clean_one_by_one(sample)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_matches_the_per_character_rules_on_any_text(text: str) -> None:
    assert script.clean(text) == _clean_one_by_one(text)


def _runs_one_by_one(text: str, face: str) -> list[tuple[str, str]]:
    """runs() without its fast path: every character looked up."""
    result: list[tuple[str, str]] = []
    current_face, current = face, list[str]()
    for original in text:
        char = original
        chosen = current_face if char in {" ", "\n"} else fonts.face_for(char, face)
        if chosen is None:
            char, chosen = script.REPLACEMENT, face
        if chosen != current_face and current:
            result.append((current_face, "".join(current)))
            current = []
        current_face = chosen
        current.append(char)
    if current:
        result.append((current_face, "".join(current)))
    return result


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab Zé\nŵ  محمد😊中\u00a0-")) | st.characters()),
    st.sampled_from([fonts.SANS, fonts.SANS_BOLD, fonts.MONO]),
)
def test_runs_match_a_look_up_per_character(text: str, face: str) -> None:
    assert script.runs(text, face) == _runs_one_by_one(text, face)
