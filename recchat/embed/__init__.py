"""Text embedders behind one small protocol: `Embedder.embed(texts) -> vectors`."""
