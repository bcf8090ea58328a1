"""Run profiles: which tiers run and how large the search budget is.

``quick`` is what CI and a researcher's edit loop run; ``standard`` adds the minutes-long CPU
claims and searches harder; ``thorough`` searches much harder still; ``gpu`` runs everything,
including the paper-scale tier, and expects a CUDA device.
"""

from __future__ import annotations

from dataclasses import dataclass

from theory.claims import TIER_ORDER, Tier
from theory.errors import UnknownNameError


@dataclass(frozen=True)
class Profile:
    name: str
    max_tier: Tier
    examples: int        # Hypothesis examples per identity/inequality claim (and per mutant)
    trials: int          # Bernoulli trials per probability claim
    scaling_seeds: int   # independent seeds per grid point of a scaling claim
    run_seeds: int       # seeds per dynamics/experiment claim
    description: str

    def includes(self, tier: Tier) -> bool:
        return TIER_ORDER[tier] <= TIER_ORDER[self.max_tier]


PROFILES = {
    p.name: p
    for p in (
        Profile("quick", Tier.QUICK, 60, 300, 6, 1, "quick tier, small budgets: CI and every edit"),
        Profile("standard", Tier.STANDARD, 300, 1000, 10, 2, "adds CPU-minute claims, 5x the search"),
        Profile("thorough", Tier.STANDARD, 2000, 4000, 20, 3, "standard tiers, 30x the quick search"),
        Profile("gpu", Tier.GPU, 300, 1000, 10, 2, "every tier, paper scale; needs --device cuda"),
    )
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except (KeyError, TypeError):
        raise UnknownNameError(
            f"unknown profile {name!r} (choose from: {', '.join(PROFILES)})") from None
