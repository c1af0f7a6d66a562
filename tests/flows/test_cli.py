import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from flows.cli import EXIT_NOT_FOUND, EXIT_USAGE, main


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


def test_show_unknown_dossier_says_so(sohoa_env):
    status, out, err = _run(["show", "HS-KHONG-CO", "--json"])
    assert status == EXIT_NOT_FOUND
    assert out == "" and "HS-KHONG-CO" in err


def test_ingest_missing_path_is_a_usage_error(sohoa_env, tmp_path):
    status, _, err = _run(["ingest", str(tmp_path / "absent.pdf")])
    assert status == EXIT_USAGE and "absent.pdf" in err


def test_unknown_procedure_is_rejected(sohoa_env, tmp_path):
    status, _, err = _run(["ingest", "x.pdf", "--procedure", "nope"])
    assert status == 2 and "invalid choice" in err


@pytest.mark.parametrize("argv", [["samples"], ["ingest"]])
def test_missing_arguments_are_usage_errors(argv):
    assert _run(argv)[0] == 2


def test_samples_command_writes_dossiers_with_ground_truth(tmp_path):
    status, out, _ = _run(["samples", str(tmp_path), "--count", "1", "--json"])
    assert status == 0
    (dossier,) = json.loads(out)["samples"]
    truth = json.loads((tmp_path / dossier.split("/")[-1] / "ground_truth.json").read_text())
    assert truth["files"] and truth["documents"]
