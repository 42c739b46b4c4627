"""Copy front-end assets from node_modules (installed from the npm registry) into static/vendor.

Run by `make assets`. The output is git-ignored: no third-party file is committed.
The precompiled GOV.UK Frontend stylesheet points at /assets/; we serve it under /static/,
and use Arial instead of the GOV.UK-only typeface.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "node_modules"
OUT = ROOT / "static" / "vendor"
SOURCE_MAP_COMMENT = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def main() -> int:
    govuk = SRC / "govuk-frontend" / "dist" / "govuk"
    axe = SRC / "axe-core" / "axe.min.js"
    if not govuk.is_dir() or not axe.is_file():
        print("front-end packages are missing: run `npm ci` first (make assets does)", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "govuk").mkdir(parents=True)
    css = (govuk / "govuk-frontend.min.css").read_text(encoding="utf-8")
    css = css.replace("url(/assets/", "url(/static/vendor/govuk/assets/")
    # GDS Transport is licensed for GOV.UK services only; a council's tracker uses Arial.
    css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
    # The stylesheet is rewritten above, so its source map would point at the wrong places:
    # drop the reference rather than ship a map that lies (and that collectstatic's manifest
    # storage would otherwise look for and fail on).
    css = SOURCE_MAP_COMMENT.sub("", css).rstrip() + "\n"
    (OUT / "govuk" / "govuk-frontend.min.css").write_text(css, encoding="utf-8")
    shutil.copy2(govuk / "govuk-frontend.min.js", OUT / "govuk" / "govuk-frontend.min.js")
    # The script is copied unchanged, so its map is still true: ship it beside the script.
    shutil.copy2(govuk / "govuk-frontend.min.js.map", OUT / "govuk" / "govuk-frontend.min.js.map")
    shutil.copytree(govuk / "assets", OUT / "govuk" / "assets")
    shutil.copy2(axe, OUT / "axe.min.js")
    print(f"assets copied to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
