"""Plots of runs: the shared scale, clipping at the box, iterate tables; ticked axes' options."""

from __future__ import annotations

import numpy as np
import pytest

import dlmath as dm
from scenes.kit import theme
from scenes.widgets.axes import TickedAxes, tick_decimals
from scenes.widgets.plots import CurvePlot, IterateTable, RunPath, shared_ranges

PARABOLA = dm.objective("parabola")


@pytest.fixture(autouse=True)
def dark_theme():
    theme.use("dark")


def plot_for(x0: float = 1.0) -> CurvePlot:
    return CurvePlot(PARABOLA.f, *shared_ranges(1.5 * abs(x0), PARABOLA.f))


def test_shared_ranges_hold_the_reach_and_the_curve_top():
    (x0, x1, xs), (y0, y1, ys) = shared_ranges(1.5, PARABOLA.f)
    assert (x0, x1, xs) == (-1.5, 1.5, 0.5)
    assert y0 == 0.0
    assert y1 >= 2.25
    (x0, x1, _), (_, y1, _) = shared_ranges(0.15, PARABOLA.f)
    assert x1 >= 0.15
    assert y1 >= x1**2


def test_y_axis_left_keeps_data_in_place():
    plain = TickedAxes((-1.5, 1.5, 0.5), (0, 2.5, 0.5))
    left = TickedAxes((-1.5, 1.5, 0.5), (0, 2.5, 0.5), y_axis_left=True)
    shift = plain.c2p(-1.5, 0) - left.c2p(-1.5, 0)
    for x, y in ((0, 0), (1, 1), (-1.2, 2.3)):
        np.testing.assert_allclose(plain.c2p(x, y) - left.c2p(x, y), shift, atol=1e-9)
    # the y-axis stands at the left end: its tick numbers sit left of every data point
    assert left.y_labels.get_right()[0] < left.c2p(-1.5, 0)[0]
    assert plain.y_labels.get_right()[0] > plain.c2p(-1.5, 0)[0]
    assert len(left.x_labels) == 7  # "0" on the x-axis is numbered too


def test_tick_decimals_write_every_tick():
    assert tick_decimals(0.005) == 3
    axes = TickedAxes((-0.15, 0.15, 0.05), (0, 0.025, 0.005))
    values = sorted(round(m.value, 6) for m in axes.y_labels)
    assert values == [0.005, 0.01, 0.015, 0.02, 0.025]  # 0 is where the axes cross
    codes = {m.typst_code for m in axes.y_labels}
    assert "0.005" in codes
    assert "0.015" in codes


def test_a_diverging_run_stops_at_the_box_with_an_arrow():
    plot = plot_for()
    d = dm.descend(PARABOLA.grad, 1.0, 1.1, 10, f=PARABOLA.f)
    path = RunPath(plot, d.xs, d.values, "#ffffff")
    assert path.exit == 3  # x3 = -1.728 is beyond 1.5
    assert sorted(path.hops) == [1, 2, 3]
    arrow = path.arrow
    assert arrow is not None
    top = plot.box_top
    assert arrow.get_end()[1] == pytest.approx(top, abs=1e-6)  # leaves through the top
    (x0, x1, _), _ = plot.axes.x_range, None
    assert plot.point(x0, 0)[0] <= arrow.get_end()[0] <= plot.point(x1, 0)[0]


@pytest.mark.parametrize("lr", [0.1, 0.7, 1.0, 0.95])
def test_runs_that_stay_in_are_drawn_whole(lr):
    d = dm.descend(PARABOLA.grad, 1.0, lr, 10, f=PARABOLA.f)
    path = RunPath(plot_for(), d.xs, d.values, "#ffffff")
    assert path.exit is None
    assert path.arrow is None
    assert sorted(path.hops) == list(range(1, 11))


def test_converging_runs_shrink_on_the_shared_scale():
    plot = plot_for()
    widths = {}
    for lr in (0.95, 1.05):
        d = dm.descend(PARABOLA.grad, 1.0, lr, 10, f=PARABOLA.f)
        widths[lr] = RunPath(plot, d.xs, d.values, "#ffffff")
    assert widths[0.95].exit is None
    assert widths[1.05].exit == 5


def test_exit_point_is_on_the_box():
    plot = plot_for()
    end = plot.exit((1.44, 1.44**2), (-1.728, 1.728**2))
    assert end[1] == pytest.approx(plot.box_top)
    # a move out through the side stops at the side
    side = plot.exit((1.0, 0.5), (3.0, 0.5))
    assert side[0] == pytest.approx(plot.point(1.5, 0)[0])


def test_label_above_stays_over_the_box():
    plot = plot_for()
    label = theme.math("x_3 = -1.728")
    plot.label_above(label, plot.point(-1.5, 0)[0] - 3)
    assert label.get_bottom()[1] > plot.box_top
    assert label.get_left()[0] >= plot.y_name.get_right()[0]
    plot.label_above(label, plot.point(1.5, 0)[0] + 3)
    assert label.get_right()[0] <= plot.point(1.5, 0)[0] + 1e-6


def test_tangent_has_the_slope_and_stays_in_the_box():
    plot = plot_for()
    line = plot.tangent(0.5, 0.25, 1.0, "#ffffff", length=6.0)
    a, b = line.get_start(), line.get_end()
    (x0, _, _), (y0, _, _) = plot.axes.x_range, plot.axes.y_range
    origin = plot.point(x0, y0)
    unit_x = plot.point(x0 + 1, y0)[0] - origin[0]
    unit_y = plot.point(x0, y0 + 1)[1] - origin[1]
    slope = ((b[1] - a[1]) / unit_y) / ((b[0] - a[0]) / unit_x)
    assert slope == pytest.approx(1.0)
    assert min(a[1], b[1]) >= origin[1] - 1e-6


def test_iterate_table_rows_and_decimal_points():
    xs = 0.8 ** np.arange(11) * np.array([1, -1] * 5 + [1])
    table = IterateTable(xs)
    assert sorted(table.rows) == [0, 1, 2, 3, 4, 5, 10]
    assert table.gap is not None
    assert table.row(7) is None
    assert table.value(3).value == pytest.approx(xs[3])
    # the decimal points of 0.8 and −0.64 line up
    points = []
    for t in (1, 2, 3):
        number = table.value(t)
        before = len(number.typst_code.split(".")[0])
        points.append(number.family_members_with_points()[before].get_left()[0])
    assert max(points) - min(points) < 0.02
    short = IterateTable([1.0, 0.5, 0.0])
    assert short.gap is None
    assert sorted(short.rows) == [0, 1, 2]


def test_step_arrow_is_cut_at_the_box():
    plot = plot_for()
    arrow, beyond = plot.step_arrow(1.0, 0.8, 1.0, "#ffffff")
    assert not beyond
    assert arrow.get_end()[0] == pytest.approx(plot.point(0.8, 1.0)[0])
    arrow, beyond = plot.step_arrow(-1.0, 4.0, 1.0, "#ffffff")
    assert beyond
    assert arrow.get_end()[0] == pytest.approx(plot.point(1.5, 1.0)[0])
