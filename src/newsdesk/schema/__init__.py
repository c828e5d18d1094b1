"""The JSON Schema of the analysis format, shipped with the package."""
