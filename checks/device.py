"""Where trainings run: ``--device cpu|cuda|auto``, with CUDA set up for reproducible numbers."""

from __future__ import annotations

import os

from theory.errors import InputError

DEVICES = ("cpu", "cuda", "auto")


def cuda_available() -> bool:
    import torch
    return bool(torch.cuda.is_available())


def resolve_device(name: str) -> str:
    """'cpu', or 'cuda' when asked for and present; a clear one-line error otherwise."""
    if name not in DEVICES:
        raise InputError(f"unknown device {name!r} (choose from: {', '.join(DEVICES)})")
    if name == "auto":
        return "cuda" if cuda_available() else "cpu"
    if name == "cuda":
        if not cuda_available():
            raise InputError("--device cuda: no CUDA device is available here "
                             "(torch.cuda.is_available() is False); use --device cpu")
        configure_cuda()
    return name


def configure_cuda() -> None:
    """TF32 off and deterministic algorithms on, so CUDA runs are reproducible and float32 means
    float32 (DESIGN.md, Numerics)."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    import torch
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.use_deterministic_algorithms(True)
