"""claims: attributed claims and quotes from news articles, in SQLite, browsed with Datasette."""

__version__ = "0.1.0"
