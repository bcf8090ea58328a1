"""False-alarm calibration (slow; `pytest -m slow`): the quick profile under 20 seeds must show
no verdict other than the declared one and no surviving mutant."""

from __future__ import annotations

import pytest

from checks.cli import main


@pytest.mark.slow
def test_quick_profile_has_no_unexpected_verdict_over_20_seeds(capsys):
    code = main(["calibrate", "--seeds", "20", "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 unexpected verdicts over 20 seeds" in out
