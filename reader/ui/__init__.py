"""The Qt user interface. Everything Qt lives in this package; the core packages never import it."""
