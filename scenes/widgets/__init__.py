"""Shared mobjects: number grids, plots, graph diagrams (a widget lives here once two lessons use it)."""
