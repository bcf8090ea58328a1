"""Tests of theory.dynamics.two_layer_gd: the net of Arora et al. 2019 eq. (1), the closed-form gradient of
eq. (5) against autograd and finite differences, batched GD, and what a trajectory records."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from theory.kernels import hinf as kernels
from theory.dynamics import two_layer_gd as gd
from theory.errors import InputError
from theory.data.sphere import make_points


def data(n=6, d=4, seed=0):
    X = make_points(n, d, "gauss", 1, seed)
    y = np.random.default_rng(seed).choice([-1.0, 1.0], size=n)
    return X, y


def test_init_is_deterministic_and_has_the_right_law():
    a = gd.init_weights(2000, 3, 0.5, [7, 8])
    b = gd.init_weights(2000, 3, 0.5, [7, 8])
    assert torch.equal(a.W0, b.W0) and torch.equal(a.a, b.a)
    assert not torch.equal(a.W0[0], a.W0[1])
    assert a.W0.shape == (2, 2000, 3) and a.a.shape == (2, 2000)
    assert float(a.W0.std()) == pytest.approx(0.5, rel=0.05)
    assert set(a.a.unique().tolist()) == {-1.0, 1.0}


def test_outputs_match_the_formula():
    X, _ = data()
    init = gd.init_weights(50, 4, 1.0, [1])
    W, a = init.W0[0].numpy(), init.a[0].numpy()
    u = np.maximum(X @ W.T, 0) @ a / math.sqrt(50)
    got = gd.outputs(init.W0, init.a, torch.as_tensor(X))[0].numpy()
    np.testing.assert_allclose(got, u, rtol=1e-13, atol=1e-15)


def test_closed_form_gradient_equals_autograd_and_finite_differences():
    X, y = data(5, 3, 2)
    init = gd.init_weights(30, 3, 0.7, [3])
    Xt, Yt = torch.as_tensor(X), torch.as_tensor(y).unsqueeze(0)
    g, _ = gd.gradient(init.W0, init.a, Xt, Yt)
    W = init.W0.clone().requires_grad_(True)
    (auto,) = torch.autograd.grad(gd.loss(W, init.a, Xt, Yt).sum(), W)
    torch.testing.assert_close(g, auto, rtol=1e-12, atol=1e-14)
    h = 1e-6
    E = torch.zeros_like(init.W0)
    E[0, 4, 1] = h
    fd = (gd.loss(init.W0 + E, init.a, Xt, Yt) - gd.loss(init.W0 - E, init.a, Xt, Yt)) / (2 * h)
    assert float(fd[0]) == pytest.approx(float(g[0, 4, 1]), rel=1e-6, abs=1e-9)


def test_footnote2_convention_at_a_zero_neuron():
    # w_r = 0: the paper's 1{w_rᵀx ≥ 0} gives a non-zero gradient for row r, autograd's relu gives 0.
    X, y = data(4, 3, 1)
    init = gd.init_weights(5, 3, 1.0, [0])
    init.W0[0, 2] = 0.0
    g, u = gd.gradient(init.W0, init.a, torch.as_tensor(X), torch.as_tensor(y).unsqueeze(0))
    expected = init.a[0, 2] / math.sqrt(5) * ((u[0] - torch.as_tensor(y)) @ torch.as_tensor(X))
    torch.testing.assert_close(g[0, 2], expected)
    assert float(expected.abs().max()) > 0


def test_batched_training_equals_separate_runs_and_decreases_the_loss():
    X, y = data(6, 5, 3)
    H = kernels.hinf(X)
    eta = 1.0 / np.linalg.eigvalsh(H)[-1]
    both = gd.train(X, y, gd.init_weights(400, 5, 0.2, [1, 2]), eta, 30)
    one = gd.train(X, y, gd.init_weights(400, 5, 0.2, [2]), eta, 30)
    np.testing.assert_allclose(both.loss[1], one.loss[0], rtol=1e-12)
    assert np.all(both.loss[:, -1] < both.loss[:, 0])
    np.testing.assert_allclose(both.residual ** 2 / 2, both.loss, rtol=1e-12)


def test_trajectory_records_distance_moves_and_flips_consistently():
    X, y = data(6, 4, 4)
    init = gd.init_weights(200, 4, 0.1, [5])
    t = gd.train(X, y, init, 0.5, 50, keep_weights=True)
    assert t.steps[0] == 0 and t.steps[-1] == 50 and np.all(np.diff(t.steps) > 0)
    assert t.distance[0, 0] == 0 and t.flips[0, 0] == 0 and t.max_move[0, 0] == 0
    delta = (t.W_final - t.W0)[0].numpy()
    assert t.distance[0, -1] == pytest.approx(np.linalg.norm(delta), rel=1e-12)
    assert t.max_move[0, -1] == pytest.approx(np.linalg.norm(delta, axis=1).max(), rel=1e-12)
    flips = ((t.W_final[0].numpy() @ X.T >= 0) != (t.W0[0].numpy() @ X.T >= 0)).mean()
    assert t.flips[0, -1] == pytest.approx(flips)
    assert t.w0_norm[0] == pytest.approx(np.linalg.norm(t.W0[0].numpy()))


def test_per_seed_labels_and_gram():
    X, y = data(5, 3, 6)
    Y = np.stack([y, -y])
    t = gd.train(X, Y, gd.init_weights(100, 3, 0.3, [1, 1]), 0.3, 5)
    assert not np.allclose(t.loss[0], t.loss[1])
    init = gd.init_weights(300, 3, 1.0, [2])
    G = gd.gram_at(init.W0, X)[0]
    np.testing.assert_allclose(G, kernels.finite_width_gram(init.W0[0].numpy(), X), atol=1e-14)


def test_geometric_steps():
    s = gd.geometric_steps(1000, 4)
    assert s[0] == 0 and s[-1] == 1000 and len(s) < 30 and np.all(np.diff(s) > 0)
    assert list(gd.geometric_steps(0)) == [0]


@pytest.mark.parametrize("call,match", [
    (lambda: gd.init_weights(0, 3, 1.0, [1]), "m"),
    (lambda: gd.init_weights(5, 3, -1.0, [1]), "kappa"),
    (lambda: gd.init_weights(5, 3, 1.0, [1], dtype="int8"), "dtype"),
    (lambda: gd.train(np.ones((3, 2)), np.ones(3), gd.init_weights(5, 3, 1.0, [1]), 0.1, 2), "columns"),
    (lambda: gd.train(np.ones((3, 3)), np.ones(4), gd.init_weights(5, 3, 1.0, [1]), 0.1, 2), "y must have shape"),
    (lambda: gd.train(np.ones((3, 3)), np.ones(3), gd.init_weights(5, 3, 1.0, [1]), 0.0, 2), "eta"),
    (lambda: gd.outputs(torch.ones(2, 3), torch.ones(2), torch.ones(4, 3)), "shapes"),
])
def test_bad_input_raises_input_error(call, match):
    with pytest.raises(InputError, match=match):
        call()


@pytest.mark.parametrize("S,n,m,d,rows", [(1, 100, 64, 5, 16), (3, 257, 40, 7, 50), (2, 9, 30, 4, 1)])
def test_streamed_gradient_equals_the_one_pass_formula(S, n, m, d, rows):
    """Chunking the rows of X changes only the order of the sums (eq. (5) is a sum over i)."""
    g = torch.Generator().manual_seed(S * n)
    W = torch.randn(S, m, d, generator=g, dtype=torch.float64)
    a = torch.randint(0, 2, (S, m), generator=g).to(torch.float64) * 2 - 1
    X = torch.randn(n, d, generator=g, dtype=torch.float64)
    y = torch.randn(S, n, generator=g, dtype=torch.float64)
    whole, u_whole = gd.gradient(W, a, X, y)
    streamed, u_streamed = gd.gradient(W, a, X, y, chunk_rows=rows)
    scale = float(whole.abs().max())
    assert float((whole - streamed).abs().max()) <= 8 * n * 2.0**-52 * scale * math.sqrt(n)
    assert float((u_whole - u_streamed).abs().max()) <= 8 * m * 2.0**-52 * float(u_whole.abs().max())
    shared_y, _ = gd.gradient(W, a, X, y[0], chunk_rows=rows)  # labels (n,) broadcast over runs
    assert torch.allclose(shared_y, gd.gradient(W, a, X, y[0])[0], rtol=1e-12, atol=1e-12)


def test_workspace_reuse_gives_identical_steps():
    X, y = data(12, 5, 3)
    init = gd.init_weights(30, 5, 1.0, [1, 2])
    Xt, Y = torch.as_tensor(X), torch.as_tensor(y).expand(2, -1)
    W1, W2 = init.W0.clone(), init.W0.clone()
    ws = gd.Workspace()
    for _ in range(5):
        u1 = gd.gd_step(W1, init.a, Xt, Y, 0.1)
        u2 = gd.gd_step(W2, init.a, Xt, Y, 0.1, ws)
        assert torch.equal(u1, u2) and torch.equal(W1, W2)
    assert not torch.equal(W1, init.W0)  # the steps moved the weights


def test_chunk_rows_must_be_positive():
    init = gd.init_weights(4, 3, 1.0, [0])
    X = torch.ones(5, 3, dtype=torch.float64)
    with pytest.raises(InputError, match="chunk_rows"):
        gd.gradient(init.W0, init.a, X, torch.zeros(1, 5, dtype=torch.float64), chunk_rows=0)
