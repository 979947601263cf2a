#!/usr/bin/env bash
# Makes docs/word-template.png and docs/word-output.png, the pictures of docs/templates.md: page 1
# of the Word template `templates new kiem-tra --from tom-tat --format docx` writes, and page 1 of
# the document it builds from seeds/thuong-tin-2019.txt, both through LibreOffice and pdftoppm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r seeds "$work/seeds"
printf 'date = "2024-12-15"\nsigner_name = "Nguyễn Văn An"\n' > "$work/reportgen.toml"
cd "$work"
python3 -m reportgen templates new kiem-tra --from tom-tat --format docx --dir mau >/dev/null
python3 -m reportgen build seeds/thuong-tin-2019.txt --templates mau --kind kiem-tra -o out -j 1 >/dev/null
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir pdf \
  mau/kiem-tra/template.docx >/dev/null 2>&1
pdftoppm -png -r 60 -f 1 -l 1 -singlefile pdf/template.pdf "$root/docs/word-template"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile out/kiem-tra-huyen-thuong-tin-2019.pdf "$root/docs/word-output"
# Palette images, as the other pictures of docs/: a third of the size.
python3 - "$root/docs/word-template.png" "$root/docs/word-output.png" <<'PY'
import sys
from PIL import Image
for name in sys.argv[1:]:
    Image.open(name).convert("RGB").quantize(64).save(name, optimize=True)
PY
