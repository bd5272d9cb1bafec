"""`python -m eventscope` runs the CLI."""
from .cli import main

main()
