"""The load benchmark: `python -m bench.run` (what `make bench` runs). See bench/run.py."""
