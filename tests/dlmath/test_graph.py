import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath import DlmathError, Value, topo_order

RNG = np.random.default_rng(0)


def ops_of(root):
    """(label, data) of every operation node in evaluation order."""
    return [(n.label, n.data) for n in topo_order(root) if n.op]


# --- lecture numbers (CURRICULUM.md, backprop scenes) ---


def test_backprop_simple():
    x, y, z = Value(-2.0, "x"), Value(5.0, "y"), Value(-4.0, "z")
    q = x + y
    f = q * z
    f.backward()
    assert (q.data, f.data) == (3.0, -12.0)
    assert (x.grad, y.grad, z.grad, q.grad, f.grad) == (-4.0, -4.0, 3.0, -4.0, 1.0)
    # upstream × local, as the scene draws it
    assert f.local_grads == (-4.0, 3.0)
    assert f.input_grads == (-4.0, 3.0)
    assert q.local_grads == (1.0, 1.0)
    assert q.input_grads == (-4.0, -4.0)
    assert [n.name for n in topo_order(f) if not n.op] == ["x", "y", "z"]


def sigmoid_circuit(neg):
    w0, w1, w2 = Value(2.0, "w0"), Value(-3.0, "w1"), Value(-3.0, "w2")
    x0, x1 = Value(-1.0, "x0"), Value(-2.0, "x1")
    dot = w0 * x0 + w1 * x1 + w2
    f = 1 / (1 + (-dot if neg else dot * -1).exp())
    return f, (w0, x0, w1, x1, w2)


@pytest.mark.parametrize("neg", [True, False])
def test_backprop_sigmoid_circuit(neg):
    f, leaves = sigmoid_circuit(neg)
    f.backward()
    gates = ops_of(f)
    assert [g for g, _ in gates] == ["*", "*", "+", "+", "*-1", "exp", "+1", "1/x"]
    assert [d for _, d in gates] == pytest.approx([-2, 6, 4, 1, -1, 0.37, 1.37, 0.73], abs=5e-3)
    nodes = [n for n in topo_order(f) if n.op]
    # backward along the chain: 1/x, +1, exp, *-1, the sum 1
    chain = [nodes[i].grad for i in (7, 6, 5, 4, 3)]
    assert chain == pytest.approx([1.00, -0.53, -0.53, -0.20, 0.20], abs=5e-3)
    assert [v.grad for v in leaves] == pytest.approx([-0.20, 0.39, -0.39, -0.59, 0.20], abs=5e-3)
    # exact values: s(1 - s) with s = sigmoid(1)
    s = 1 / (1 + math.exp(-1))
    exact = [-1 * s * (1 - s), 2 * s * (1 - s), -2 * s * (1 - s), -3 * s * (1 - s), s * (1 - s)]
    assert [v.grad for v in leaves] == pytest.approx(exact, rel=1e-12)
    # the 1/x gate: local -1/x^2 = -0.53, times upstream 1.00
    assert nodes[7].local_grads[0] == pytest.approx(-0.53, abs=5e-3)
    assert nodes[7].input_grads[0] == pytest.approx(-0.53, abs=5e-3)
    assert nodes[5].local_grads[0] == pytest.approx(0.37, abs=5e-3)  # exp: local = e^x
    assert nodes[4].const == -1.0
    assert nodes[6].const == 1.0
    assert nodes[7].const == 1.0


def test_backprop_sigmoid_gate():
    w0, w1, w2 = Value(2.0), Value(-3.0), Value(-3.0)
    x0, x1 = Value(-1.0), Value(-2.0)
    f = (w0 * x0 + w1 * x1 + w2).sigmoid()
    f.backward()
    assert f.label == "sigmoid"
    assert f.data == pytest.approx(0.73, abs=5e-3)
    assert f.local_grads[0] == pytest.approx((1 - 0.73) * 0.73, abs=5e-3)
    assert f.local_grads[0] == pytest.approx((1 - f.data) * f.data, rel=1e-15)
    grads = [v.grad for v in (w0, x0, w1, x1, w2)]
    assert grads == pytest.approx([-0.20, 0.39, -0.39, -0.59, 0.20], abs=5e-3)
    circuit, leaves = sigmoid_circuit(True)
    circuit.backward()
    assert grads == pytest.approx([v.grad for v in leaves], rel=1e-12)


def test_gate_patterns():
    x, y, z, w = Value(3.0), Value(-4.0), Value(2.0), Value(-1.0)
    m = z.max(w)
    f = 2 * (x * y + m)
    f.backward()
    assert f.data == -20.0
    assert (x.grad, y.grad, z.grad, w.grad) == (-8.0, 6.0, 2.0, 0.0)
    assert f.label == "*2"
    assert m.label == "max"
    assert m.local_grads == (1.0, 0.0)  # max routes


def test_backprop_matrix():
    W = Value([[0.1, 0.5], [-0.3, 0.8]], "W")
    x = Value([0.2, 0.4], "x")
    q = W @ x
    f = (q**2).sum()
    f.backward()
    assert q.data == pytest.approx([0.22, 0.26])
    assert f.data == pytest.approx(0.116)
    assert q.grad == pytest.approx([0.44, 0.52])
    assert W.grad == pytest.approx(np.array([[0.088, 0.176], [0.104, 0.208]]))
    assert x.grad == pytest.approx([-0.112, 0.636])
    assert W.grad.shape == (2, 2)
    assert x.grad.shape == (2,)
    assert q.grad.shape == (2,)
    assert isinstance(f.data, float)
    assert isinstance(f.grad, float)
    assert q.label == "@"
    assert q.local_grads == (None, None)
    assert [n.label for n in topo_order(f) if n.op] == ["@", "x^2", "sum"]


# --- finite differences for every op ---


def loss_of(build, inputs, weights):
    out = build(*[Value(a) for a in inputs]).data
    return float(np.sum(np.asarray(out) * weights))


def check_grads(build, *inputs, eps=1e-6, rtol=1e-5, atol=1e-6):
    """Backward of sum(build(...) * R) against central differences, R fixed random."""
    vals = [Value(a) for a in inputs]
    out = build(*vals)
    weights = np.random.default_rng(1).uniform(0.5, 1.5, np.shape(out.data))
    root = (out * Value(weights)).sum() if np.ndim(out.data) else out * float(weights)
    root.backward()
    for i, a in enumerate(inputs):
        a = np.asarray(a, dtype=float)
        num = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            plus, minus = list(inputs), list(inputs)
            plus[i], minus[i] = a.copy(), a.copy()
            plus[i][idx] += eps
            minus[i][idx] -= eps
            num[idx] = (loss_of(build, plus, weights) - loss_of(build, minus, weights)) / (2 * eps)
        assert np.shape(vals[i].grad) == a.shape
        np.testing.assert_allclose(vals[i].grad, num, rtol=rtol, atol=atol)
    return vals, out


def arr(*shape, low=-2.0, high=2.0):
    return RNG.uniform(low, high, shape)


def pos(*shape):
    return RNG.uniform(0.5, 2.0, shape)


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "max": lambda a, b: a.max(b),
}
UNARY = {
    "neg": lambda a: -a,
    "radd": lambda a: 1.5 + a,
    "rsub": lambda a: 3 - a,
    "rmul": lambda a: -2 * a,
    "rdiv": lambda a: 1 / a,
    "addc": lambda a: a + 1,
    "subc": lambda a: a - 3,
    "mulc": lambda a: a * 0.5,
    "divc": lambda a: a / 4,
    "sq": lambda a: a**2,
    "cube": lambda a: a**3,
    "sqrt": lambda a: a**0.5,
    "inv": lambda a: a**-1,
    "rpow": lambda a: 2**a,
    "exp": lambda a: a.exp(),
    "log": lambda a: a.log(),
    "sigmoid": lambda a: a.sigmoid(),
    "relu": lambda a: a.relu(),
    "tanh": lambda a: a.tanh(),
    "sum": lambda a: a.sum(),
    "maxc": lambda a: a.max(0.25),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize(
    "shapes", [((), ()), ((3,), (3,)), ((3, 4), (4,)), ((3, 1), (1, 4)), ((), (2, 3)), ((2, 3), ())]
)
def test_binary_ops_finite_differences(name, shapes):
    a = pos(*shapes[0])
    b = pos(*shapes[1]) + 3.0 if name == "max" else pos(*shapes[1])  # no ties for max
    if name == "max":
        a = a + 3.0 * (RNG.uniform(size=a.shape) < 0.5) + 0.0  # some a win, some b win
    vals, out = check_grads(BINARY[name], a, b)
    expected = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}
    ufunc = expected.get(name, np.maximum)
    assert out.data == pytest.approx(ufunc(a, b))
    for v, sent in zip(vals, out.input_grads, strict=True):
        assert np.shape(sent) == np.shape(v.data)


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("shape", [(), (5,), (2, 3)])
def test_unary_ops_finite_differences(name, shape):
    a = pos(*shape) if name in ("log", "sqrt", "rdiv", "inv") else arr(*shape)
    if name in ("relu", "maxc"):
        a = np.where(np.abs(a - 0.25 * (name == "maxc")) < 0.1, 1.0, a)  # away from the kink
    check_grads(UNARY[name], a)


@pytest.mark.parametrize("shapes", [((3, 4), (4, 2)), ((3, 4), (4,)), ((4,), (4, 2)), ((4,), (4,))])
def test_matmul_finite_differences(shapes):
    a, b = arr(*shapes[0]), arr(*shapes[1])
    vals, out = check_grads(lambda p, q: p @ q, a, b)
    assert out.data == pytest.approx(a @ b)
    assert [np.shape(s) for s in out.input_grads] == [shapes[0], shapes[1]]


def test_composite_finite_differences():
    def build(W, x, b):
        h = (W @ x + b).tanh()
        return ((h * h).sum() + h.sigmoid().max(0.6).sum()).log() + h.relu().exp().sum() / 3

    check_grads(build, arr(3, 4), arr(4), arr(3))


def test_forward_values_match_numpy():
    a, b = arr(3, 4), pos(4)
    A, B = Value(a), Value(b)
    np.testing.assert_allclose((A * B - A / B).data, a * b - a / b)
    np.testing.assert_allclose(A.sigmoid().data, dm.sigmoid(a))
    np.testing.assert_allclose(A.tanh().data, np.tanh(a))
    np.testing.assert_allclose(A.relu().data, np.maximum(a, 0))
    np.testing.assert_allclose((2**A).data, 2**a)
    np.testing.assert_allclose(B.log().data, np.log(b))
    assert A.sum().data == pytest.approx(a.sum())
    assert (Value(-50.0).sigmoid().data, Value(50.0).sigmoid().data) == pytest.approx(
        (dm.sigmoid(-50.0), dm.sigmoid(50.0)), rel=1e-12
    )


# --- hypothesis ---

finite = st.floats(-3, 3, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(sorted(BINARY)), finite, finite)
def test_scalar_binary_random(name, a, b):
    assume(name != "div" or abs(b) > 0.1)
    assume(name != "max" or abs(a - b) > 1e-3)
    x, y = Value(a), Value(b)
    out = BINARY[name](x, y)
    out.backward()
    expected = {
        "add": lambda: (1.0, 1.0),
        "sub": lambda: (1.0, -1.0),
        "mul": lambda: (b, a),
        "div": lambda: (1 / b, -a / b**2),
        "max": lambda: (float(a >= b), float(a < b)),
    }[name]()
    assert (x.grad, y.grad) == pytest.approx(expected)
    assert isinstance(out.data, float)
    assert isinstance(x.grad, float)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["add", "sub", "mul", "div"]),
    st.lists(st.integers(1, 3), min_size=1, max_size=3),
    st.integers(0, 3),
    st.data(),
)
def test_broadcast_random(name, shape, drop, data):
    # b: a suffix of a's shape with some axes set to 1
    tail = shape[min(drop, len(shape) - 1) :]
    b_shape = tuple(n if data.draw(st.booleans()) else 1 for n in tail)
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(0.5, 2, shape), rng.uniform(0.5, 2, b_shape)
    vals, out = check_grads(BINARY[name], a, b)
    assert vals[1].grad.shape == b_shape


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**16))
def test_matmul_random(m, k, n, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(m, k)), rng.normal(size=(k, n))
    A, B = Value(a), Value(b)
    g = rng.normal(size=(m, n))
    (A @ B).backward(grad=g)
    np.testing.assert_allclose(A.grad, g @ b.T)
    np.testing.assert_allclose(B.grad, a.T @ g)
    # loop version of dA[i, p] = sum_j g[i, j] b[p, j]
    loop = [[sum(g[i, j] * b[p, j] for j in range(n)) for p in range(k)] for i in range(m)]
    np.testing.assert_allclose(A.grad, loop)


# --- graph structure ---


def test_value_used_twice():
    x = Value(3.0)
    y = x * x
    y.backward()
    assert x.grad == 6.0
    assert y.inputs == (x, x)
    assert y.input_grads == (3.0, 3.0)
    z = x + x * 2
    z.backward()
    assert x.grad == 3.0
    assert len(topo_order(z)) == 3


def test_topo_order_deterministic_and_inputs_first():
    def build():
        a, b, c = Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "c")
        d = a * b + c
        return (d * a + (d - c).exp()).tanh()

    r1, r2 = build(), build()
    o1, o2 = topo_order(r1), topo_order(r2)
    assert [(n.label, n.data) for n in o1] == [(n.label, n.data) for n in o2]
    assert o1[-1] is r1
    assert len(o1) == len({id(n) for n in o1})
    position = {id(n): i for i, n in enumerate(o1)}
    assert all(position[id(i)] < position[id(n)] for n in o1 for i in n.inputs)
    assert [n.label for n in o1] == ["a", "b", "*", "c", "+", "*", "-", "exp", "+", "tanh"]


def test_backward_twice_same_grads():
    x, w = Value(arr(3)), Value(arr(2, 3))
    f = ((w @ x).tanh() * 2 + w.sum()).sum()
    f.backward()
    first = (x.grad.copy(), w.grad.copy())
    f.backward()
    np.testing.assert_array_equal(x.grad, first[0])
    np.testing.assert_array_equal(w.grad, first[1])


def test_long_chain_no_recursion_error():
    x = Value(0.5)
    v = x
    for _ in range(5000):
        v = (v * 1.0001).tanh() + 0.0
    order = topo_order(v)
    assert len(order) == 15001
    v.backward()
    # plain loop: t <- tanh(1.0001 t), dt/dx multiplies by 1.0001 (1 - t^2) each step
    t, expected = 0.5, 1.0
    for _ in range(5000):
        t = math.tanh(1.0001 * t)
        expected *= 1.0001 * (1 - t * t)
    assert v.data == pytest.approx(t, rel=1e-12)
    assert x.grad == pytest.approx(expected, rel=1e-9)


def test_labels_of_gates_with_numbers():
    v = Value(2.0)
    cases = {
        "+1": v + 1, "+1 ": 1 + v, "*-1": -v, "*-1 ": v * -1, "1/x": 1 / v, "x^2": v**2,
        "*2": 2 * v, "-3": v - 3, "2^x": 2**v, "3-x": 3 - v, "/4": v / 4, "x^0.5": v**0.5,
        "max(x,0)": v.max(0), "relu": v.relu(), "exp": v.exp(), "log": v.log(),
        "tanh": v.tanh(), "sum": v.sum(), "-2": v + -2, "2/x": 2 / v,
    }  # fmt: skip
    for label, node in cases.items():
        assert node.label == label.strip()
        assert node.inputs == (v,)
    assert (v + 1).const == 1.0
    assert (v * v).const is None
    assert (v + v).label == "+"
    assert Value(1.0, "x").label == "x"
    assert Value(1.0).op == ""


def test_numpy_array_operands_become_leaves():
    a = np.array([1.0, 2.0])
    x = Value([3.0, 4.0])
    p = a * x
    assert isinstance(p, Value)
    assert p.inputs[1] is x
    np.testing.assert_array_equal(p.inputs[0].data, a)
    m = np.eye(2) @ x
    m.sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])
    s = x + a
    assert s.inputs[0] is x
    assert s.op == "+"


def test_mixed_scalar_and_array():
    s, a = Value(2.0), Value([1.0, -3.0, 5.0])
    f = (s * a).sum()
    f.backward()
    assert isinstance(s.grad, float)
    assert s.grad == 3.0
    np.testing.assert_array_equal(a.grad, [2.0, 2.0, 2.0])
    assert f.inputs[0].input_grads[0] == 3.0


def test_array_root_needs_seed():
    a = Value([1.0, 2.0])
    b = a * 3
    b.backward(grad=[1.0, -1.0])
    np.testing.assert_array_equal(a.grad, [3.0, -3.0])
    with pytest.raises(DlmathError, match="grad"):
        b.backward()
    with pytest.raises(DlmathError, match=r"grad must have the root's shape \(2,\)"):
        b.backward(grad=[1.0, 2.0, 3.0])


def test_max_tie_goes_to_first_operand():
    a, b = Value(1.0), Value(1.0)
    a.max(b).backward()
    assert (a.grad, b.grad) == (1.0, 0.0)
    x, y = Value([1.0, 2.0]), Value([1.0, 1.0])
    x.max(y).sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])
    np.testing.assert_array_equal(y.grad, [0.0, 0.0])
    r = Value(0.0)
    r.relu().backward()
    assert r.grad == 0.0  # relu at 0: gradient 0 (as dm.relu_grad)


# --- bad input ---


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Value("abc"), "data"),
        (lambda: Value(float("nan")), "data"),
        (lambda: Value(math.inf), "data"),
        (lambda: Value([1.0, np.nan]), "data"),
        (lambda: Value([]), "data"),
        (lambda: Value(True), "data"),
        (lambda: Value(Value(1.0)), "data"),
        (lambda: Value(1.0, name=3), "name"),
        (lambda: Value(1.0) + float("nan"), "other"),
        (lambda: Value(1.0) * "a", "other"),
        (lambda: Value(1.0) ** Value(2.0), "exponent"),
        (lambda: Value(1.0) ** math.inf, "exponent"),
        (lambda: (-2) ** Value(1.0), "base"),
        (lambda: np.ones(2) ** Value(1.0), "base"),
        (lambda: Value(-2.0) ** 0.5, "base"),
        (lambda: Value(0.0) ** -1, "base"),
        (lambda: Value(0.0) ** 0.5, "base"),
        (lambda: Value([1.0, 0.0]).log(), "log"),
        (lambda: Value(1.0) / Value(0.0), "denominator"),
        (lambda: Value(1.0) / 0, "denominator"),
        (lambda: 1 / Value([1.0, 0.0]), "denominator"),
        (lambda: Value(1000.0).exp(), "exp"),
        (lambda: Value(1e200) * 1e200, r"\*1e\+200"),
        (lambda: Value(1.0) @ Value([1.0]), "@"),
        (lambda: Value(np.ones((2, 3))) @ Value(np.ones(2)), r"\(2, 3\) @ \(2,\)"),
        (lambda: Value(np.ones((2, 3, 1))) @ Value(np.ones(1)), r"\(2, 3, 1\)"),
        (lambda: topo_order(3), "root"),
    ],
)
def test_bad_input(make, match):
    with pytest.raises(DlmathError, match=match):
        make()


def test_error_messages_are_one_line():
    with pytest.raises(DlmathError) as info:
        Value(np.ones((2, 3))) @ Value(np.ones((2, 2)))
    assert "\n" not in str(info.value)
    assert "inner sizes 3 != 2" in str(info.value)


# --- against torch (skipped when torch is absent) ---


def test_against_torch():
    torch = pytest.importorskip("torch")
    w, x, b = arr(3, 4), arr(4), arr(3)
    W, X, B = Value(w), Value(x), Value(b)
    h = (W @ X + B).tanh()
    f = ((h.sigmoid() * h.relu()).sum() + (h.exp() / 2).sum() - (2**h).max(1.2).sum()) ** 2
    f.backward()
    tw, tx, tb = (torch.tensor(v, requires_grad=True) for v in (w, x, b))
    th = torch.tanh(tw @ tx + tb)
    tm = torch.maximum(2**th, torch.tensor(1.2, dtype=torch.float64))
    tf = ((torch.sigmoid(th) * torch.relu(th)).sum() + (th.exp() / 2).sum() - tm.sum()) ** 2
    tf.backward()
    assert f.data == pytest.approx(tf.item(), rel=1e-12)
    for mine, ref in ((W, tw), (X, tx), (B, tb)):
        np.testing.assert_allclose(mine.grad, ref.grad.numpy(), rtol=1e-10, atol=1e-12)
