"""Copy the web map's browser libraries from web/node_modules into the package.

The versions are pinned in web/package.json and web/package-lock.json; the copies live in
src/rasd/web/static/vendor/<name>-<version>/ and are committed, so neither ``rasd serve`` nor
CI needs npm. ``vendor/MANIFEST.json`` records each package's version, licence and the sha256
of every file copied (tests/test_web.py checks the copies against it and the lock file).

Usage::

    python scripts/vendor_web.py --install    # npm ci in web/, then copy
    python scripts/vendor_web.py              # copy from an existing web/node_modules
    python scripts/vendor_web.py --check      # verify the copies; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WEB = REPO / "web"
VENDOR = REPO / "src" / "rasd" / "web" / "static" / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"


@dataclass(frozen=True, slots=True)
class Package:
    """An npm package and the files of it the page uses (source path -> vendored path)."""

    name: str
    folder: str
    files: dict[str, str]


PACKAGES = (
    Package(
        "leaflet",
        "leaflet",
        {
            "dist/leaflet-src.esm.js": "leaflet-src.esm.js",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
    ),
    Package("supercluster", "supercluster", {"index.js": "index.js", "LICENSE": "LICENSE"}),
    Package("kdbush", "kdbush", {"index.js": "index.js", "LICENSE": "LICENSE"}),
    Package(
        "@fontsource/noto-sans-arabic",
        "noto-sans-arabic",
        {
            "files/noto-sans-arabic-arabic-400-normal.woff2": (
                "noto-sans-arabic-arabic-400-normal.woff2"
            ),
            "files/noto-sans-arabic-arabic-700-normal.woff2": (
                "noto-sans-arabic-arabic-700-normal.woff2"
            ),
            "LICENSE": "LICENSE",
        },
    ),
)


def locked_versions() -> dict[str, str]:
    """Package name -> the version package-lock.json pins."""
    lock = json.loads((WEB / "package-lock.json").read_text(encoding="utf-8"))
    return {
        path.removeprefix("node_modules/"): entry["version"]
        for path, entry in lock["packages"].items()
        if path.startswith("node_modules/")
    }


def sha256(path: Path) -> str:
    """The file's sha256 (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_package(package: Package, version: str) -> dict[str, object]:
    """Copy one package's files into vendor/<folder>-<version>/; its manifest entry."""
    source = WEB / "node_modules" / package.name
    installed = json.loads((source / "package.json").read_text(encoding="utf-8"))
    if installed["version"] != version:
        raise SystemExit(f"{package.name}: node_modules has {installed['version']}, lock {version}")
    target = VENDOR / f"{package.folder}-{version}"
    shutil.rmtree(target, ignore_errors=True)
    files = {}
    for name, vendored in package.files.items():
        path = target / vendored
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, path)
        files[vendored] = sha256(path)
    return {
        "version": version,
        "license": installed.get("license", ""),
        "folder": target.name,
        "files": files,
    }


def vendor() -> None:
    """Copy every package and write the manifest; remove folders of other versions."""
    versions = locked_versions()
    manifest = {p.name: copy_package(p, versions[p.name]) for p in PACKAGES}
    keep = {str(entry["folder"]) for entry in manifest.values()}
    for folder in VENDOR.iterdir():
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    names = ", ".join(f"{name}@{entry['version']}" for name, entry in manifest.items())
    print(f"vendored {names}")


def problems() -> list[str]:
    """Differences between the vendored files, the manifest and the lock file."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    versions = locked_versions()
    found = []
    for package in PACKAGES:
        entry = manifest.get(package.name)
        if entry is None or entry["version"] != versions.get(package.name):
            found.append(f"{package.name}: manifest and package-lock.json disagree")
            continue
        for vendored, digest in entry["files"].items():
            path = VENDOR / entry["folder"] / vendored
            if not path.is_file() or sha256(path) != digest:
                found.append(f"{package.name}: {vendored} differs from the manifest")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--install", action="store_true", help="run npm ci in web/ first")
    parser.add_argument("--check", action="store_true", help="verify the vendored copies")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    if args.install:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True)
    vendor()
    return 0


if __name__ == "__main__":
    sys.exit(main())
