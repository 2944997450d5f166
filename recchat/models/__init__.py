"""The chat models already on this machine: GGUF files that Ollama, LM Studio, llama.cpp or the
Hugging Face hub downloaded, found where each keeps them and read in place (headers only)."""
