from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath._checks import (
    DlmathError,
    as_array,
    as_labels,
    check_choice,
    check_finite_scalar,
    check_nonnegative,
    check_positive,
    check_positive_int,
    check_probability,
)


def raises(name, call, *args, **kwargs):
    """Assert ``call`` raises a one-line DlmathError starting with ``name``; return it."""
    with pytest.raises(DlmathError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{name} "), message
    assert "\n" not in message
    assert isinstance(info.value, ValueError)
    return message


def test_error_type():
    assert issubclass(DlmathError, ValueError)
    assert dm.DlmathError is DlmathError
    with pytest.raises(ValueError, match="x must"):
        as_array("x", [np.nan])


# ---------------------------------------------------------------- as_array


def test_as_array_converts_to_float():
    a = as_array("x", [[1, 2], [3, 4]])
    assert a.dtype == np.float64
    assert a.shape == (2, 2)
    assert as_array("x", 3).shape == ()
    assert as_array("x", [True, False]).tolist() == [1.0, 0.0]
    assert as_array("x", [Fraction(1, 4), 2]).tolist() == [0.25, 2.0]
    assert as_array("x", np.arange(3, dtype=np.int32)).dtype == np.float64
    assert as_array("n", [1.9, 2.0], dtype=np.intp).tolist() == [1, 2]


def test_as_array_does_not_copy_float_arrays():
    x = np.ones(3)
    assert as_array("x", x) is x


@pytest.mark.parametrize(
    ("x", "ndim", "ok"),
    [
        ([1.0, 2.0], 1, True),
        ([1.0, 2.0], 2, False),
        ([[1.0]], (1, 2), True),
        (1.0, (1, 2), False),
        (1.0, 0, True),
        (np.zeros((1, 1, 1)), (1, 2), False),
    ],
)
def test_as_array_rank(x, ndim, ok):
    if ok:
        assert as_array("x", x, ndim=ndim).ndim in np.atleast_1d(ndim)
    else:
        message = raises("x", as_array, "x", x, ndim=ndim)
        assert "-D" in message
        assert str(np.shape(x)) in message


def test_as_array_rank_message_lists_every_accepted_rank():
    assert "1-D or 2-D" in raises("scores", as_array, "scores", 1.0, ndim=(1, 2))


@pytest.mark.parametrize(
    "x",
    [
        [[1.0, 2.0], [3.0]],  # ragged
        "1.5",  # a numeric string is not a number
        ["1", "2"],
        b"1",
        [1 + 2j],
        None,
        {"a": 1},
        object(),
        np.array(["2020-01-01"], dtype="datetime64[D]"),
    ],
)
def test_as_array_rejects_non_numbers(x):
    assert "numeric array" in raises("W", as_array, "W", x)


@pytest.mark.parametrize("x", [[np.nan], [1.0, np.inf], -np.inf, [[0.0, np.nan]]])
def test_as_array_rejects_nan_and_infinity(x):
    assert "finite" in raises("x", as_array, "x", x)


def test_as_array_finite_false_allows_nan():
    a = as_array("x", [np.nan, np.inf], finite=False)
    assert np.isnan(a[0])
    assert np.isinf(a[1])


def test_as_array_empty():
    assert "empty" in raises("x", as_array, "x", [])
    assert "empty" in raises("x", as_array, "x", np.zeros((0, 3)))
    assert as_array("x", [], nonempty=False).shape == (0,)


def test_long_values_are_shortened_in_messages():
    message = raises("x", as_array, "x", "z" * 500)
    assert len(message) < 200
    assert message.endswith("...")


# ---------------------------------------------------------------- as_labels


def test_as_labels_accepts_integers_and_integral_floats():
    y = as_labels("y", [0, 2, 1], 3, shape=(3,))
    assert y.dtype == np.intp
    assert y.tolist() == [0, 2, 1]
    assert as_labels("y", np.array([0.0, 1.0]), 2, shape=(2,)).tolist() == [0, 1]
    assert as_labels("y", np.array([1], dtype=np.uint8), 2, shape=(1,)).tolist() == [1]
    assert as_labels("y", 1, 2, shape=()).tolist() == 1


@pytest.mark.parametrize(
    ("y", "words"),
    [
        ([0.5, 1.0], "integer"),
        ([True, False], "integer"),
        ([np.nan, 0.0], "integer"),
        ([np.inf, 0.0], "integer"),
        (["0", "1"], "integer"),
        (None, "integer"),
        ([[0], [1, 0]], "integer"),  # ragged
        ([0, 1, 2], "shape (2,)"),
        ([[0, 1]], "shape (2,)"),
        ([0, 3], "0..2"),
        ([-1, 0], "0..2"),
    ],
)
def test_as_labels_rejects(y, words):
    assert words in raises("y", as_labels, "y", y, 3, shape=(2,))


@settings(max_examples=50, deadline=None)
@given(c=st.integers(1, 10), labels=st.lists(st.integers(-3, 12), min_size=1, max_size=10))
def test_as_labels_range_property(c, labels):
    ok = all(0 <= v < c for v in labels)
    if ok:
        assert as_labels("y", labels, c, shape=(len(labels),)).tolist() == labels
    else:
        assert "class indices in 0.." in raises(
            "y", as_labels, "y", labels, c, shape=(len(labels),)
        )


# ---------------------------------------------------------------- scalar checks


@pytest.mark.parametrize(
    "x", [np.nan, np.inf, -np.inf, "1", "nan", b"1", None, [1.0], True, np.True_]
)
def test_finite_scalar_rejects(x):
    assert "finite number" in raises("lr", check_finite_scalar, "lr", x)


def test_finite_scalar_accepts_numbers():
    assert check_finite_scalar("a", 3) == 3.0
    assert check_finite_scalar("a", np.float32(0.5)) == 0.5
    assert check_finite_scalar("a", np.array(2.0)) == 2.0
    assert check_finite_scalar("a", Fraction(1, 2)) == 0.5
    assert type(check_finite_scalar("a", np.int64(4))) is float


def test_nonnegative_and_positive():
    assert check_nonnegative("lam", 0) == 0.0
    assert check_nonnegative("lam", 2) == 2.0
    assert ">= 0" in raises("lam", check_nonnegative, "lam", -1e-12)
    assert check_positive("step", 1e-9) == 1e-9
    assert "> 0" in raises("step", check_positive, "step", 0)
    assert "> 0" in raises("step", check_positive, "step", -2)
    assert "finite" in raises("step", check_positive, "step", np.nan)


def test_probability():
    assert check_probability("p", 1) == 1.0
    assert check_probability("p", 0.5) == 0.5
    assert "(0, 1]" in raises("p", check_probability, "p", 0)
    assert check_probability("p", 0, allow_zero=True) == 0.0
    assert "[0, 1]" in raises("p", check_probability, "p", -0.1, allow_zero=True)
    assert "(0, 1]" in raises("p", check_probability, "p", 1.0001)


@pytest.mark.parametrize("x", [0, -1, 2.5, 2.0, True, "3", None, np.float64(3.0)])
def test_positive_int_rejects(x):
    assert "integer >= 1" in raises("steps", check_positive_int, "steps", x)


def test_positive_int_accepts():
    assert check_positive_int("steps", 1) == 1
    assert type(check_positive_int("steps", np.int64(7))) is int
    assert check_positive_int("k", 0, minimum=0) == 0
    assert "integer >= 2" in raises("k", check_positive_int, "k", 1, minimum=2)


def test_choice():
    assert check_choice("metric", "l1", ("l1", "l2")) == "l1"
    message = raises("metric", check_choice, "metric", "L1", ("l1", "l2"))
    assert "'l1', 'l2'" in message
    assert "'L1'" in message
    raises("metric", check_choice, "metric", ["l1"], ("l1", "l2"))
    raises("metric", check_choice, "metric", None, ("l1", "l2"))
