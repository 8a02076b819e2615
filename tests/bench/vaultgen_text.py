"""Prose for generated benchmark vaults: a ranked vocabulary drawn Zipf-like.

The vocabulary is English function words first, then the words of the demo's
phrase banks (the domain's own vocabulary, most frequent first), then the
project's social-care dictionary, then the British English dictionary in a
seeded order: about 60,000 words. Words are drawn with a Zipf-like weight
``1 / (rank + 2.7) ** 1.1``, so a few hundred words make half of any text and
most words are rare, as in real writing. Each record also gets a handful of
words of its own from the deep tail, and the demo's real sentences, names and
child references are mixed in. Deterministic from the seed.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from supnotes.domain import demo_text
from supnotes.resources import resource

_FUNCTION_WORDS = (
    "the and to of a in that was is for with he she on they it said at about this "
    "be as have has had not we but her his their from by an are were will would "
    "there been which who so if or when all also one more what can them up out "
    "after no some into did should could time than only other then its over two "
    "our just us agreed how before any because both each where these those very "
    "while since next week weeks today again still family home school worker mum "
    "dad child children plan visit meeting session team manager support risk "
    "safety concerns review need needs work case social being may might must"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS.split())

_FIRST_NAMES = (
    "Aaliyah Abdul Ada Aiden Alfie Alisha Amber Amelia Amir Anya Archie Aria Arlo "
    "Ava Ayaan Bailey Bella Ben Bethany Billy Bobbie Caleb Callum Casey Chloe Cody "
    "Connor Daisy Damian Dara Darcy Declan Demi Dylan Eden Eliza Ellie Elsie Emre "
    "Esme Ethan Evie Ezra Faith Farah Finley Freya Gracie Hana Harley Harper Harvey "
    "Hollie Idris Imogen Isaac Isla Ivy Jack Jacob Jade Jake Jasmine Jaxon Jayden "
    "Kacper Kai Kayden Keira Kian Kyle Lacey Layla Leah Leo Lexi Liam Lily Logan "
    "Lola Luca Lucy Maisie Maja Malik Mason Maya Mia Mila Milo Mohammed Musa Myles "
    "Nadia Nathan Niamh Noah Nova Oakley Olivia Ollie Oscar Paige Phoebe Poppy "
    "Rafael Reggie Riley Rosa Ruby Ryan Sadie Safiya Sami Scarlett Sienna Skye "
    "Sofia Summer Tanvir Teddy Theo Tia Toby Tommy Tyler Violet Willow Yusuf Zac "
    "Zain Zara Zofia"
)
FIRST_NAMES = tuple(_FIRST_NAMES.split())

_SURNAMES = (
    "Abara Ainsworth Akhtar Alderson Appleby Ashdown Bairstow Banerjee Barraclough "
    "Beckwith Birtwistle Blakemore Bramley Brightwell Calloway Carrick Chaudhry "
    "Clegg Copley Cowling Dacre Dalby Delacroix Dewhurst Dobrowolski Doherty "
    "Eastwood Ellerby Emsley Fairburn Fenwick Firth Gallagher Garside Gledhill "
    "Greaves Haigh Halstead Hanif Hartley Haworth Hepworth Holroyd Horsfall "
    "Ibbotson Iqbal Jagger Kaczmarek Kershaw Kowalczyk Lamb Latham Leadbeater "
    "Lockwood Lumb Mahmood Marsden Mellor Moorhouse Nowak Nutter Oldroyd Ormerod "
    "Pickles Priestley Quarmby Ramsden Rawnsley Redfearn Rhodes Riaz Rushworth "
    "Sagar Shackleton Shaw Siddiqui Smithies Stansfield Sugden Sutcliffe Tetley "
    "Thackray Uddin Varley Wadsworth Walmsley Whiteley Wilkinson Womersley Yates"
)
SURNAMES = tuple(_SURNAMES.split())

_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?'\"])\s+")
ZIPF_EXPONENT = 1.1
RARE_FROM_RANK = 25_000  # per-record words come from beyond this rank


def _demo_sentences() -> list[str]:
    banks = [v for v in vars(demo_text).values() if isinstance(v, tuple)]
    return [s for bank in banks for s in bank if isinstance(s, str) and s.strip()]


def _dictionary_words(name: str) -> list[str]:
    path = resource("dictionaries", name)
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    words = (line.split("/", 1)[0].strip() for line in lines)
    return [w for w in words if w.isalpha() and w.islower() and 3 <= len(w) <= 14]


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    sentences: tuple[str, ...]  # real sentences from the demo's phrase banks

    def rank(self, rank: int) -> str:
        return self.words[min(rank, len(self.words) - 1)]


@cache
def vocabulary(seed: int) -> Vocabulary:
    sentences = _demo_sentences()
    domain = Counter(
        w.lower() for s in sentences for w in _WORD.findall(s) if len(w) > 2
    ).most_common()
    ordered: list[str] = []
    seen: set[str] = set()

    def add(words: Sequence[str]) -> None:
        for word in words:
            if word not in seen:
                seen.add(word)
                ordered.append(word)

    add(FUNCTION_WORDS)
    add([w for w, _ in domain])
    add([w.lower() for w in _dictionary_words("en_GB-social-care.dic")])
    general = _dictionary_words("en_GB.dic")
    random.Random(seed).shuffle(general)
    add(general)
    weights = [1 / (rank + 2.7) ** ZIPF_EXPONENT for rank in range(len(ordered))]
    return Vocabulary(tuple(ordered), tuple(itertools.accumulate(weights)), tuple(sentences))


@dataclass
class Prose:
    """Writes one record's text: ``words(n)`` gives exactly ``n`` words of prose."""

    rng: random.Random
    vocab: Vocabulary
    names: Sequence[str]  # people this record may mention: the worker, family members
    children: Sequence[str]  # child references this record may mention

    def __post_init__(self) -> None:
        tail = len(self.vocab.words) - RARE_FROM_RANK
        self.rare = [
            self.vocab.words[RARE_FROM_RANK + self.rng.randrange(tail)]
            for _ in range(self.rng.randint(2, 5))
        ]

    def words(self, count: int) -> str:
        """About ``count`` words (exactly, counted by whitespace) in sentences and paragraphs."""
        if count <= 0:
            return ""
        rng = self.rng
        drawn = rng.choices(self.vocab.words, cum_weights=self.vocab.cum_weights, k=count)
        out: list[str] = []
        paragraph: list[str] = []
        left = count
        position = 0
        while left > 0:
            roll = rng.random()
            if roll < 0.18:
                sentence = rng.choice(self.vocab.sentences).split()
            else:
                length = rng.randint(6, 24)
                sentence = drawn[position : position + length]
                position += length
                if position >= len(drawn):
                    position = 0
                if roll < 0.30 and self.names:
                    at = rng.randrange(len(sentence) + 1)
                    sentence[at:at] = rng.choice(self.names).split()
                if roll > 0.93 and self.children:
                    sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(self.children))
                if roll > 0.985:
                    sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(self.rare))
                sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
                sentence[-1] += "."
            sentence = sentence[:left]
            left -= len(sentence)
            paragraph.append(" ".join(sentence))
            if len(paragraph) >= rng.randint(3, 7):
                out.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            out.append(" ".join(paragraph))
        return "\n\n".join(out)


def family_names(rng: random.Random, count: int) -> list[str]:
    """Fictitious relatives and carers a record may mention."""
    people = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        people.append(rng.choice((first, f"{first} {last}", f"Ms {last}", f"Mr {last}")))
    return people


def word_count(text: str) -> int:
    return len(text.split())
