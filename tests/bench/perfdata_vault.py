"""A quick vault with long one-to-ones, for the search / worker / crash-unlock measures.

Not the project's realistic generator (see the bench engineer's work): demo
years shifted back in time, their workers folded onto a pool of 60 (group
attendance kept, linked to the pool), and every one-to-one's text answers
replaced by ~2,750 words drawn from a Zipf-like vocabulary of ~2,500 words.

    uv run python -m tests.bench.perfdata_vault /tmp/pv --records 4000

prints the passphrase. Reproducible from ``--seed``.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import build_demo
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.domain.template_loader import default_library
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"
POOL = 60
_SYLLABLES = [
    "ka", "lo", "mi", "ne", "tar", "vel", "son", "ri", "da", "pen", "cor", "ul",
    "an", "ber", "is", "tho", "mar", "ge", "fi", "wen",
]  # fmt: skip
_REAL = [
    "child",
    "mother",
    "father",
    "grandmother",
    "school",
    "worry",
    "plan",
    "safety",
    "visit",
    "court",
    "statement",
    "contact",
    "placement",
    "foster",
    "carer",
    "review",
    "health",
    "neglect",
    "risk",
    "exploitation",
    "viability",
    "assessment",
    "chronology",
    "family",
    "network",
    "police",
    "referral",
    "strategy",
    "meeting",
    "nursery",
]


def vocabulary(rng: random.Random, size: int = 2500) -> list[str]:
    words = list(_REAL)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    rng.shuffle(words)
    return words


def long_text(rng: random.Random, words: list[str], weights: list[float], count: int) -> str:
    chosen = rng.choices(words, weights=weights, k=count)
    sentences = [" ".join(chosen[i : i + 14]).capitalize() + "." for i in range(0, count, 14)]
    return " ".join(sentences)


def _renumber(
    content: RecordContent, workers: dict[str, Worker], year: int, text: str | None
) -> RecordContent:
    rid = new_id()
    record = content.record
    answers = dict(record.answers)
    if text is not None:
        keys = [k for k, v in answers.items() if isinstance(v, str)]
        for k in keys:
            answers[k] = ""
        answers[keys[0] if keys else "notes.text"] = text
    record = replace(
        record,
        id=rid,
        reference=f"Y{year:03d}-{record.reference}",
        worker_id=None if record.worker_id is None else workers[record.worker_id].id,
        answers=answers,
    )
    action_ids = {a.id: new_id() for a in content.actions}
    return RecordContent(
        record=record,
        case_discussions=tuple(
            replace(x, id=new_id(), record_id=rid) for x in content.case_discussions
        ),
        actions=tuple(
            replace(a, id=action_ids[a.id], raised_in=rid, closed_in=None) for a in content.actions
        ),
        decisions=tuple(replace(x, id=new_id(), record_id=rid) for x in content.decisions),
        attendees=tuple(
            replace(
                x,
                id=new_id(),
                record_id=rid,
                worker_id=None if x.worker_id is None else workers[x.worker_id].id,
            )
            for x in content.attendees
        ),
    )


def build(folder: Path, records: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(words))]
    library = default_library()
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    pool: list[Worker] = []
    total = 0
    today = date.today()
    with vault:
        for year in range(400):
            demo = build_demo(library, today=today - timedelta(days=365 * year), seed=year)
            mapping: dict[str, Worker] = {}
            for index, worker in enumerate(demo.workers):
                slot = (year * len(demo.workers) + index) % POOL
                if len(pool) <= slot:
                    pool.append(replace(worker, id=f"w{slot:03d}", name=f"{worker.name} {slot}"))
                mapping[worker.id] = pool[slot]
            batch = tuple(
                _renumber(
                    c,
                    mapping,
                    year,
                    None
                    if c.record.worker_id is None
                    else long_text(rng, words, weights, rng.randint(1500, 4000)),
                )
                for c in demo.records
            )
            write_demo(vault, replace(demo, workers=tuple(pool), records=batch))
            total += len(batch)
            if total >= records:
                break
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    total = build(args.folder, args.records, args.seed)
    print(f"{total} records in {args.folder}; passphrase: {PASSPHRASE!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
