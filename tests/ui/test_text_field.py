from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.spelling import InMemoryPersonalDictionary
from supnotes.ui.widgets import LongTextField, ShortTextField, SpellService
from tests.ui.helpers import type_text, underlined_words

SENTENCE = "I will recieve the colour report for the organisation"


def make_field(qtbot: QtBot, service: SpellService | None = None) -> LongTextField:
    field = LongTextField(service, accessible_name="Notes")
    qtbot.addWidget(field)
    field.resize(600, 300)
    return field


def point_in(field: LongTextField, word: str) -> QPoint:
    """A viewport point inside the first ``word`` (one letter in)."""
    cursor = field.textCursor()
    cursor.setPosition(field.text().index(word) + 1)
    return field.cursorRect(cursor).center()


def test_typing_marks_exactly_the_misspelt_word(qtbot: QtBot, service: SpellService) -> None:
    field = make_field(qtbot, service)
    QTest.keyClicks(field, SENTENCE)
    assert field.text() == SENTENCE
    assert underlined_words(field) == ["recieve"]


def test_choosing_a_suggestion_replaces_the_word_in_one_undo_step(
    qtbot: QtBot, service: SpellService
) -> None:
    field = make_field(qtbot, service)
    QTest.keyClicks(field, SENTENCE)
    menu = field.context_menu_at(point_in(field, "recieve"))
    labels = [action.text() for action in menu.actions()]
    assert "receive" in labels[:5]
    assert "Add to dictionary" in labels
    [receive] = [action for action in menu.actions() if action.text() == "receive"]
    with qtbot.waitSignal(field.edited):
        receive.trigger()
    assert field.text() == SENTENCE.replace("recieve", "receive")
    assert underlined_words(field) == []
    field.undo()
    assert field.text() == SENTENCE


def test_add_to_dictionary_clears_the_word_in_every_field(
    qtbot: QtBot, service: SpellService, personal: InMemoryPersonalDictionary
) -> None:
    first = make_field(qtbot, service)
    second = ShortTextField(service)
    qtbot.addWidget(second)
    first.set_text("Met Ms Wąsowska today.\n\nWąsowska’s son was there.")  # noqa: RUF001 (apostrophe)
    second.set_text("Wąsowska")
    assert underlined_words(first) == ["Wąsowska", "Wąsowska’s"]  # noqa: RUF001
    assert underlined_words(second) == ["Wąsowska"]

    menu = first.context_menu_at(point_in(first, "Wąsowska"))
    [add] = [action for action in menu.actions() if action.objectName() == "spelling-add"]
    add.trigger()

    assert personal.words() == {"Wąsowska"}
    for field in (first, second):
        highlighter = field.highlighter
        assert highlighter is not None
        qtbot.waitUntil(lambda h=highlighter: not h.is_pass_running())  # type: ignore[misc]
        assert underlined_words(field) == []


def test_ignore_clears_the_word_but_stores_nothing(
    qtbot: QtBot, service: SpellService, personal: InMemoryPersonalDictionary
) -> None:
    field = make_field(qtbot, service)
    field.set_text("Kwame came.")
    menu = field.context_menu_at(point_in(field, "Kwame"))
    [ignore] = [action for action in menu.actions() if action.objectName() == "spelling-ignore"]
    ignore.trigger()
    assert field.highlighter is not None
    assert not field.highlighter.is_pass_running()  # a short note is done at once
    assert underlined_words(field) == []
    assert personal.words() == set()


def test_menu_on_a_correct_word_has_no_spelling_actions(
    qtbot: QtBot, service: SpellService
) -> None:
    field = make_field(qtbot, service)
    field.set_text(SENTENCE)
    menu = field.context_menu_at(point_in(field, "colour"))
    assert "Add to dictionary" not in [action.text() for action in menu.actions()]


def test_html_paste_keeps_plain_text(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    html_only = QMimeData()
    html_only.setHtml("<p><b>Bold</b> and <i>red</i> <span style='color:red'>text</span></p>")
    field.insertFromMimeData(html_only)
    assert field.text() == "Bold and red text"
    both = QMimeData()
    both.setHtml("<b>ignored markup</b>")
    both.setText(" plain")
    field.insertFromMimeData(both)
    assert field.text() == "Bold and red text plain"


def test_paste_strips_nul_and_control_characters(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    mime = QMimeData()
    mime.setText("a\x00b\x07c\td\r\ne\x1bf\u2028g")
    field.insertFromMimeData(mime)
    assert field.text() == "abc\td\nef\ng"


def test_huge_paste_is_refused_and_clipboard_kept(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    field.set_text("kept")
    huge = "x" * (10 * 1024 * 1024)
    clipboard = QApplication.clipboard()
    clipboard.setText(huge)
    with qtbot.waitSignal(field.paste_refused) as refused:
        field.paste()
    assert "10,485,760" in refused.args[0]
    assert field.text() == "kept"
    assert clipboard.text() == huge
    clipboard.clear()


def test_rtl_and_emoji_round_trip(qtbot: QtBot, service: SpellService) -> None:
    field = make_field(qtbot, service)
    arabic = "قالت الأم إن الطفل بخير"
    type_text(field, arabic)
    assert field.text() == arabic
    mixed = "\n👩‍👧 said 😀 she will recieve 🇬🇧 help — שלום"
    mime = QMimeData()
    mime.setText(mixed)
    field.insertFromMimeData(mime)
    assert field.text() == arabic + mixed
    # The underline lands on the word even after astral-plane emoji.
    assert underlined_words(field) == ["recieve"]


def test_undo_after_typing(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    field.set_text("Loaded. ")
    field.moveCursor(field.textCursor().MoveOperation.End)
    QTest.keyClicks(field, "typed")
    assert field.text() == "Loaded. typed"
    field.undo()
    assert field.text() == "Loaded. "
    field.redo()
    assert field.text() == "Loaded. typed"


def test_set_text_is_not_undoable_and_not_an_edit(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    edits: list[None] = []
    field.edited.connect(lambda: edits.append(None))
    field.set_text("From the vault")
    assert not field.document().isUndoAvailable()
    field.undo()
    assert field.text() == "From the vault"
    assert edits == []


def test_edited_on_each_user_change(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    edits: list[None] = []
    field.edited.connect(lambda: edits.append(None))
    QTest.keyClicks(field, "abc")
    assert len(edits) == 3
    field.undo()
    assert len(edits) == 4


def test_spelling_arrives_later_and_underlines(
    qtbot: QtBot, personal: InMemoryPersonalDictionary
) -> None:
    from supnotes.spelling import HunspellEngine

    late = SpellService(personal, engine_factory=HunspellEngine)
    field = make_field(qtbot, late)
    edits: list[None] = []
    field.edited.connect(lambda: edits.append(None))
    QTest.keyClicks(field, SENTENCE)
    edits.clear()
    assert underlined_words(field) == []  # no dictionary yet: no underlines, no errors
    with qtbot.waitSignal(late.ready, timeout=10_000):
        late.start_loading()
    highlighter = field.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.is_pass_running())
    assert underlined_words(field) == ["recieve"]
    assert edits == []  # highlighting is not an edit


def test_long_text_loads_then_underlines_gradually(qtbot: QtBot, service: SpellService) -> None:
    field = make_field(qtbot, service)
    paragraph = "The worker will recieve the plan for the family. " * 10
    text = "\n".join([paragraph] * 100)
    field.set_text(text)
    highlighter = field.highlighter
    assert highlighter is not None
    assert highlighter.is_pass_running()
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=10_000)
    assert underlined_words(field) == ["recieve"] * 1000


def test_field_without_spelling_has_plain_menu(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    field.set_text("recieve")
    menu = field.context_menu_at(QPoint(5, 5))
    assert "Add to dictionary" not in [action.text() for action in menu.actions()]
    assert field.highlighter is None


def test_accessible_name(qtbot: QtBot) -> None:
    assert make_field(qtbot).accessibleName() == "Notes"


def test_short_field_is_one_line(qtbot: QtBot, service: SpellService) -> None:
    field = ShortTextField(service, accessible_name="Child reference")
    qtbot.addWidget(field)
    mime = QMimeData()
    mime.setText("line one\nline\ttwo\r\n")
    field.insertFromMimeData(mime)
    assert field.text() == "line one line two "
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert "\n" not in field.text()
    field.set_text("a\nb")
    assert field.text() == "a b"
    assert field.accessibleName() == "Child reference"


def test_add_to_dictionary_in_a_long_note_is_gradual(qtbot: QtBot, service: SpellService) -> None:
    field = make_field(qtbot, service)
    field.set_text("\n".join(["Ngozi said the plan was agreed with the family."] * 3000))
    highlighter = field.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=20_000)
    assert underlined_words(field) == ["Ngozi"] * 3000
    service.add_to_dictionary("Ngozi")
    assert highlighter.is_pass_running()  # the rest is left to the event loop
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=20_000)
    assert underlined_words(field) == []
