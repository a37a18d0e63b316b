"""The beam search's step over the options of one piece, without the states that cannot
enter the beam.

The plain step scores every option after every hypothesis, keeps per state (the last two LM
tokens) the best total (the first reached among equals) and then the BEAM best states, ties
in the order they were first reached. The same beam comes out here with less work:
- hypotheses are met best first: the first one's options reach distinct states, so the
  BEAM-th best of them is a bar that no state below it can pass; the bar rises as states
  are kept (`cut`), and options whose bound (hypothesis total + channel score + an upper
  bound of the LM score) is below it are not scored;
- the order in which the plain step reaches a state is computed rather than observed
  (`order`), so states dropped or never scored do not change how ties are broken.
Totals are the same floats: (total + channel log10) + LM log10, in that order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import compress, count, repeat
from operator import add, ge, itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.ingest.restore.decode import Choices

BEAM = 12
SLACK = 1e-6  # rounding margin: total0 + (logp + score) against (total0 + logp) + score


class Frontier:
    """The states one step of the beam search reaches from a piece with one LM token per
    option, by v * size + w: (-total, order, v, w, option index, back).

    A state's `order` (rank of v among the last tokens of the beam, then the first option
    giving w) is where the plain search meets it first: it breaks ties. Totals below `bar`,
    the BEAM-th best total of the states kept so far, cannot enter the beam and are dropped.
    """

    __slots__ = ("bar", "firsts", "logps", "prune", "size", "states", "words")

    def __init__(self, step: Choices, size: int) -> None:
        self.words, self.logps, self.firsts = step.words or (), step.logps, step.firsts
        self.size = size
        self.states: dict[int, tuple] = {}
        self.bar = -math.inf
        self.prune = step.distinct  # with repeated tokens, options share states: no bar

    def add(
        self, total0: float, v: int, back: tuple | None, data: list[float], start: int, first: int
    ) -> None:
        """The options after one hypothesis ending in v (their LM scores: data[start:], see
        Decoder._scores; `first`: order of its first option)."""
        if self.prune and not self.states:
            self._start(total0, v, back, data[start : start + len(self.words)], first)
            return
        states, bar, logps = self.states, self.bar, self.logps
        words, firsts, key = self.words, self.firsts, v * self.size
        scores = data[start : start + len(words)]
        gains = map(add, logps, scores)  # logp + score: within rounding of total - total0
        for index in compress(count(), map(ge, gains, repeat(bar - total0 - SLACK))):
            total = total0 + logps[index] + scores[index]
            if total >= bar:
                w = words[index]
                old = states.get(key + w)
                if old is None or -total < old[0]:
                    states[key + w] = (-total, first + firsts[index], v, w, index, back)
        if self.prune and len(states) >= 2 * BEAM:
            self.bar = cut(states)

    def _start(
        self, total0: float, v: int, back: tuple | None, scores: list[float], first: int
    ) -> None:
        """`add` for the first hypothesis, whose options (distinct tokens) all reach new
        states: the bar is their BEAM-th best total."""
        totals = list(map(add, map(add, repeat(total0), self.logps), scores))
        if len(totals) >= BEAM:
            self.bar = sorted(totals, reverse=True)[BEAM - 1]
        key, bar, words = v * self.size, self.bar, self.words
        self.states = {
            key + words[index]: (-total, first + index, v, words[index], index, back)
            for index, total in enumerate(totals)
            if total >= bar
        }

    def best(self) -> list[tuple[float, int, int, tuple | None]]:
        """The BEAM best hypotheses (total, v, w, back), best first."""
        return best_states(self.states)


def path_score(
    score: Callable[[int, int, int], float], total: float, a: int, b: int, ids: tuple
) -> float:
    """`total` plus the LM scores of `ids` one after the other after a b."""
    for w in ids:
        total += score(a, b, w)
        a, b = b, w
    return total


def best_states(states: dict[int, tuple]) -> list[tuple[float, int, int, tuple | None]]:
    """The BEAM best states (-total, order, v, w, index, back) as hypotheses (total, v, w,
    back), best first."""
    best = sorted(states.values())[:BEAM]  # orders differ: backs are never compared
    return [(-minus, v, w, (index, back)) for minus, _, v, w, index, back in best]


def cut(states: dict[int, tuple]) -> float:
    """Keep the BEAM best states (by total, then order); returns the lowest total kept.

    A state dropped here cannot come back into the beam with the total it had: BEAM states
    are at least as good and reached earlier among equals.
    """
    best = sorted(states.items(), key=itemgetter(1))[:BEAM]
    states.clear()
    states.update(best)
    return -best[-1][1][0]
