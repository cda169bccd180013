"""Production: render a scene with Manim, then publish its video, clips, stills, subtitles, manifest."""
