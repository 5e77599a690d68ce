"""Front-ends: each translates its own input and output to and from the answer engine, nothing more."""
