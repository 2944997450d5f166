"""recchat: an offline conversational recommender for the terminal."""

__version__ = "0.1.0"
