"""The rule families that ship with orgcheck, each an ordinary plugin module
registered through the ``orgcheck`` entry-point group (installed as ``orgcheck_plugins``)."""
