"""Built-in readers: each a plugin on the ``orgcheck_load`` hook."""
