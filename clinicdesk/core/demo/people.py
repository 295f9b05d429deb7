"""Demo patients: who they are (names, phones, profile) and how they behave (archetypes)."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass, field

from clinicdesk.core.demo import catalog as c

MOBILE_PREFIXES = (
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 175 "
    "176 177 178 180 181 182 183 185 186 187 188 189 191 198 199"
).split()
# Share of patients per archetype: how often they come back, and whether they stopped.
ARCHETYPES = (("regular", 0.26), ("occasional", 0.32), ("one_off", 0.25), ("lapsed", 0.17))
FOCI = (("aesthetic", 0.55), ("dental", 0.30), ("checkup", 0.05), ("mixed", 0.10))


@dataclass(slots=True)
class Person:
    """A demo patient before it is written: identity, profile and behaviour.

    Attributes:
        archetype: regular, occasional, one_off or lapsed.
        focus: which departments they use (aesthetic, dental, checkup, mixed).
        spend: log of their spending propensity (0 is average; big spenders ~ +1.5).
        interval: their usual days between visits.
        first: first visit, as a date ordinal; stop: the last day they may visit.
        leader: an opinion leader (brings many others, may spend little).
    """

    archetype: str
    focus: str
    spend: float
    interval: float
    first: int
    stop: int
    leader: bool = False
    leader_weight: float = 0.0
    id: int = 0
    row: dict[str, object] = field(default_factory=dict)
    circle: int | None = None
    referred_by: int | None = None


def _choose(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in table], [w for _, w in table])[0]


def behaviour(rng: random.Random, start: int, today: int) -> Person:
    """Draw an archetype and its rhythm.

    Two patients in five were already patients when the file's history begins at
    `start` (an established clinic); the others arrive during it.
    """
    archetype = _choose(rng, ARCHETYPES)
    spend = rng.gauss(0.0, 0.85)
    span = today - start
    established = archetype != "one_off" and rng.random() < 0.4
    if established:
        first = start - rng.randint(1, 4 * 365)
    elif archetype == "lapsed":
        first = start + int(span * 0.6 * rng.random())
    else:
        first = start + int(span * rng.random())
    first = min(first, today - 1)
    stop = today
    if archetype == "lapsed":
        stop = rng.randint(max(start, first) + 90, today - 200)
    if archetype == "regular":
        interval = rng.lognormvariate(math.log(25), 0.35)
    elif archetype == "one_off":
        interval = float(span * 10)
    else:
        interval = rng.lognormvariate(math.log(110 if archetype == "occasional" else 60), 0.4)
    return Person(archetype, _choose(rng, FOCI), spend, interval, first, stop)


def make_leaders(rng: random.Random, people: list[Person]) -> None:
    """Make ~1.5% of patients opinion leaders: heavy-tailed influence, half spend little."""
    for person in people:
        if rng.random() < 0.015:
            person.leader = True
            # Heavy tailed but capped: the busiest bring dozens of patients, not thousands.
            person.leader_weight = min(rng.paretovariate(1.3), 10.0)
            if rng.random() < 0.5:
                person.spend = min(person.spend, -0.8)
                person.archetype = "occasional"
                person.interval = max(person.interval, 150.0)
                person.stop = person.first + 10 * 365


def link_referrals(rng: random.Random, people: list[Person]) -> None:
    """Give ~35% of patients a referrer who came before them; leaders bring the most."""
    leaders = [p for p in people if p.leader]
    leader_firsts = [p.first for p in leaders]
    cumulative = list(itertools.accumulate(p.leader_weight for p in leaders))
    for index, person in enumerate(people):
        if index < 20 or rng.random() >= 0.35:
            continue
        earlier = bisect.bisect_left(leader_firsts, person.first)
        if earlier and rng.random() < 0.45:
            pick = rng.random() * cumulative[earlier - 1]
            referrer = leaders[bisect.bisect_left(cumulative, pick, 0, earlier - 1)]
        else:
            referrer = people[rng.randrange(index)]
        if referrer.first < person.first:
            person.referred_by = referrer.id
            if referrer.circle is not None and rng.random() < 0.6:
                person.circle = referrer.circle


def name_and_sex(
    rng: random.Random, focus: str, surnames: list[str], weights: list[float]
) -> tuple[str, str]:
    """A Chinese name; aesthetics patients are mostly women, dental about half."""
    female = rng.random() < (0.88 if focus in ("aesthetic", "mixed") else 0.55)
    pool = c.FEMALE_CHARS if female else c.MALE_CHARS
    given = "".join(rng.choice(pool) for _ in range(1 if rng.random() < 0.3 else 2))
    return rng.choices(surnames, weights)[0] + given, "F" if female else "M"


def mobile(rng: random.Random, taken: set[str]) -> str:
    """A valid-looking mainland mobile number, unique in the clinic."""
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in taken:
            taken.add(number)
            return number


def birth_date(rng: random.Random, today: dt.date, focus: str) -> str:
    """A birth date: aesthetics patients 20-55 mostly, dental and check-up broader."""
    mean, spread = (34, 8) if focus in ("aesthetic", "mixed") else (40, 13)
    age = min(75, max(18, rng.gauss(mean, spread)))
    born = today - dt.timedelta(days=int(age * 365.25) + rng.randrange(365))
    return born.isoformat()


def profile(rng: random.Random, person: Person, today: dt.date) -> dict[str, object]:
    """The optional fields a well-kept file has: often some, rarely all."""
    occupations = c.LEADER_OCCUPATIONS if person.leader else c.OCCUPATIONS
    district, street = rng.choice(c.DISTRICTS), rng.choice(c.STREETS)
    chance = 0.9 if person.leader or person.archetype == "regular" else 0.4
    fields: dict[str, object] = {
        "occupation": rng.choice(occupations) if person.leader or rng.random() < 0.6 else None,
        "marital_status": rng.choice(("single", "married", "married", "divorced"))
        if rng.random() < 0.5
        else None,
        "address": f"杭州市{district}{street}{rng.randint(1, 399)}号"
        if rng.random() < 0.5
        else None,
        "personality": rng.choice(c.PERSONALITIES) if rng.random() < chance * 0.6 else None,
        "hobbies": "、".join(rng.sample(c.HOBBIES, rng.randint(1, 3)))
        if rng.random() < chance * 0.7
        else None,
        "background": rng.choice(c.BACKGROUNDS) if rng.random() < chance * 0.3 else None,
        "taboos": rng.choice(c.TABOOS) if rng.random() < chance * 0.25 else None,
        "birth_date": birth_date(rng, today, person.focus) if rng.random() < 0.8 else None,
    }
    return fields
