"""MinHash signatures: the shingles are every run of three lower-cased words, a shorter text one shingle."""
from __future__ import annotations

import zlib

import numpy as np
import pytest

from eventscope.store.dedup import Signer


def minhash_of(signer: Signer, shingles: list[bytes]) -> np.ndarray:
    from datasketch import MinHash

    minhash = MinHash(num_perm=signer.num_perm, scheme="affine32", hashfunc=zlib.crc32)
    minhash.update_batch(shingles)
    return minhash.hashvalues


@pytest.mark.parametrize("text, shingles", [
    ("Ferries resumed, the harbour master said on Friday.",
     [b"ferries resumed the", b"resumed the harbour", b"the harbour master", b"harbour master said",
      b"master said on", b"said on friday"]),
    ("Ferries  resumed   service.", [b"ferries resumed service"]),
    ("Ferries resumed.", [b"ferries resumed"]),
    ("Überfahrt gestoppt, sagte Müller.", ["überfahrt gestoppt sagte".encode(), "gestoppt sagte müller".encode()]),
    ("", [b""]),
])
def test_signature_is_the_minhash_of_the_word_shingles(text: str, shingles: list[bytes]) -> None:
    signer = Signer()
    assert np.array_equal(signer.signature(text), minhash_of(signer, shingles))
