"""Probability: ``rademacher`` (empirical Rademacher complexity), ``gaussian_facts`` (Gaussian
concentration and covering) and ``divergences`` (the entropy mirror map and unnormalised KL)."""
