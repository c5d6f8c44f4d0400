"""Double-click or ``python main.py [model.keras]`` to start RNN Studio."""

import sys

from rnnstudio.app import main

if __name__ == "__main__":
    sys.exit(main())
