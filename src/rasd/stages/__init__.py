"""Pipeline stages, one module each, each a function from typed input to typed output."""
