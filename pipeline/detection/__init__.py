"""Alert confirmation: is this alert a real, sustained problem or a harmless spike?

Pure decisions over typed metric slices (no I/O). One module per rule family; ``confirm``
combines them into a ``Verdict`` whose evidence is shown in the pull request body, and
``sweep`` finds the thresholds a service crosses right now.
"""
