"""dlmath: the numbers of an introductory deep-learning lecture, computed with numpy and scipy.

Import as ``import dlmath as dm``. One module per topic:

- :mod:`dlmath.distances` L1/L2 distances between point sets and between images
- :mod:`dlmath.knn` nearest neighbours (one query's vote, batched prediction)
- :mod:`dlmath.knn_regions` k-NN decision regions over the plane; clusters with an outlier
- :mod:`dlmath.images` images as numbers: resizing, shifting, edges, colour histograms
- :mod:`dlmath.challenges` one photograph under six changes and its pixel distances
- :mod:`dlmath.pixel_pitfalls` a shifted copy is farther than an image of another class
- :mod:`dlmath.linear` the linear score function ``W x + b``
- :mod:`dlmath.losses` hinge and softmax losses with gradients, L2 penalty
- :mod:`dlmath.loss_sweep` hinge against softmax as the true score grows
- :mod:`dlmath.regularization` L2 breaks a tie between weights with equal scores
- :mod:`dlmath.activations` sigmoid, ReLU, tanh, leaky ReLU and derivatives
- :mod:`dlmath.optim` gradient descent and the fixed-step method
- :mod:`dlmath.objectives` the functions minimised; one descent update at two places
- :mod:`dlmath.trajectory` a descent's iterates and its status (converged, oscillating, …)
- :mod:`dlmath.graph` computational graphs (``Value``) with backpropagation
- :mod:`dlmath.circuit` the Circuit record: a graph after its backward pass, in evaluation order
- :mod:`dlmath.circuits` the lecture's named circuits (simple, gate patterns, matrix)
- :mod:`dlmath.neuron_circuit` the sigmoid neuron gate by gate, and its one-gate shortcut
- :mod:`dlmath.preprocessing` zero-centring and standardising data
- :mod:`dlmath.initialization` weight initialisation and activation statistics
- :mod:`dlmath.dropout` inverted dropout
- :mod:`dlmath.toydata` toy 2-D data sets (spiral, moons, blobs)
- :mod:`dlmath.network` a small two-layer network
- :mod:`dlmath.forward` one example through a two-layer network, every intermediate kept
- :mod:`dlmath.vanishing` activation slopes read off; gradients along a chain of layers
- :mod:`dlmath.momentum` momentum against plain descent; an elongated bowl
- :mod:`dlmath.capacity` networks of several sizes: held-out accuracy, few points
- :mod:`dlmath.snapshots` one network's training with its decision regions at a few steps
- :mod:`dlmath.conv` convolution layers
- :mod:`dlmath.conv_geometry` output sizes that may not fit, seeded integer grids
- :mod:`dlmath.pooling` max and average pooling of a map, every window kept
- :mod:`dlmath.pool_ops` the pooling operations and their backward passes

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
from dlmath.capacity import Capacity, Region, TrainingRun, capacity_study, train_snapshots
from dlmath.challenges import (
    CHANGES,
    VisionChallenges,
    change_illumination,
    change_scale,
    change_viewpoint,
    clutter,
    deform,
    occlude,
    vision_challenges,
)
from dlmath.circuits import (
    Circuit,
    MatrixNorm,
    RoundedUpstream,
    SigmoidNeuron,
    gate_patterns,
    matrix_norm,
    rounded_upstream,
    sigmoid_neuron,
    simple_circuit,
)
from dlmath.conv import ConvResult, conv2d, conv2d_backward, conv_output_size
from dlmath.conv_geometry import ConvGeometry, conv_geometry, misfit_stride, random_grid
from dlmath.distances import ImageDistance, image_distance, pairwise_distances
from dlmath.dropout import DropoutPasses, DropoutResult, dropout, dropout_mask, dropout_passes
from dlmath.forward import ForwardPass, forward_pass
from dlmath.graph import Value, topo_order
from dlmath.images import (
    ImageNumbers,
    colour_histogram,
    edge_strength,
    grey,
    image_numbers,
    resize,
    shift,
)
from dlmath.initialization import ActivationStats, activation_stats, init_weights
from dlmath.knn import KnnCost, KnnVote, knn_cost, knn_predict, knn_vote
from dlmath.knn_regions import KnnRegions, OutlierClusters, knn_regions, outlier_clusters
from dlmath.linear import ScoreFunction, linear_scores, score_function
from dlmath.loss_sweep import TrueScoreSweep, true_score_sweep
from dlmath.losses import (
    HingeLoss,
    NarrowWin,
    SoftmaxLoss,
    hinge_loss,
    l2_penalty,
    l2_penalty_grad,
    narrow_win,
    softmax_loss,
)
from dlmath.momentum import (
    Contours,
    MomentumRace,
    bowl_contours,
    elongated_bowl,
    momentum_race,
)
from dlmath.network import TrainedNetwork, train_two_layer
from dlmath.optim import (
    Descent,
    Objective,
    SlopeSteps,
    descend,
    fixed_step,
    objective,
    slope_steps,
)
from dlmath.pixel_pitfalls import ShiftedCopy, shifted_copy
from dlmath.pooling import (
    Pooling,
    PoolResult,
    avg_pool,
    avg_pool_backward,
    max_pool,
    max_pool_backward,
    pool2d,
)
from dlmath.preprocessing import (
    Standardized,
    gaussian_cloud,
    standardize,
    standardize_with,
    zero_center,
)
from dlmath.regularization import L2Tiebreak, l2_tiebreak
from dlmath.toydata import ToyData, make_toy_data
from dlmath.vanishing import GradientChain, Readout, gradient_chain, readout

__all__ = [
    "ActivationStats",
    "Circuit",
    "MatrixNorm",
    "RoundedUpstream",
    "SigmoidNeuron",
    "gate_patterns",
    "matrix_norm",
    "rounded_upstream",
    "sigmoid_neuron",
    "simple_circuit",
    "ConvGeometry",
    "ConvResult",
    "Descent",
    "Objective",
    "DlmathError",
    "DropoutPasses",
    "DropoutResult",
    "HingeLoss",
    "ImageDistance",
    "ImageNumbers",
    "ShiftedCopy",
    "shifted_copy",
    "KnnCost",
    "KnnRegions",
    "KnnVote",
    "OutlierClusters",
    "VisionChallenges",
    "CHANGES",
    "change_illumination",
    "change_scale",
    "change_viewpoint",
    "clutter",
    "colour_histogram",
    "deform",
    "edge_strength",
    "grey",
    "image_numbers",
    "knn_cost",
    "knn_regions",
    "occlude",
    "outlier_clusters",
    "resize",
    "shift",
    "vision_challenges",
    "L2Tiebreak",
    "NarrowWin",
    "PoolResult",
    "Pooling",
    "ScoreFunction",
    "SlopeSteps",
    "SoftmaxLoss",
    "Standardized",
    "ToyData",
    "Capacity",
    "Contours",
    "ForwardPass",
    "GradientChain",
    "MomentumRace",
    "Readout",
    "Region",
    "TrainingRun",
    "bowl_contours",
    "capacity_study",
    "elongated_bowl",
    "forward_pass",
    "gradient_chain",
    "momentum_race",
    "readout",
    "train_snapshots",
    "TrainedNetwork",
    "TrueScoreSweep",
    "Value",
    "activation_stats",
    "avg_pool",
    "avg_pool_backward",
    "conv2d",
    "conv2d_backward",
    "conv_geometry",
    "conv_output_size",
    "descend",
    "dropout",
    "dropout_mask",
    "dropout_passes",
    "gaussian_cloud",
    "fixed_step",
    "hinge_loss",
    "image_distance",
    "init_weights",
    "knn_predict",
    "knn_vote",
    "l2_penalty",
    "l2_penalty_grad",
    "l2_tiebreak",
    "leaky_relu",
    "leaky_relu_grad",
    "linear_scores",
    "make_toy_data",
    "max_pool",
    "max_pool_backward",
    "misfit_stride",
    "narrow_win",
    "objective",
    "pairwise_distances",
    "relu",
    "relu_grad",
    "sigmoid",
    "score_function",
    "sigmoid_grad",
    "slope_steps",
    "softmax_loss",
    "pool2d",
    "random_grid",
    "standardize",
    "standardize_with",
    "tanh",
    "tanh_grad",
    "topo_order",
    "train_two_layer",
    "true_score_sweep",
    "zero_center",
]
