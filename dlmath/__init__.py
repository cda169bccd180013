"""dlmath: the numbers of an introductory deep-learning lecture, computed with numpy and scipy.

Import as ``import dlmath as dm``. One module per topic:

- :mod:`dlmath.knn` nearest neighbours (distances, votes, batched prediction)
- :mod:`dlmath.linear` the linear score function ``W x + b``
- :mod:`dlmath.losses` hinge and softmax losses with gradients, L2 penalty
- :mod:`dlmath.activations` sigmoid, ReLU, tanh, leaky ReLU and derivatives
- :mod:`dlmath.optim` gradient descent, momentum, the fixed-step method
- :mod:`dlmath.graph` computational graphs (``Value``) with backpropagation
- :mod:`dlmath.training` preprocessing, initialisation, dropout, activation statistics
- :mod:`dlmath.network` toy 2-D data and a small two-layer network
- :mod:`dlmath.conv` convolution and pooling

Every bad argument raises :class:`DlmathError` (a ``ValueError``) whose
one-line message names the argument and what is accepted.
"""

from __future__ import annotations

from dlmath._checks import DlmathError
from dlmath.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlmath.conv import (
    ConvResult,
    PoolResult,
    conv2d,
    conv2d_backward,
    conv_output_size,
    max_pool,
    max_pool_backward,
)
from dlmath.graph import Value, topo_order
from dlmath.knn import (
    ImageDistance,
    KnnVote,
    image_distance,
    knn_predict,
    knn_vote,
    pairwise_distances,
)
from dlmath.linear import linear_scores
from dlmath.losses import (
    HingeLoss,
    SoftmaxLoss,
    hinge_loss,
    l2_penalty,
    l2_penalty_grad,
    softmax_loss,
)
from dlmath.network import ToyData, TrainedNetwork, make_toy_data, train_two_layer
from dlmath.optim import Descent, Objective, descend, fixed_step, objective
from dlmath.training import (
    ActivationStats,
    DropoutResult,
    Standardized,
    activation_stats,
    dropout,
    dropout_mask,
    init_weights,
    standardize,
    zero_center,
)

__all__ = [
    "ActivationStats",
    "ConvResult",
    "Descent",
    "Objective",
    "DlmathError",
    "DropoutResult",
    "HingeLoss",
    "ImageDistance",
    "KnnVote",
    "PoolResult",
    "SoftmaxLoss",
    "Standardized",
    "ToyData",
    "TrainedNetwork",
    "Value",
    "activation_stats",
    "conv2d",
    "conv2d_backward",
    "conv_output_size",
    "descend",
    "dropout",
    "dropout_mask",
    "fixed_step",
    "hinge_loss",
    "image_distance",
    "init_weights",
    "knn_predict",
    "knn_vote",
    "l2_penalty",
    "l2_penalty_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "linear_scores",
    "make_toy_data",
    "max_pool",
    "max_pool_backward",
    "objective",
    "pairwise_distances",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax_loss",
    "standardize",
    "tanh",
    "tanh_grad",
    "topo_order",
    "train_two_layer",
    "zero_center",
]
