"""Margins as optimisation problems: ``max_margin`` (ℓ1/ℓ2 maximum-margin LPs and programs, solved by
scipy) and ``ntk_margin`` (the global and NTK margins of Telgarsky 2023)."""
