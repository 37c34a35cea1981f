"""Ed25519 signatures over the exact bytes of a pack zip, checked before anything is unpacked.

The signature is a sidecar file ``<pack>.zip.sig`` (TOML: ``key_id`` and ``signature`` in hex).
Trusted public keys are ``<key_id>.pub`` files (64 hex digits) in resources/pack-keys/.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from reader.i18n import _
from reader.paths import resources_dir

# PyNaCl (with cffi) is imported where a signature is made or checked, not when this module is:
# the app imports the pack code at every start, and only an import needs the cryptography.
if TYPE_CHECKING:
    from nacl.signing import SigningKey, VerifyKey


def release_keys_dir() -> Path:
    """The folder of public keys the app trusts (shipped in resources/)."""
    return resources_dir() / "pack-keys"


class SignatureError(ValueError):
    """The pack file is not signed by a trusted key; the message says why."""


def trusted_keys(dirs: list[Path]) -> dict[str, VerifyKey]:
    """Read every <key_id>.pub in dirs."""
    from nacl.signing import VerifyKey

    keys: dict[str, VerifyKey] = {}
    for folder in dirs:
        for path in sorted(folder.glob("*.pub")):
            try:
                keys[path.stem] = VerifyKey(bytes.fromhex(path.read_text(encoding="ascii").strip()))
            except (ValueError, UnicodeDecodeError) as exc:
                raise SignatureError(
                    _("{file}: not a public key ({error})").format(file=path, error=exc)
                ) from exc
    return keys


def sign(archive: Path, key: SigningKey, key_id: str) -> Path:
    """Write archive's sidecar signature and return its path."""
    signature = key.sign(archive.read_bytes()).signature.hex()
    sig = archive.with_name(archive.name + ".sig")
    sig.write_text(f'key_id = "{key_id}"\nsignature = "{signature}"\n', encoding="ascii")
    return sig


def verify(archive: Path, key_dirs: list[Path]) -> str:
    """Check archive against its .sig sidecar; return the signing key id."""
    sig = archive.with_name(archive.name + ".sig")
    try:
        meta = tomllib.loads(sig.read_text(encoding="ascii"))
        key_id = str(meta["key_id"])
        signature = bytes.fromhex(str(meta["signature"]))
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise SignatureError(
            _("{file}: missing or unreadable signature ({error})").format(file=sig.name, error=exc)
        ) from exc
    key = trusted_keys(key_dirs).get(key_id)
    if key is None:
        raise SignatureError(
            _("{file}: signed by unknown key {key_id}").format(file=archive.name, key_id=key_id)
        )
    from nacl.exceptions import BadSignatureError

    try:
        key.verify(archive.read_bytes(), signature)
    except (BadSignatureError, ValueError) as exc:
        raise SignatureError(
            _("{file}: the signature does not match; the file was changed or damaged").format(
                file=archive.name
            )
        ) from exc
    return key_id
