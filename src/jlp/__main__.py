"""``python -m jlp``: the same as the ``jlp`` command.

>>> import subprocess, sys
>>> subprocess.run(
...     [sys.executable, "-m", "jlp", "--version"], capture_output=True, text=True, check=True
... ).stdout.startswith("jlp ")
True
"""

import sys

from jlp.cli import main

if __name__ == "__main__":
    sys.exit(main())
