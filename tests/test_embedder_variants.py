"""Variants of one embedding model (the int8 copy recchat runs by default, the float32 model):
their vectors are close, not equal, so each collection records which variant made its vectors.
`catalog add` embeds a catalog of another variant again, whole; reading one says how to fix it;
a profile is embedded again from its stored words; another model altogether is still refused."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.embed.base import Vectors, model_of, normalise
from recchat.embed.fake import HashingEmbedder
from recchat.errors import StoreError
from recchat.factory import Runtime


class Variant:
    """The hashing embedder as another variant of itself: same model, vectors nudged a little."""

    def __init__(self, suffix: str = "+int8") -> None:
        self._base = HashingEmbedder()
        self._suffix = suffix

    @property
    def name(self) -> str:
        return self._base.name + self._suffix

    @property
    def dimension(self) -> int:
        return self._base.dimension

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = self._base.embed(texts)
        return normalise(0.9 * vectors + 0.1 * np.roll(vectors, 1, axis=1))


def settings_for(home: Path) -> Settings:
    return Settings(home=home, backend="fake", use_llm=False)


def test_the_variant_is_part_of_the_name_and_not_of_the_model() -> None:
    assert model_of("sentence-transformers:all-MiniLM-L6-v2+int8") == "sentence-transformers:all-MiniLM-L6-v2"
    assert model_of("sentence-transformers:all-MiniLM-L6-v2") == "sentence-transformers:all-MiniLM-L6-v2"
    assert model_of(Variant().name) == HashingEmbedder().name


def test_catalog_add_with_another_variant_embeds_the_whole_catalog_again(home: Path, mini_catalog: Path) -> None:
    plain = Runtime(settings_for(home))
    first = import_catalog(plain.store, plain.embedder, mini_catalog, "mini")
    variant = Runtime(settings_for(home), embedder=Variant())
    again = import_catalog(variant.store, variant.embedder, mini_catalog, "mini")
    assert again.replaced_embedder == HashingEmbedder().name
    assert again.added == first.total and again.unchanged == 0
    collection = variant.store.open("catalog", "mini")
    assert collection.info["embedder"] == Variant().name and collection.info["state"] == "ready"
    record = next(iter(collection.get(embeddings=True, documents=True, limit=1)))
    from recchat.catalog.items import embed_text
    from recchat.catalog.record import stored_item

    expected = Variant().embed([embed_text(stored_item(record.metadata))])[0]
    assert np.allclose(record.embedding, expected, atol=1e-5), "vectors of the new variant, not the old"
    assert import_catalog(variant.store, variant.embedder, mini_catalog, "mini").replaced_embedder == ""


def test_reading_a_catalog_of_another_variant_says_how_to_fix_it(home: Path, mini_catalog: Path) -> None:
    plain = Runtime(settings_for(home))
    import_catalog(plain.store, plain.embedder, mini_catalog, "mini")
    with pytest.raises(StoreError) as refused:
        Runtime(settings_for(home), embedder=Variant()).catalog("mini")
    assert "another variant of the same model" in refused.value.message
    assert f"catalog add {mini_catalog.resolve()} --name mini" in (refused.value.hint or "")
    assert 'embedder_precision = "float32"' in (refused.value.hint or "")


def test_another_model_is_refused_and_the_catalog_left_as_it_was(home: Path, mini_catalog: Path) -> None:
    plain = Runtime(settings_for(home))
    import_catalog(plain.store, plain.embedder, mini_catalog, "mini")
    other = Runtime(settings_for(home), embedder=HashingEmbedder(dimension=128))
    with pytest.raises(StoreError):
        import_catalog(other.store, other.embedder, mini_catalog, "mini")
    assert plain.store.open("catalog", "mini").info["embedder"] == HashingEmbedder().name
    assert len(Runtime(settings_for(home)).catalog("mini").index) > 0


def test_a_profile_of_another_variant_is_embedded_again_from_its_words(home: Path, mini_catalog: Path) -> None:
    plain = Runtime(settings_for(home))
    import_catalog(plain.store, plain.embedder, mini_catalog, "mini")
    plain.session(catalog="mini").handle("space adventure with robots", explain=False)
    plain.session(catalog="mini").handle("nothing scary please", explain=False)
    before = plain.profile_store().all()
    assert len(before) >= 2
    variant = Variant()
    after = Runtime(settings_for(home), embedder=variant).profile_store().all()
    assert [e.utterance for e in after] == [e.utterance for e in before], "no entry lost or changed"
    for entry in after:
        assert np.allclose(entry.vector, variant.embed([entry.utterance.text])[0], atol=1e-5)
    info = Runtime(settings_for(home), embedder=variant).store.open("profile", "default").info
    assert info["embedder"] == variant.name


@pytest.mark.real
def test_the_default_embedder_runs_an_int8_copy_close_to_the_float_model(tmp_path: Path) -> None:
    from recchat.embed.onnx import OnnxEmbedder, export_dir
    from recchat.embed.onnx_export import CHECK_TEXTS
    from recchat.embed.quantize import MAX_COSINE_GAP, QUANTIZED_FILE

    cache = tmp_path / "onnx"
    int8 = OnnxEmbedder.default(cache)
    full = OnnxEmbedder.default(cache, precision="float32")
    texts = [*CHECK_TEXTS, "a funny heist movie like Ocean's Eleven, nothing scary"]
    fast, exact = int8.embed(texts), full.embed(texts)
    assert int8.runtime == "onnxruntime int8" and full.runtime == "onnxruntime"
    assert int8.name == full.name + "+int8"
    assert np.min(np.sum(fast * exact, axis=1)) >= 1 - MAX_COSINE_GAP
    assert (export_dir(cache, int8.path) / QUANTIZED_FILE).exists(), "made once, beside the export"
    later = OnnxEmbedder.default(cache)
    assert later.name == int8.name and later._runner is None, "the name is known without loading the model"
