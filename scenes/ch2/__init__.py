"""Chapter 2: forward and backward propagation."""
