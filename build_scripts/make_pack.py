"""Build a signed content pack file from a content folder, or make a new signing key pair.

Usage:
  python build_scripts/make_pack.py --key FILE [--content DIR] [--out DIR] [--name NAME]
                                    [--key-id ID] [--keys DIR]
  python build_scripts/make_pack.py --new-key DIR --key-id ID

The content folder (default: content/) is validated first, exactly as ``strom-reader validate``
does; any problem stops the build. The pack is written as ``OUT/NAME.zip`` (default
``dist/strom-handbook-<edition>.zip``: every file of the folder, sorted, with fixed dates, so the
same folder gives the same bytes) with the signature sidecar ``OUT/NAME.zip.sig`` beside it.

The key file holds the 32-byte Ed25519 private seed as 64 hex digits. The key id written into the
signature is the name of the ``.pub`` file in ``--keys`` (default: resources/pack-keys/) that
matches the key, or ``--key-id``. ``--new-key DIR`` writes ``DIR/ID.key`` (mode 0600: keep it
off the repository and off shared drives) and ``DIR/ID.pub`` (copy that one to
resources/pack-keys/ so the next release of the app trusts packs signed with it).
"""

from __future__ import annotations

import argparse
import os
import sys
import zipfile
from pathlib import Path

from nacl.signing import SigningKey

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.loader import load_pack  # noqa: E402
from reader.content.model import ID_PATTERN  # noqa: E402
from reader.content.validate import check_pack  # noqa: E402
from reader.packs.signing import sign  # noqa: E402

FIXED_DATE = (2000, 1, 1, 0, 0, 0)


class MakePackError(Exception):
    pass


def read_key(path: Path) -> SigningKey:
    try:
        return SigningKey(bytes.fromhex(path.read_text(encoding="ascii").strip()))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise MakePackError(f"{path}: not an Ed25519 key file (64 hex digits): {exc}") from exc


def key_id_for(key: SigningKey, keys_dir: Path) -> str:
    public = key.verify_key.encode().hex()
    for pub in sorted(keys_dir.glob("*.pub")):
        if pub.read_text(encoding="ascii").strip().lower() == public:
            return pub.stem
    raise MakePackError(
        f"no .pub file in {keys_dir} matches this key: give --key-id, and put the key's .pub "
        "into resources/pack-keys/ so that the app trusts it"
    )


def new_key(folder: Path, key_id: str) -> tuple[Path, Path]:
    if not ID_PATTERN.match(key_id):
        raise MakePackError(f"key id {key_id!r} must be lowercase letters, digits and hyphens")
    folder.mkdir(parents=True, exist_ok=True)
    private, public = folder / f"{key_id}.key", folder / f"{key_id}.pub"
    if private.exists() or public.exists():
        raise MakePackError(f"{private} or {public} exists already; not overwriting a key")
    key = SigningKey.generate()
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.encode().hex() + "\n")
    os.chmod(private, 0o600)
    public.write_text(key.verify_key.encode().hex() + "\n", encoding="ascii")
    return private, public


def pack_files(content: Path) -> list[Path]:
    """Every file of the pack, sorted; hidden files and caches are left out."""
    files = []
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_symlink():
            raise MakePackError(f"{path} is a symbolic link; a pack holds only plain files")
        if path.is_file():
            files.append(path)
    return files


def write_zip(content: Path, target: Path) -> int:
    files = pack_files(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(content).as_posix(), FIXED_DATE)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    partial.replace(target)
    return len(files)


def make_pack(
    content: Path, out: Path, key_file: Path, name: str | None, key_id: str | None, keys_dir: Path
) -> tuple[Path, Path]:
    pack = load_pack(content)
    problems = check_pack(pack)
    if problems or pack.manifest is None:
        lines = "\n".join(str(p) for p in problems)
        raise MakePackError(f"{content} has {len(problems)} problem(s); no pack written:\n{lines}")
    key = read_key(key_file)
    key_id = key_id or key_id_for(key, keys_dir)
    archive = out / f"{name or f'{pack.manifest.id}-{pack.manifest.edition}'}.zip"
    count = write_zip(content, archive)
    sig = sign(archive, key, key_id)
    print(
        f"{archive}: {count} files, {archive.stat().st_size} bytes, edition "
        f"{pack.manifest.edition}, {len(pack.languages)} languages"
    )
    print(f"{sig}: signed with key {key_id}")
    return archive, sig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="pack folder")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--name", help="file name without .zip (default: ID-EDITION)")
    parser.add_argument("--key", type=Path, help="private key file (64 hex digits)")
    parser.add_argument("--key-id", help="key id in the signature (default: the matching .pub)")
    parser.add_argument(
        "--keys", type=Path, default=ROOT / "resources" / "pack-keys", help="public keys folder"
    )
    parser.add_argument("--new-key", type=Path, metavar="DIR", help="make a key pair in DIR")
    args = parser.parse_args(argv)
    try:
        if args.new_key:
            if not args.key_id:
                raise MakePackError("--new-key needs --key-id, e.g. strom-release-2027")
            private, public = new_key(args.new_key, args.key_id)
            print(f"private key: {private} (keep it secret; never commit it)")
            print(f"public key:  {public} (copy it to resources/pack-keys/)")
            return 0
        if not args.key:
            raise MakePackError("give --key FILE to sign the pack (or --new-key DIR)")
        make_pack(args.content, args.out, args.key, args.name, args.key_id, args.keys)
    except MakePackError as exc:
        print(f"make_pack: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
