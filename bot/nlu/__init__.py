"""Rasa server NLU components of our own (the pipeline in config.yml names them)."""
