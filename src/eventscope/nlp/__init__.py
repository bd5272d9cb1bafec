"""What every stage shares: loading the spaCy model, bounded tree walks, offsets <-> tokens."""
