"""Text preparation: cleaning, font fall-back, right-to-left order."""

from __future__ import annotations

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
