"""Retrieval-augmented question answering over Chinese government work reports."""

__version__ = "0.1.0"
