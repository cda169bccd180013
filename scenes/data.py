"""Real images that ship inside installed packages: photographs, textures, handwritten digits.

Loading an image is not maths: this module only reads arrays from the
packages' own files (nothing is downloaded) — scikit-image's bundled
photographs and textures (CC0 or public domain, as each loader in
``skimage.data`` documents)
and scikit-learn's 8 × 8 handwritten digits (UCI, 1797 images). Every number
derived from them is computed by :mod:`dlmath`. Names and sizes are known
without loading, so parameter checks stay cheap; the heavy imports happen on
first use. Never imports Manim.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = [
    "DIGITS_TEST",
    "DIGITS_TRAIN",
    "PHOTOS",
    "TEXTURES",
    "DigitSplit",
    "digits",
    "photo",
    "texture",
]

#: Colour photographs bundled with scikit-image: name -> (height, width).
PHOTOS: dict[str, tuple[int, int]] = {
    "chelsea": (300, 451),
    "astronaut": (512, 512),
    "coffee": (400, 600),
    "rocket": (427, 640),
}
#: Grey textures bundled with scikit-image: name -> (height, width).
TEXTURES: dict[str, tuple[int, int]] = {
    "gravel": (512, 512),
    "grass": (512, 512),
    "brick": (512, 512),
}
#: The digits are split in order: the first 1437 train, the last 360 are the test set (80/20).
DIGITS_TRAIN = 1437
DIGITS_TEST = 360


def _skimage(name: str) -> np.ndarray:
    import skimage.data  # heavy: imported on first use

    return np.asarray(getattr(skimage.data, name)())


@cache
def photo(name: str) -> np.ndarray:
    """The bundled photograph ``name`` as a read-only ``(H, W, 3)`` uint8 array."""
    if name not in PHOTOS:
        raise ValueError(f"unknown photograph {name!r}; accepted: {', '.join(PHOTOS)}")
    image = _skimage(name)[..., :3]
    image.setflags(write=False)
    return image


@cache
def texture(name: str) -> np.ndarray:
    """The bundled grey texture ``name`` as a read-only ``(H, W)`` uint8 array."""
    if name not in TEXTURES:
        raise ValueError(f"unknown texture {name!r}; accepted: {', '.join(TEXTURES)}")
    image = _skimage(name)
    image.setflags(write=False)
    return image


@dataclass(frozen=True)
class DigitSplit:
    """scikit-learn's handwritten digits (values 0-16), split into training and test images."""

    train_images: np.ndarray  #: (1437, 8, 8)
    train_labels: np.ndarray  #: (1437,)
    test_images: np.ndarray  #: (360, 8, 8)
    test_labels: np.ndarray  #: (360,)


@cache
def digits() -> DigitSplit:
    """The 1797 bundled 8 × 8 digits: the first 1437 for training, the last 360 for testing."""
    from sklearn.datasets import load_digits  # heavy: imported on first use

    data = load_digits()
    images, labels = np.asarray(data.images, float), np.asarray(data.target, np.int64)
    for arr in (images, labels):
        arr.setflags(write=False)
    n = DIGITS_TRAIN
    return DigitSplit(images[:n], labels[:n], images[n:], labels[n:])
