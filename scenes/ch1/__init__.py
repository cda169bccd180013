"""Chapter 1: from hand-made features to nearest neighbours."""
