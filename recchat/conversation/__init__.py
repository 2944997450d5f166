"""What the person means: titles and people named, constraints, references to what was shown,
the state of the conversation, and whether to ask or to suggest."""
