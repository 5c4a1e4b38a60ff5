"""placeholder: being written"""
import orgcheck


@orgcheck.hookimpl
def orgcheck_rules():
    return []
