"""Errors with messages meant for the person at the keyboard."""


class RagError(Exception):
    """Base class: the message is shown as is, in one line."""


class CorpusError(RagError):
    """The corpus cannot be read: missing, empty, binary or undecodable."""


class UnreadableDocument(CorpusError):
    """One file of a supported format cannot be read whole (encrypted, scanned, damaged, no article):
    a build skips it with a warning and indexes the others."""


class IndexStateError(RagError):
    """The index is missing, corrupt, or built with other settings."""


class EmbedderError(RagError):
    """The embedder name is unknown or its backend is not installed."""


class QuestionError(RagError):
    """The question (or topic) is empty, too long or not text."""


class CorpusWarning(UserWarning):
    """A corpus file that is read, but maybe not as its author wrote it (or skipped): the message names it."""
