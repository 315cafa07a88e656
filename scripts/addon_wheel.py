"""whool's build backend, packaging the addon without the project's dev tooling.

whool puts every file git tracks into the wheel; this repository is the addon and
its development setup at once, so the files that only serve development (these
scripts, CI, the lint configurations) are left out of what it copies.
"""

from whool import buildapi
from whool.buildapi import (  # noqa: F401  (the PEP 517 hooks)
    build_editable,
    build_sdist,
    build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

DEV_FOLDERS = (".ci/", ".dev/", "node_modules/", "scripts/")
DEV_FILES = {
    ".editorconfig",
    ".gitignore",
    ".prettierignore",
    ".pylintrc",
    ".pylintrc-mandatory",
    ".ruff.toml",
    "docker-compose.yml",
    "eslint.config.cjs",
    "package-lock.json",
    "package.json",
    "prettier.config.cjs",
    "requirements-test.txt",
}


def is_addon_file(path):
    return path not in DEV_FILES and not path.startswith(DEV_FOLDERS)


_git_files = buildapi._scm_ls_files


def _addon_files(addon_dir):
    return [path for path in _git_files(addon_dir) if is_addon_file(path)]


buildapi._scm_ls_files = _addon_files
