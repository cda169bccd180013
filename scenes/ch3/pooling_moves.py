"""Pooling's moves between the grids: the window frame, values making room, gradients arriving and summing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import UP, FadeIn, FadeOut, ReplacementTransform, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.travel import travel
from scenes.widgets.cells import CellGrid

if TYPE_CHECKING:
    from scenes.ch3.pooling_params import PoolingParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[PoolingParams]
else:
    _Base = object

__all__ = ["WORK_Y", "GridMoves"]

#: The working line's height, under the grids.
WORK_Y = -2.5


class GridMoves(_Base):
    """Windows of the map, the frame on them, and numbers moving between the map and the output."""

    results: dict[str, dm.Pooling]
    map: CellGrid
    out: CellGrid
    frame: VMobject
    working: VMobject | None
    shrunk: bool
    values: VGroup
    absorbed: VGroup
    grads: VGroup

    def windows(self) -> list[tuple[int, int]]:
        """Output cells in reading order."""
        oh, ow = next(iter(self.results.values())).output.shape
        return [(i, j) for i in range(oh) for j in range(ow)]

    def window_cells(self, r: dm.Pooling, i: int, j: int) -> list[tuple[int, int]]:
        """Input cells of window ``(i, j)``, row by row."""
        rows, cols = r.window(i, j)
        return [(a, b) for a in range(rows.start, rows.stop) for b in range(cols.start, cols.stop)]

    def set_working(self, mob: VMobject, y: float = WORK_Y) -> VMobject:
        """Place a working line under the grids (the previous one has gone)."""
        fit(mob, 13.0).move_to(UP * y)
        return mob

    def focus(self, r: dm.Pooling, i: int, j: int) -> None:
        """Move the window frame onto window ``(i, j)``."""
        target = self.map.frame(*self.corner(r, i, j), r.size, r.size)
        if np.linalg.norm(self.frame.get_center() - target.get_center()) > 1e-6:
            self.play(self.frame.animate.move_to(target), run_time=0.4)

    @staticmethod
    def corner(r: dm.Pooling, i: int, j: int) -> tuple[int, int]:
        """Top-left input cell of window ``(i, j)``."""
        rows, cols = r.window(i, j)
        return rows.start, cols.start

    def reset(self) -> None:
        """Fade out the previous pooling's numbers and working; the map's numbers go back to the middle."""
        leaving = VGroup(self.values, self.grads)
        if self.working is not None:
            leaving.add(self.working)
        if leaving.family_members_with_points():
            self.play(FadeOut(leaving), run_time=0.5)
        moves = [
            self.map.label(a, b)
            .animate.scale(1 / 0.8 if self.shrunk else 1.0)
            .move_to(self.map.spot(a, b))
            .set_color(theme.TEXT)
            for a in range(self.map.n_rows)
            for b in range(self.map.n_cols)
        ]
        if self.shrunk or self.values.submobjects:
            self.play(*moves, run_time=0.5)
        self.shrunk = False
        self.values, self.grads, self.working = VGroup(), VGroup(), None

    def make_room(self) -> None:
        """Values move to the upper half of each cell, so gradients fit in the lower half."""
        cells = [
            (self.map, self.map.label(a, b), (a, b))
            for a in range(self.map.n_rows)
            for b in range(self.map.n_cols)
        ]
        moves = [
            mob.animate.scale(0.8).move_to(grid.spot(a, b, "top")) for grid, mob, (a, b) in cells
        ]
        moves += [
            mob.animate.scale(0.8).move_to(self.out.spot(i, j, "top"))
            for (i, j), mob in zip(self.windows(), self.values, strict=True)
        ]
        self.play(*moves, run_time=0.6)
        self.shrunk = True

    def upstream(self, r: dm.Pooling) -> VGroup:
        """The upstream gradient in the lower half of each output cell, faded in."""
        grads = VGroup(
            *(
                self.out.number(i, j, r.dout[i, j], theme.GRADIENT, where="bottom", scale=0.8)
                for i, j in self.windows()
            )
        )
        self.play(FadeIn(grads), run_time=0.6)
        return grads

    def arrive(
        self,
        arrived: dict[tuple[int, int], list[VMobject]],
        cells: tuple[int, int] | list[tuple[int, int]],
        source: VMobject,
        value: float,
    ) -> None:
        """Copies of ``source`` travel into the lower half of ``cells``.

        A cell that already holds a gradient (overlapping windows) absorbs the copy:
        it flies in and fades, and :meth:`settle` writes the cell's total.
        """
        anims: list[Any] = []
        for c in [cells] if isinstance(cells, tuple) else cells:
            cell = self.map.number(*c, value, theme.GRADIENT, where="bottom", scale=0.8)
            if c in arrived:
                flyer = source.copy()
                anims.append(flyer.animate.move_to(cell).set_opacity(0))
                self.absorbed.add(flyer)
            else:
                anims.append(travel(source, cell, path_arc=-0.3))
            arrived.setdefault(c, []).append(cell)
        self.play(*anims, run_time=0.6)

    def settle(self, r: dm.Pooling, arrived: dict[tuple[int, int], list[VMobject]]) -> None:
        """Sum what arrived in each input cell into dlmath's gradient; 0 where nothing did."""
        merges, zeros = [], VGroup()
        final = VGroup()
        for a in range(self.map.n_rows):
            for b in range(self.map.n_cols):
                got = arrived.get((a, b), [])
                colour = theme.GRADIENT if r.dx[a, b] != 0 else theme.MUTED
                cell = self.map.number(a, b, r.dx[a, b], colour, where="bottom", scale=0.8)
                if not got:
                    zeros.add(cell)
                elif len(got) > 1:
                    merges.append(ReplacementTransform(got[0], cell))
                else:
                    cell = got[0]
                final.add(cell)
        self.remove(self.absorbed)
        self.absorbed = VGroup()
        if merges:
            self.play(*merges, run_time=0.6)
        if zeros.submobjects:
            self.play(FadeIn(zeros), run_time=0.6)
        self.grads.add(final)
