"""Masking third parties in group records: every field, word edges, stable tokens."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from supnotes.domain.masking import AMBIGUOUS_FIRST_NAME, CHILD, WORKER, Masker

SUBJECT = "w-subject"


def _group(reference: str, text: str, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "r-" + reference,
        "reference": reference,
        "kind": "group",
        "held_on": "2026-01-05",
        "answers": {"reflection.reflections": text},
        "attendees": [
            {"id": "a1", "name": "Sam Okafor", "role": "presenter", "worker_id": "w-sam"},
            {"id": "a2", "name": "Dana Reyes", "role": "member", "worker_id": SUBJECT},
        ],
        "decisions": [],
        "actions": [],
        "case_discussions": [],
        "addenda": [],
        "sealed_documents": [],
    }
    record.update(extra)
    return record


def _masker(people: tuple[str, ...] = ("Sam Okafor",)) -> Masker:
    return Masker(SUBJECT, "Dana Reyes", people, ["C-104233", "C-7"])


def test_names_and_references_are_masked_at_word_edges_in_any_case() -> None:
    masker = _masker()
    text = (
        "Sam said C-104233 is settled; samuel and Samantha are not Sam. "
        "SAM OKAFOR agreed, and c-104233's school too. C-70 is another child. Dana listened."
    )
    out = masker.mask_record(_group("SN-1", text))
    masked = out["answers"]["reflection.reflections"]
    assert masked == (
        "[worker 1] said [child 1] is settled; samuel and Samantha are not [worker 1]. "
        "[worker 1] agreed, and [child 1]'s school too. C-70 is another child. Dana listened."
    )
    assert out["attendees"][0] == {
        "id": "a1",
        "name": "[worker 1]",
        "role": "presenter",
        "worker_id": None,
    }
    assert out["attendees"][1]["name"] == "Dana Reyes"
    wheres = {(m.where, m.what, m.token) for m in masker.maskings}
    assert ("attendees[0].name", WORKER, "[worker 1]") in wheres
    assert ("answers.reflection.reflections", CHILD, "[child 1]") in wheres
    assert ("answers.reflection.reflections", WORKER, "[worker 1]") in wheres


def test_tokens_are_stable_across_records_and_structured_fields() -> None:
    masker = _masker(("Sam Okafor", "Lee Wong"))
    doc = {
        "records": [
            _group("SN-1", "Lee Wong and C-7"),
            {"reference": "SN-2", "kind": "one-to-one", "held_on": "2026-01-06", "x": "Lee Wong"},
            _group(
                "SN-3",
                "C-7 then Lee",
                decisions=[{"id": "d", "child_ref": "C-NEW-1", "decision": "see C-NEW-1"}],
                actions=[{"id": "x", "owner": "Lee  Wong", "child_ref": "C-7", "text": ""}],
            ),
        ]
    }
    out = masker.mask_document(doc)
    first, one_to_one, third = out["records"]
    assert first["answers"]["reflection.reflections"] == "[worker 2] and [child 1]"
    assert one_to_one == doc["records"][1]  # the worker's own records are not masked
    assert third["answers"]["reflection.reflections"] == "[child 1] then [worker 2]"
    assert third["decisions"][0] == {
        "id": "d",
        "child_ref": "[child 2]",
        "decision": "see [child 2]",
    }
    assert third["actions"][0]["owner"] == "[worker 2]"
    assert third["actions"][0]["child_ref"] == "[child 1]"
    assert doc["records"][0]["answers"]["reflection.reflections"] == "Lee Wong and C-7"


def test_a_shared_first_name_is_masked_without_a_number_and_the_subjects_is_kept() -> None:
    masker = Masker(SUBJECT, "Dana Reyes", ["Sam Okafor", "Sam Patel", "Dana Ivers"], [])
    out = masker.mask_record(_group("SN-1", "Sam asked Dana; Dana Ivers answered."))
    assert out["answers"]["reflection.reflections"] == (
        f"{AMBIGUOUS_FIRST_NAME} asked Dana; [worker 2] answered."
    )


def test_a_first_name_that_is_a_word_is_masked_only_as_a_name() -> None:
    masker = Masker(SUBJECT, "Dana Reyes", ["Will Hart"], [])
    out = masker.mask_record(_group("SN-1", "Will said we will ask; will hart agreed."))
    assert (
        out["answers"]["reflection.reflections"]
        == "[worker 2] said we will ask; [worker 2] agreed."
    )


def test_the_supervisor_is_kept() -> None:
    masker = Masker(SUBJECT, "Dana Reyes", ["Sam Okafor"], [], supervisor="Helen Marchbank")
    record = _group("SN-1", "Helen chaired; Marchbank and Sam agreed.")
    record["attendees"].append({"id": "a3", "name": "Helen Marchbank", "role": "chair"})
    out = masker.mask_record(record)
    assert (
        out["answers"]["reflection.reflections"]
        == "Helen chaired; Marchbank and [worker 1] agreed."
    )
    assert out["attendees"][2]["name"] == "Helen Marchbank"


def test_a_last_name_alone_is_masked_too() -> None:
    masker = _masker()
    out = masker.mask_record(_group("SN-1", "Ms Okafor presented; Reyes listened."))
    assert out["answers"]["reflection.reflections"] == "Ms [worker 1] presented; Reyes listened."


def test_names_as_people_really_type_them_are_masked() -> None:
    """Found by hand in a pack: each of these reached the JSON unmasked."""
    import unicodedata

    people = ["Zoë Núñez-Ødegård", "Seán O\u2019Connor", "Will Hart"]
    masker = Masker(SUBJECT, "Siobhan O'Brien", people, [])
    record = _group(
        "SN-1",
        # the accents typed decomposed (e + combining mark), as some keyboards and pastes do
        unicodedata.normalize("NFD", "Zoë Núñez-Ødegård")
        + " spoke; Ødegård agreed; NÚÑEZ-ØDEGÅRD wrote; HART too; "
        # an ASCII apostrophe in the text, a typographic one in the name
        "O'Connor replied; Seán O'Connor left; Kwame and Mensah-Boateng; "
        "Siobhan O'Brien and O\u2019Brien stayed.",
    )
    # a guest written with a title: "Dr" is not their first name
    record["attendees"].append({"id": "a3", "name": "Dr Kwame Mensah-Boateng", "role": "chair"})
    text = masker.mask_record(record)["answers"]["reflection.reflections"]
    for leaked in ("Zo", "Núñez", "Ødegård", "ØDEGÅRD", "HART", "Connor", "Kwame", "Mensah"):
        assert leaked not in unicodedata.normalize("NFC", text), text
    # the subject's own name, with either apostrophe, is kept
    assert "Siobhan O'Brien and O\u2019Brien stayed." in text


def test_identifiers_and_hashes_are_left_alone() -> None:
    masker = _masker()
    record = _group(
        "SN-1",
        "",
        sealed_documents=[
            {"id": "s", "output": "child-record", "child_ref": "C-7", "sha256": "ab" * 32}
        ],
    )
    out = masker.mask_record(record)
    assert out["sealed_documents"][0] == {
        "id": "s",
        "output": "child-record",
        "child_ref": "[child 1]",
        "sha256": "ab" * 32,
    }
    assert out["id"] == record["id"]
    assert out["reference"] == "SN-1"


_EDGE = " .,;:!?()'\n-"


@given(
    before=st.text(alphabet=_EDGE + "abcxyz", max_size=20).map(lambda t: t + " "),
    after=st.text(alphabet=_EDGE, min_size=1, max_size=3).flatmap(
        lambda edge: st.text(alphabet=_EDGE + "abcxyz", max_size=20).map(lambda t: edge + t)
    ),
    spaces=st.sampled_from([" ", "  ", "\n", " \t"]),
)
def test_a_name_never_survives_whatever_surrounds_it(before: str, after: str, spaces: str) -> None:
    masker = _masker()
    text = f"{before} Sam{spaces}Okafor{after} C-104233 {before}"
    masked = masker.mask_record(_group("SN-1", text))["answers"]["reflection.reflections"]
    assert "Okafor" not in masked
    assert "C-104233" not in masked


def test_one_withheld_copy_is_said_in_the_singular() -> None:
    """Found by hand: "1 signed copies of group records were withheld"."""
    from supnotes.domain.subject_access import withheld_copies

    assert withheld_copies(1) == "1 signed copy of a group record was"
    assert withheld_copies(3) == "3 signed copies of group records were"
