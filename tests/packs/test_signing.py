"""Signatures: a good one passes; one changed byte or an unknown key is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from nacl.signing import SigningKey

from reader.packs.signing import SignatureError, sign, verify


def setup(tmp_path: Path) -> tuple[Path, Path, SigningKey]:
    keys = tmp_path / "keys"
    keys.mkdir()
    key = SigningKey.generate()
    (keys / "test.pub").write_text(key.verify_key.encode().hex(), encoding="ascii")
    archive = tmp_path / "pack.zip"
    archive.write_bytes(b"PK\x03\x04 some zip bytes")
    return archive, keys, key


def test_good_signature(tmp_path: Path) -> None:
    archive, keys, key = setup(tmp_path)
    sign(archive, key, "test")
    assert verify(archive, [keys]) == "test"


def test_one_changed_byte_is_refused(tmp_path: Path) -> None:
    archive, keys, key = setup(tmp_path)
    sign(archive, key, "test")
    data = bytearray(archive.read_bytes())
    data[5] ^= 1
    archive.write_bytes(bytes(data))
    with pytest.raises(SignatureError, match="does not match"):
        verify(archive, [keys])


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    archive, keys, _key = setup(tmp_path)
    sign(archive, SigningKey.generate(), "test")
    with pytest.raises(SignatureError, match="does not match"):
        verify(archive, [keys])
    sign(archive, SigningKey.generate(), "stranger")
    with pytest.raises(SignatureError, match="unknown key stranger"):
        verify(archive, [keys])


def test_missing_signature_is_refused(tmp_path: Path) -> None:
    archive, keys, _key = setup(tmp_path)
    with pytest.raises(SignatureError, match=r"pack\.zip\.sig"):
        verify(archive, [keys])


def test_shipped_release_key_is_a_valid_public_key() -> None:
    from reader.packs.signing import release_keys_dir, trusted_keys

    assert "strom-release-2026" in trusted_keys([release_keys_dir()])
