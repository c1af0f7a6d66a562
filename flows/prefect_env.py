"""Prefect defaults for an offline office machine: no analytics, no phoning home, a patient start for
the temporary local server, and no log noise on the operator's terminal. Import before `prefect`.

Every value is a default only: an environment that sets PREFECT_* itself (production pointing
PREFECT_API_URL at a real server) wins.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The temporary server takes ~10-20 s on a 2-core machine; Prefect's default of 20 s is too tight.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
}


def apply() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
