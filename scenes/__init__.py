"""Manim scenes of the lecture: each lays out and animates results computed by dlmath."""
