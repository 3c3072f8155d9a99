"""The 1M-dossier generator behind bench/generate.py, one idea per module."""
