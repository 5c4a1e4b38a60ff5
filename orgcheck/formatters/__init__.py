"""Built-in output formats: each a plugin implementing ``orgcheck_formatters``."""
