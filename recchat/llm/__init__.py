"""Chat models behind one small protocol: `ChatModel.stream(messages) -> Iterator[str]`."""
