"""Chapter 3: convolutional networks."""
