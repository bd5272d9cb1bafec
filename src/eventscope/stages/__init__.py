"""Pipeline stages, one module each; see `eventscope.pipeline.STAGES` for the order."""
