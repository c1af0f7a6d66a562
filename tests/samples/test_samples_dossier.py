import hashlib
import json
import random
import shutil
import subprocess

from PIL import Image

from samples import DOC_TYPES, PROCEDURES, PROFILES, load_ground_truth
from samples.documents import render
from samples.dossier import _plan, write_dossier
from samples.people import make_household


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _pdf_pages(path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
    with Image.open(path) as im:  # pragma: no cover
        return getattr(im, "n_frames", 1)


def test_default_set_covers_every_type_and_profile(default_set):
    assert len(default_set) == 3
    types, profiles, procedures, missing = set(), set(), [], []
    for folder in default_set:
        gt = load_ground_truth(folder)
        assert gt["dossier_code"] == folder.name and gt["seed"] == 0
        procedures.append(gt["procedure"])
        missing += gt["missing_documents"]
        types |= {d["type"] for d in gt["documents"]}
        profiles |= {p["profile"] for f in gt["files"] for p in f["pages"]}
        n_pages = sum(len(f["pages"]) for f in gt["files"])
        assert 2 <= n_pages <= 8
    assert types == set(DOC_TYPES)
    assert profiles == set(PROFILES)
    assert procedures == ["birth_group", "death_group", "generic"]
    assert missing  # at least one dossier lacks a required paper


def test_ground_truth_matches_the_files(default_set):
    for folder in default_set:
        gt = load_ground_truth(folder)
        names = {f["file"] for f in gt["files"]}
        assert names == {p.name for p in folder.iterdir()} - {"ground_truth.json"}
        for f in gt["files"]:
            path = folder / f["file"]
            if path.suffix == ".pdf":
                count = _pdf_pages(path)
            else:
                with Image.open(path) as im:
                    count = getattr(im, "n_frames", 1)
                    if path.suffix == ".jpg":
                        assert "dpi" not in im.info
                        assert all(p["profile"] == "phone" for p in f["pages"])
                    else:
                        assert tuple(round(x) for x in im.info["dpi"]) == (300, 300)
            assert count == len(f["pages"])
            assert [p["page"] for p in f["pages"]] == list(range(count))
            for p in f["pages"]:
                assert p["rotation"] in (0, 90, 180, 270) and p["text"]
                assert gt["documents"][p["document"]]["type"] == p["doc_type"]
        for k, doc in enumerate(gt["documents"]):
            pages = doc["pages"]
            assert pages and len({p["file"] for p in pages}) == 1  # one document, one file
            nums = [p["page"] for p in pages]
            assert nums == list(range(nums[0], nums[0] + len(nums)))  # consecutive
            for ref in pages:
                entry = next(f for f in gt["files"] if f["file"] == ref["file"])["pages"][ref["page"]]
                assert entry["document"] == k


def test_family_links_inside_a_dossier(default_set):
    gt = load_ground_truth(default_set[0])
    docs = {d["type"]: d for d in gt["documents"]}
    cards = {d["fields"]["full_name"] for d in gt["documents"] if d["type"] == "cccd"}
    parents = {docs["birth_certificate"]["fields"]["father_full_name"],
               docs["birth_certificate"]["fields"]["mother_full_name"]}
    assert cards and cards <= parents
    death = load_ground_truth(default_set[1])
    notice = next(d for d in death["documents"] if d["type"] == "death_notice")
    ids = {d["fields"]["id_number"] for d in death["documents"] if d["type"] == "cccd"}
    assert notice["fields"]["id_number"] in ids


def test_same_seed_same_bytes_other_seed_other_dossier(default_set, tmp_path):
    again = write_dossier(tmp_path / "a", seed=0, index=2)
    assert again.name == default_set[2].name
    assert _digest(again) == _digest(default_set[2])
    other = write_dossier(tmp_path / "b", seed=1, index=2)
    assert other.name != again.name
    a, b = load_ground_truth(again), load_ground_truth(other)
    assert a["documents"][0]["fields"] != b["documents"][0]["fields"]
    assert json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True)


def test_every_procedure_plans_its_required_papers():
    for procedure, required in PROCEDURES.items():
        hh = make_household(random.Random(procedure))
        papers = _plan(procedure, hh, random.Random(1), "HS-2026-000001")
        types = [p.doc_type for p in papers]
        assert sorted(t for t in types if t in required) == sorted(required) or procedure == "generic"
        assert set(required) <= set(types)
    new = render("residence_declaration_form", hh, 3, options={"new_address": "Số 1 đường Lê Lợi, phường Ba Đình"})
    assert new.fields["new_place_of_residence"] == "Số 1 đường Lê Lợi, phường Ba Đình"
    death = render("residence_declaration_form", hh, 3, subject=hh.elder, options={"purpose": "death"})
    assert death.fields["date_of_death"] == hh.date_of_death.isoformat()
    assert death.fields["id_number"] == hh.elder.id_number
