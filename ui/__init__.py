"""Gradio chat UI over the rag HTTP API (imports nothing from the rag package)."""
