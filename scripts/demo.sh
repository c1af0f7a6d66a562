#!/usr/bin/env bash
# Quick start: set up, write the built-in sample dossiers, ingest each one with the embedded defaults
# (SQLite and an object folder under ./data) and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

samples_dir=data/samples
[ -d "$samples_dir" ] || sohoa samples "$samples_dir" >/dev/null

start=$(date +%s.%N)
pages=0
for dossier in "$samples_dir"/*/; do
  code=$(basename "$dossier")
  procedure=$(python -c 'import json,sys; print(json.load(open(sys.argv[1]))["procedure"])' "$dossier/ground_truth.json")
  mapfile -t files < <(find "$dossier" -maxdepth 1 -type f ! -name ground_truth.json | sort)
  echo
  echo "== sohoa ingest $code (${#files[@]} files, procedure $procedure)"
  status=0
  sohoa ingest "${files[@]}" --dossier-code "$code" --procedure "$procedure" --progress || status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
  n=$(sohoa show "$code" --json | python -c 'import json,sys; print(len(json.load(sys.stdin)["dossier"]["pages"]))')
  pages=$((pages + n))
done
end=$(date +%s.%N)
python - "$start" "$end" "$pages" <<'PY'
import sys
start, end, pages = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
wall = end - start
print(f"\n{pages} pages in {wall:.1f} s wall time ({pages / wall * 60:.1f} pages/min, Prefect start-up included)")
PY
echo "Stored under ./data (SQLite database data/sohoa.db, objects in data/objects). Try: sohoa show <code> --json"
