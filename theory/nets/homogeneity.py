"""Positive homogeneity and Euler's identity, computed with torch autograd in float64.

f is positively homogeneous of order q in a parameter block θ_S when f(c·θ_S, θ_rest) = c^q f(θ)
for every c > 0; where f is differentiable, Euler's identity ⟨∇_{θ_S} f, θ_S⟩ = q·f follows
(differentiate c ↦ f(cθ_S) at c = 1). Wei et al. 2019 (Section 4), Telgarsky 2023
(F(x; W) = aᵀσ(Vx) is 2-homogeneous) and the 2-homogeneity paper (a normalisation gain followed by
a linear head) all rest on it.

Convention: ``f`` takes the block's tensors as positional arguments (everything else closed over)
and returns a tensor of outputs (one per input point, say).
"""

from __future__ import annotations

from typing import Callable, Sequence

from theory.lazy import lazy

torch = lazy("torch")

from theory.errors import InputError
from theory.validation import callable_arg, finite_real


def _block(params: Sequence[torch.Tensor]) -> list[torch.Tensor]:
    if isinstance(params, (torch.Tensor, str, bytes)) or not hasattr(params, "__iter__"):
        raise InputError(f"block must be a sequence of torch.Tensor (e.g. a tuple), got {type(params).__name__}")
    params = list(params)
    if not params:
        raise InputError("the homogeneous block must contain at least one tensor")
    for i, p in enumerate(params):
        if not isinstance(p, torch.Tensor):
            raise InputError(f"block[{i}] must be a torch.Tensor, got {type(p).__name__}")
        if p.dtype != torch.float64:
            raise InputError(f"block[{i}] must be float64 for an identity check, got {p.dtype}")
        if not bool(torch.isfinite(p).all()):
            raise InputError(f"block[{i}] has non-finite entries")
    return params


def _output(value):
    if not isinstance(value, torch.Tensor):
        raise InputError(f"f must return a torch.Tensor, got {type(value).__name__}")
    return value


def euler_sides(f: Callable[..., torch.Tensor], block: Sequence[torch.Tensor]):
    """(⟨∇_{θ_S} f, θ_S⟩, f(θ)) per output coordinate, as float64 tensors.

    Computed in one forward-mode pass as the derivative of c ↦ f(c·θ_S) at c = 1.
    """
    callable_arg(f, "f")
    block = _block(block)
    one = torch.ones((), dtype=torch.float64)
    value, directional = torch.func.jvp(lambda c: _output(f(*(c * p for p in block))), (one,), (one,))
    return directional.detach(), value.detach()


def scaling_ratio(f: Callable[..., torch.Tensor], block: Sequence[torch.Tensor], c: float):
    """(f(c·θ_S), f(θ)): the two sides of the definition f(cθ_S) = c^q f(θ), no derivative needed."""
    callable_arg(f, "f")
    block = _block(block)
    c = finite_real(c, "c", lo=0.0, lo_open=True)
    with torch.no_grad():
        return _output(f(*(c * p for p in block))), _output(f(*block))
