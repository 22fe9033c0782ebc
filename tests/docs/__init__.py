import sys
from pathlib import Path

# The docs tests read the same facts as the docs build and the line counter: scripts/.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
