"""Generate a realistic benchmark vault: 1, 10 or 30 years of a team's supervision.

    uv run python -m tests.bench.vaultgen --years 10 --seed 1 [--out DIR]

Builds (or reuses) ``~/.cache/supnotes-bench/v<version>-<years>y-<seed>/vault``
and, with ``--out``, copies it there. The passphrase is :data:`PASSPHRASE`.
The plan (people, dates, actions) is :mod:`tests.bench.vaultgen_plan`; the
text is :mod:`tests.bench.vaultgen_text`. Records are written through the
vault's own bulk writer (:func:`insert_contents`, as import and the demo do),
a few hundred per transaction, with their full-text index rows.

Sealed PDFs: the first two signed records of each template are sealed by the
real :func:`seal_record` (render, sign, store). A share of the later signed
records (:data:`SEALED_SHARE`) then store copies of those signed bytes as
their own supervision-file copy and child extracts, so the vault holds PDFs
like a real one without spending 0.1 s sealing each. Their bytes name the
sample record, not their own: fine for timing, wrong for reading.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from supnotes.domain.content import RecordContent
from supnotes.domain.records import AnswerValue, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.services import identity as identities
from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.vault.kdf import TEST_PARAMS, Argon2Params
from supnotes.vault.repositories.profile import write_profile
from supnotes.vault.repositories.records import insert_contents
from supnotes.vault.repositories.sealed import (
    CHILD_RECORD,
    SUPERVISION_FILE,
    SealedDocument,
    SealedRepository,
    insert_sealed,
)
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import write_worker
from supnotes.vault.vault import Vault
from tests.bench.vaultgen_plan import TEAM, Plan, plan
from tests.bench.vaultgen_text import Prose, Vocabulary, family_names, vocabulary, word_count

GENERATOR_VERSION = 1  # bump when the output changes: it names the cache folder
PASSPHRASE = "tenth year of supervision at Northmoor"
SEALED_SHARE = 0.1
SAMPLE_PER_TEMPLATE = 2
BATCH = 300
ONE_TO_ONE_WORDS = (1500, 2750, 4000)  # low, mode, high of a triangular draw
LONG_TEMPLATES = {"one-to-one", "asye-supervision"}
OTHER_WORDS = {
    "group-reflecting-team": (400, 1200),
    "group-signs-of-safety": (400, 1200),
    "ad-hoc-decision": (120, 450),
}
CASE_FIELDS = ("update", "childs_voice", "worries", "working_well", "analysis", "rationale")


@dataclass(frozen=True)
class Manifest:
    generator_version: int
    years: float
    seed: int
    passphrase: str
    records: int
    by_template: dict[str, int]
    workers: int
    busiest_worker_id: str
    busiest_worker_name: str
    busiest_worker_records: int
    busiest_child_ref: str
    one_to_one_words_median: int
    sealed_records: int
    sealed_documents: int
    build_seconds: float
    vault_bytes: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


# -- text ---------------------------------------------------------------------


def text_words(content: RecordContent) -> int:
    """Words in a record's own prose: its text answers and case discussions."""
    answers = sum(word_count(v) for v in content.record.answers.values() if isinstance(v, str))
    cases = sum(word_count(getattr(c, f)) for c in content.case_discussions for f in CASE_FIELDS)
    return answers + cases


def _target(template_id: str, rng: random.Random) -> int | None:
    if template_id in LONG_TEMPLATES:
        low, mode, high = ONE_TO_ONE_WORDS
        return round(rng.triangular(low, high, mode))
    span = OTHER_WORDS.get(template_id)
    return None if span is None else rng.randint(*span)


def write_text(
    content: RecordContent, vocab: Vocabulary, seed: int, names: dict[str, str]
) -> RecordContent:
    """The record with its prose grown to its drawn length (seeded by its id)."""
    record = content.record
    rng = random.Random(f"{seed}/{record.id}")
    target = _target(record.template_id, rng)
    if target is None:
        return content
    extra = target - text_words(content)
    keys = [k for k, v in record.answers.items() if isinstance(v, str) and word_count(v) > 2]
    slots: list[tuple[int, str]] = [(-1, k) for k in keys]
    slots += [(i, f) for i in range(len(content.case_discussions)) for f in CASE_FIELDS]
    if extra <= 0 or not slots:
        return content
    weights = [rng.random() + (0.3 if i < 0 else 0.6) for i, _ in slots]
    total = sum(weights)
    shares = [int(extra * w / total) for w in weights]
    shares[-1] += extra - sum(shares)
    people = [names.get(record.worker_id or "", ""), *family_names(rng, 4)]
    prose = Prose(rng, vocab, [p for p in people if p], content.child_refs)
    answers: dict[str, AnswerValue] = dict(record.answers)
    cases = list(content.case_discussions)
    for (index, name), share in zip(slots, shares, strict=True):
        if share <= 0:
            continue
        if index < 0:
            answers[name] = f"{answers[name]}\n\n{prose.words(share)}"
        else:
            case = cases[index]
            grown: dict[str, str] = {name: f"{getattr(case, name)}\n\n{prose.words(share)}"}
            cases[index] = replace(case, **grown)  # type: ignore[arg-type]
    return replace(content, record=replace(record, answers=answers), case_discussions=tuple(cases))


# -- writing ------------------------------------------------------------------


def _samples(records: Sequence[RecordContent]) -> set[str]:
    """The records sealed for real: the first signed ones of each template."""
    chosen: Counter[str] = Counter()
    ids = set()
    for content in records:
        record = content.record
        if not record.is_signed or chosen[record.template_id] >= SAMPLE_PER_TEMPLATE:
            continue
        if record.worker_id is not None and not record.comments.acknowledged_name:
            continue
        chosen[record.template_id] += 1
        ids.add(record.id)
    return ids


def _as_draft(content: RecordContent) -> RecordContent:
    record = replace(content.record, status=RecordStatus.DRAFT, signed_at=None)
    return replace(content, record=record)


def _seal_for_real(vault: Vault, content: RecordContent) -> list[SealedDocument]:
    record, comments = content.record, content.record.comments
    acknowledgement = None
    if record.worker_id is not None:
        acknowledgement = Acknowledgement(
            typed_name=comments.acknowledged_name,
            has_read=True,
            agrees=comments.agrees,
            comments=comments.text,
            at=comments.acknowledged_at,
        )
    seal_record(vault, record.id, acknowledgement, now=record.signed_at)
    return SealedRepository(vault).latest(record.id)


def _copies(
    content: RecordContent, sample: list[SealedDocument], rng: random.Random
) -> list[SealedDocument]:
    """The sample's signed bytes stored as ``content``'s own documents."""
    main = next(d for d in sample if d.output == SUPERVISION_FILE)
    extracts = [d for d in sample if d.output == CHILD_RECORD]
    record = content.record
    assert record.signed_at is not None
    if content.child_refs and not extracts:
        return []
    docs: list[tuple[str, str | None, bytes]] = [(SUPERVISION_FILE, None, main.pdf)]
    docs += [
        (CHILD_RECORD, ref, extracts[i % len(extracts)].pdf)
        for i, ref in enumerate(content.child_refs)
    ]
    return [
        SealedDocument(
            id=f"{rng.getrandbits(128):032x}",
            record_id=record.id,
            output=output,
            child_ref=child_ref,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            created_at=record.signed_at,
        )
        for output, child_ref, pdf in docs
    ]


def _batches(records: Sequence[RecordContent]) -> Iterator[Sequence[RecordContent]]:
    for start in range(0, len(records), BATCH):
        yield records[start : start + BATCH]


def write_plan(vault: Vault, the_plan: Plan, seed: int, log: bool = False) -> tuple[int, int]:
    """Write every record, seal the samples and copy their PDFs; (records, documents) sealed."""
    vocab = vocabulary(seed)
    names = {w.id: w.name for w in the_plan.workers}
    # Building only: locking every SQLite allocation in memory (the app's
    # setting) triples the build's time and changes nothing in the file.
    vault.conn.execute("PRAGMA cipher_memory_security = OFF")
    with vault.transaction() as conn:
        write_profile(conn, the_plan.supervisor)
        for template in the_plan.templates:
            store_snapshot(conn, template)
        for worker in the_plan.workers:
            write_worker(conn, worker)
    identities.ensure(vault, the_plan.supervisor)
    samples = _samples(the_plan.records)
    sealed_bytes: dict[str, list[SealedDocument]] = {}
    closed: list[tuple[str, str]] = []
    rng = random.Random(seed)
    sealed_records = sealed_docs = 0
    started = time.monotonic()
    for number, batch in enumerate(_batches(the_plan.records)):
        contents, documents = [], []
        for planned in batch:
            content = write_text(planned, vocab, seed, names)
            closed += [(a.id, a.closed_in) for a in content.actions if a.closed_in]
            content = replace(
                content, actions=tuple(replace(a, closed_in=None) for a in content.actions)
            )
            record = content.record
            if record.id in samples:
                content = _as_draft(content)
            elif (
                record.is_signed
                and record.template_id in sealed_bytes
                and rng.random() < SEALED_SHARE
            ):
                copies = _copies(content, sealed_bytes[record.template_id], rng)
                if copies:
                    content = replace(
                        content, record=replace(record, sealed_sha256=copies[0].sha256)
                    )
                    documents += copies
                    sealed_records += 1
            contents.append(content)
        with vault.transaction() as conn:
            insert_contents(conn, contents)
            insert_sealed(conn, documents)
        sealed_docs += len(documents)
        for content in contents:
            if content.record.id in samples:
                docs = _seal_for_real(vault, content)
                sealed_bytes.setdefault(content.record.template_id, docs)
                sealed_records += 1
                sealed_docs += len(docs)
        if log and number % 10 == 0:
            done = min(len(the_plan.records), (number + 1) * BATCH)
            print(
                f"  {done}/{len(the_plan.records)} records, {time.monotonic() - started:.0f} s",
                file=sys.stderr,
            )
    with vault.transaction() as conn:
        conn.executemany(
            "UPDATE action SET closed_in = ? WHERE id = ?", [(c, a) for a, c in closed]
        )
    return sealed_records, sealed_docs


# -- building and caching ----------------------------------------------------


def cache_root() -> Path:
    """``$SUPNOTES_BENCH_CACHE``, else ~/.cache/supnotes-bench of the real user.

    The real home, not ``$HOME``: the test suite points ``$HOME`` at a
    fresh folder for every test, and a 30-year vault is built only once.
    """
    chosen = os.environ.get("SUPNOTES_BENCH_CACHE")
    if chosen:
        return Path(chosen)
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "supnotes-bench"


def cache_dir(years: float, seed: int) -> Path:
    return cache_root() / f"v{GENERATOR_VERSION}-{years:g}y-{seed}"


def build(
    folder: Path,
    *,
    years: float,
    seed: int,
    kdf_params: Argon2Params | None = None,
    team: int = TEAM,
    log: bool = False,
) -> Manifest:
    """Create a new vault in ``folder`` (which must not exist) and describe it."""
    started = time.monotonic()
    the_plan = plan(default_library(), years=years, seed=seed, team=team)
    if log:
        print(f"  planned {len(the_plan.records)} records", file=sys.stderr)
    written: list[tuple[int, int]] = []
    vault, _ = Vault.create(
        folder,
        PASSPHRASE,
        kdf_params=kdf_params,
        fill=lambda v: written.append(write_plan(v, the_plan, seed, log)),
    )
    with vault:
        manifest = describe(vault, the_plan, years=years, seed=seed)
    sealed_records, sealed_docs = written[0]
    return replace(
        manifest,
        sealed_records=sealed_records,
        sealed_documents=sealed_docs,
        build_seconds=round(time.monotonic() - started, 1),
        vault_bytes=sum(p.stat().st_size for p in folder.iterdir() if p.is_file()),
    )


def describe(vault: Vault, the_plan: Plan, *, years: float, seed: int) -> Manifest:
    per_worker: Counter[str] = Counter()
    per_child: Counter[str] = Counter()
    for content in the_plan.records:
        ids = {content.record.worker_id} | {a.worker_id for a in content.attendees}
        per_worker.update(i for i in ids if i)
        per_child.update(content.child_refs)
    busiest, count = per_worker.most_common(1)[0]
    return Manifest(
        generator_version=GENERATOR_VERSION,
        years=years,
        seed=seed,
        passphrase=PASSPHRASE,
        records=len(the_plan.records),
        by_template=dict(Counter(c.record.template_id for c in the_plan.records)),
        workers=len(the_plan.workers),
        busiest_worker_id=busiest,
        busiest_worker_name=next(w.name for w in the_plan.workers if w.id == busiest),
        busiest_worker_records=count,
        busiest_child_ref=per_child.most_common(1)[0][0],
        one_to_one_words_median=_one_to_one_words(vault),
        sealed_records=0,
        sealed_documents=0,
        build_seconds=0.0,
        vault_bytes=0,
    )


def _one_to_one_words(vault: Vault) -> int:
    """The median length of the one-to-ones' prose, read back from the vault."""
    from supnotes.vault.repositories.records import load_content

    ids = [
        str(r[0])
        for r in vault.query(
            "SELECT id FROM record WHERE template_id IN ('one-to-one', 'asye-supervision') "
            "ORDER BY n LIMIT 200"
        )
    ]
    counts = sorted(text_words(load_content(vault.conn, i)) for i in ids)
    return counts[len(counts) // 2] if counts else 0


def cached(years: float, seed: int, *, log: bool = True) -> tuple[Path, Manifest]:
    """The cached vault for ``years`` and ``seed``, built first if absent."""
    home = cache_dir(years, seed)
    manifest_path = home / "manifest.json"
    if manifest_path.exists():
        return home / "vault", Manifest.load(manifest_path)
    home.parent.mkdir(parents=True, exist_ok=True)
    building = home.with_name(home.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    manifest = build(building / "vault", years=years, seed=seed, log=log)
    (building / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    building.rename(home)
    return home / "vault", manifest


def copy_vault(source: Path, target: Path) -> None:
    """A copy of a closed vault folder (its database and key file)."""
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.vaultgen", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="copy the vault (and manifest.json) here")
    parser.add_argument(
        "--fast-kdf",
        action="store_true",
        help="build uncached into --out with a cheap key derivation (not for timing unlock)",
    )
    args = parser.parse_args(argv)
    if args.fast_kdf:
        if args.out is None:
            parser.error("--fast-kdf needs --out")
        manifest = build(args.out, years=args.years, seed=args.seed, kdf_params=TEST_PARAMS)
        print(manifest.to_json())
        return 0
    folder, manifest = cached(args.years, args.seed)
    if args.out is not None:
        copy_vault(folder, args.out)
        (args.out.parent / f"{args.out.name}.manifest.json").write_text(
            manifest.to_json(), encoding="utf-8"
        )
        folder = args.out
    print(manifest.to_json())
    print(f"vault: {folder}  (passphrase: {PASSPHRASE!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
