"""The lecture kit: the scene and its steps, numbers, travel, theme, layout, params, words, registry.

Import from the modules (``from scenes.kit.scene import LectureScene``): this
package imports nothing, so the manim-free parts (``registry``, ``params``,
``words``, ``pacing``, ``format``) stay free of Manim.
"""
