"""The ``orgcheck`` command group. Each command lives in a module of its own and is
imported only when it runs (or when help lists them all), so that ``orgcheck lint``
in a pre-commit hook does not pay for the views, the HTML report or their catalogs.
"""
from __future__ import annotations

import importlib
import os
import sys
import threading
from typing import Any

import click

from orgcheck import __version__
from orgcheck.cli.common import Command, debug_wanted, say
from orgcheck.i18n.runtime import LANGUAGES, N_, language_from_environment, set_language

#: command name -> "module:function"
COMMANDS = {
    "lint": "orgcheck.cli.lint:lint",
    "rules": "orgcheck.cli.rules:rules_command",
    "explain": "orgcheck.cli.explain:explain",
    "schema": "orgcheck.cli.schema:schema",
    "plugins": "orgcheck.cli.plugins_list:plugins_command",
    "stats": "orgcheck.cli.stats:stats",
    "diff": "orgcheck.cli.diff:diff",
    "history": "orgcheck.cli.history:history",
    "graph": "orgcheck.cli.graph:graph",
    "report": "orgcheck.cli.report:report",
    "import": "orgcheck.cli.import_command:import_command",
    "what-if": "orgcheck.cli.what_if:what_if",
}


def _safe_streams() -> None:
    """Standard output and error never fail on a character their encoding lacks
    (PYTHONIOENCODING=cp1252 and a name with an arrow): it is shown as an escape."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a TextIOWrapper (an embedding host)
            pass


#: the group's own options, which ruff users also write after the command
_GLOBAL_FLAGS = ("--debug",)
_GLOBAL_VALUES = ("--lang",)


def hoist_global_options(args: list[str]) -> list[str]:
    """``orgcheck lint --lang nl org.json`` as ``orgcheck --lang nl lint org.json``: the
    group's options move before the command, wherever they are (up to ``--``)."""
    hoisted: list[str] = []
    rest: list[str] = []
    command_seen = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.partition("=")[0]
        if command_seen and (arg in _GLOBAL_FLAGS or (name in _GLOBAL_VALUES and "=" in arg)):
            hoisted.append(arg)
        elif command_seen and arg in _GLOBAL_VALUES and i + 1 < len(args):
            hoisted += [arg, args[i + 1]]
            i += 1
        else:
            if not command_seen and arg in _GLOBAL_VALUES and i + 1 < len(args):
                rest += [arg, args[i + 1]]
                i += 2
                continue
            command_seen = command_seen or not arg.startswith("-")
            rest.append(arg)
        i += 1
    return hoisted + rest


class _Main(Command, click.Group):
    """The command group: any exception nobody expected is one line naming what
    failed, exit status 2 (1 means findings), the traceback only under --debug."""

    command_class = Command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Standard output is the report's alone (orgcheck/run/streams.py), and the user's
        # Ctrl-C is told from a KeyboardInterrupt a plugin raises (orgcheck/run/guard.py).
        from orgcheck.run import guard, streams

        if not streams.isolate():
            return super().main(*args, **kwargs)
        guard.watch_interrupts()
        try:
            return super().main(*args, **kwargs)
        except SystemExit as exc:
            # A thread a plugin started (not a daemon) would keep the process alive after
            # the report, for as long as it likes: once the report is out, the process ends.
            if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
                streams.finish()
                code = exc.code
                os._exit(code if isinstance(code, int) else 0 if code is None else 1)
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _sep, name = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `orgcheck --lang nl --help` prints its help while parsing, before main() runs:
        # the language is chosen from the arguments (or the locale) first.
        args = hoist_global_options(args)
        lang = None
        for i, arg in enumerate(args):
            if arg == "--lang" and i + 1 < len(args):
                lang = args[i + 1]
            elif arg.startswith("--lang="):
                lang = arg.split("=", 1)[1]
            if arg == "--" or not arg.startswith("-") or lang:
                break
        set_language(lang if lang in LANGUAGES else language_from_environment())
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        _safe_streams()
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            say("orgcheck: interrupted")
            sys.exit(130)
        except BrokenPipeError:
            # `orgcheck rules | head`: the reader has all it wanted; end quietly.
            from orgcheck.io.safe_io import silence_stdout

            silence_stdout()
            sys.exit(0)
        except SystemExit:
            raise
        except BaseException as exc:  # GeneratorExit or a class of a plugin's own that got this far
            if debug_wanted() or (ctx.obj or {}).get("debug"):
                import traceback

                traceback.print_exc()
            command = ctx.invoked_subcommand or "orgcheck"
            text = str(exc)
            if len(text) > 300:
                text = text[:297] + "..."
            say(f"orgcheck: error: {command} failed: {type(exc).__name__}"
                + (f": {text}" if text else "")
                + ("" if debug_wanted() else " (run with --debug for the traceback)"))
            sys.exit(2)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="orgcheck", message="%(prog)s %(version)s")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help=N_("Language of messages and docs (default: the config's lang, else the locale: "
                   "LANG=nl_NL.UTF-8 is Dutch, else English). Rule codes and names never change."))
@click.option("--debug", is_flag=True,
              help=N_("Show the traceback of an unexpected error (also ORGCHECK_DEBUG=1)."))
@click.pass_context
def main(ctx: click.Context, lang: str | None, debug: bool) -> None:
    """Lint organization designs: spans and layers, vertical control, feedback
    loops, professional roles and self-organizing teams."""
    ctx.obj = {"debug": debug}
    if debug:
        os.environ["ORGCHECK_DEBUG"] = "1"
    # The locale now; a command that reads a config may still choose its `lang` (below).
    set_language(lang or language_from_environment())
