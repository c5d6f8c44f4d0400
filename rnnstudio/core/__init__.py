"""The Qt-free core of RNN Studio: experiments, data, models, training, inference, storage."""
