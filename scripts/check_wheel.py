"""Checks a built wheel of the addon: it holds the addon, and none of the dev tooling.

Usage: check_wheel.py WHEEL
"""

import sys
import zipfile

ADDON = "odoo/addons/pos_shop_sync/"
REQUIRED = ("__manifest__.py", "__init__.py", "models/", "static/", "views/", "i18n/")
FORBIDDEN = (
    "scripts/",
    "node_modules/",
    ".dev/",
    ".ci/",
    "package.json",
    ".venv-lint/",
)


def problems(names):
    inside = [name[len(ADDON) :] for name in names if name.startswith(ADDON)]
    for part in REQUIRED:
        if not any(name == part or name.startswith(part) for name in inside):
            yield f"missing: {ADDON}{part}"
    for name in inside:
        if name.startswith(FORBIDDEN):
            yield f"dev tooling in the wheel: {ADDON}{name}"
    for name in names:
        if not name.startswith(ADDON) and ".dist-info/" not in name:
            yield f"outside the addon: {name}"


def main(path):
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
    found = list(problems(names))
    for problem in found:
        print(problem)
    print(f"{path}: {len(names)} files, {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
