"""The Qt window of RNN Studio: reads and writes core dataclasses, never does the maths."""
