"""Rendering templates that staff write: bounded in work, size, memory and time.

Staff edit the text of messages (notifications) and of the Positive Requirement Report
(engagement). Jinja's sandbox already keeps a template from reaching the server's objects; it
does not keep one from working for ever (``{% for a in range(100000) %}{% for b in
range(100000) %}``), from making a huge value (``'x' * 10**9``) or from failing with an error
nobody expected (``range(10**9)`` is an ``OverflowError``). Every staff-written template is
rendered here, in two layers:

1. :class:`BoundedEnvironment`, the sandbox with budgets. Every loop iteration, call, filter and
   arithmetic step spends from a budget of ``Limits.steps``, charged by the size of what it
   handles; ``range``, repetition, concatenation, powers and format widths that would make a
   value longer than ``Limits.size`` are refused before it is made; the output stops at
   ``Limits.output`` characters. So a template that would do too much is refused quickly with
   a :class:`TemplateProblem` that says why.
2. The rendering runs in a separate **renderer process**, never on the event loop nor in the
   calling process: the caller waits (in a thread of its own, so the event loop keeps serving
   ``/healthz`` and every other request) for at most ``Limits.seconds``; a renderer that has not
   answered by then is killed and replaced, and the template refused. The renderer's address
   space is capped (``Limits.memory_bytes``), so a memory bomb ends in a refusal too.

Why a process and not only a thread: a thread cannot be stopped. The budgets make every
template we know of terminate quickly, but a wall clock around a thread could only stop
*waiting*; a template that slipped past the budgets would go on using a core (and the GIL)
after its request had been answered. A process can be killed, so the wall clock is a real limit
and the budgets are what give clear messages. The price is one round trip through a pipe per
render (a fraction of a millisecond; compiled templates are cached in the renderer) and one
small process per service process, started on first use.

A render is a mapping of named sources (``subject``, ``body``, ``html``) rendered with the same
values; a problem names the source it is in, so the HTTP edge answers a 422 on that field.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import pickle
import re
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment


@dataclass(frozen=True)
class Limits:
    """How much one render may do."""

    steps: int = 200_000
    """Loop iterations, calls, filters and operations, each charged by the size it handles."""
    size: int = 100_000
    """The longest string, list or range a template may make (and the widest format width)."""
    output: int = 200_000
    """Characters of output, all sources together."""
    seconds: float = 2.0
    """Wall-clock limit of one render; past it the renderer is killed."""
    memory_bytes: int = 768 * 1024 * 1024
    """Address space of the renderer process."""


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Style:
    """How a kind of template renders."""

    autoescape: bool = False
    """HTML templates escape what they insert; plain text (email, SMS, letters) does not."""
    blank_none: bool = False
    """A value of None renders as nothing rather than ``None``."""
    keep_trailing_newline: bool = False


TEXT = Style(autoescape=False, blank_none=True, keep_trailing_newline=True)
"""Plain-text messages: no escaping; a field with no value yet renders as nothing."""
HTML = Style(autoescape=True)
"""HTML documents: everything inserted is escaped."""


class TemplateProblem(ValueError):
    """A template that cannot be rendered: which source (``field``) and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class _TooMuch(TemplateError):
    """A budget of the sandbox is spent (a TemplateError, so callers handle it like any other)."""


# --- the sandbox with budgets -------------------------------------------------------------

_COUNTED = "_asb_counted"
"""The filter every ``for`` loop's iterable is wrapped in (see ``_parse``)."""
_SEQUENCES = (str, bytes, list, tuple, dict, set, frozenset, range)
_MAX_INT_BITS = 4096
# A printf or format spec asking for a width or precision of six digits or more, or taking one
# from its arguments (``*`` in printf style, a nested field in str.format).
_WIDE_SPEC = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?:\d{6,}|\*|\d*\.(?:\d{6,}|\*))"  # printf: %1000000d, %*d, %.*f
    r"|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}"  # str.format: {:>1000000}
    r"|\{[^{}]*\{"  # str.format with a nested field: {:{}}
)


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.steps

    def spend(self, amount: int = 1) -> None:
        self.left -= amount
        if self.left < 0:
            raise _TooMuch(
                f"the template does too much work (more than {self.limits.steps:,} steps: "
                "loops too long or nested too deep)"
            )


_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _current() -> _Budget:
    budget = _budget.get(None)
    if budget is None:  # a render outside render_here: the default budget, for this one call
        budget = _Budget(DEFAULT_LIMITS)
        _budget.set(budget)
    return budget


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SEQUENCES) else 0


def _refuse_long(length: int, what: str, limits: Limits) -> None:
    if length > limits.size:
        raise _TooMuch(f"{what} would be too long ({length:,} > {limits.size:,})")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with budgets on work and size (see the module's notes).

    Undefined names are errors (``StrictUndefined``): a typo fails when a template is saved,
    not when a message is due. Render with :func:`render_here` (in this process) or
    :func:`render` (in the renderer process, with the wall clock)."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "/", "//"})

    def __init__(self, style: Style = TEXT, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=style.autoescape,
            keep_trailing_newline=style.keep_trailing_newline,
            finalize=_blank_none if style.blank_none else None,
        )
        self.limits = limits
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # placeholder text of any length: no use in a real template
        self.filters = {name: self._bounded(f) for name, f in self.filters.items()}
        self.filters[_COUNTED] = self._counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Every loop iterates through the budget, whatever it iterates over.
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
        return tree

    def _counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _current()
        for item in iterable:
            budget.spend()
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        try:
            length = len(numbers)
        except OverflowError:
            length = sys.maxsize
        _refuse_long(length, "range()", self.limits)
        _current().spend(1 + length // 16)
        return numbers

    def _bounded(self, f: Callable[..., Any]) -> Callable[..., Any]:
        # A filter's value comes after the context or environment it may be passed.
        skip = 2 if getattr(f, "jinja_pass_arg", None) is not None else 1

        @functools.wraps(f)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self._check_arguments(args[skip:], kwargs)
            _current().spend(1 + sum(_size(a) for a in args[:skip]))
            if f.__name__ == "do_format" and isinstance(args[0], str):
                self._check_spec(args[0])
            result = f(*args, **kwargs)
            if isinstance(result, Iterator):  # map, select, batch...: each item costs a step
                return self._counted(result)
            _refuse_long(_size(result), "a filter's result", self.limits)
            return result

        return bounded

    def _check_arguments(self, args: Iterable[Any], kwargs: Mapping[str, Any]) -> None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and abs(value) > self.limits.size:
                raise _TooMuch(f"a number too large ({value:,}) to be passed here")

    def _check_spec(self, spec: str) -> None:
        if _WIDE_SPEC.search(spec):
            raise _TooMuch("format widths and precisions are limited to five digits")

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self._current_call(obj, args, kwargs)
        result = super().call(context, obj, *args, **kwargs)
        _refuse_long(_size(result), "a call's result", self.limits)
        return result

    def _current_call(self, obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        owner = getattr(obj, "__self__", None)
        _current().spend(1 + _size(owner) + sum(_size(a) for a in (*args, *kwargs.values())))
        if isinstance(owner, str):  # center(), ljust(), zfill()...: widths within bounds
            self._check_arguments(args, kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        self._check_spec(value.__self__)
        return wrapper

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limits = self.limits
        _current().spend(1 + _size(left) + _size(right))
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int):
                    _refuse_long(len(seq) * max(times, 0), "repeating this", limits)
        elif operator == "+" and _size(left) and _size(right):
            _refuse_long(len(left) + len(right), "joining these", limits)
        elif operator == "%" and isinstance(left, str):
            self._check_spec(left)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and abs(left).bit_length() * right > _MAX_INT_BITS:
                raise _TooMuch(f"{left} ** {right} is too large a number")
        try:
            result = super().call_binop(context, operator, left, right)
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise _TooMuch(f"cannot compute {operator}: {exc}") from exc
        if isinstance(result, int) and result.bit_length() > _MAX_INT_BITS:
            raise _TooMuch("the result is too large a number")
        return result


def _blank_none(value: Any) -> Any:
    return "" if value is None else value


def environment(style: Style = TEXT, limits: Limits = DEFAULT_LIMITS) -> BoundedEnvironment:
    """The environment for ``style``: for parsing and checking templates (``meta``)."""
    return _environment(style, limits)


@functools.lru_cache(maxsize=8)
def _environment(style: Style, limits: Limits) -> BoundedEnvironment:
    return BoundedEnvironment(style, limits)


@functools.lru_cache(maxsize=512)
def _compiled(style: Style, limits: Limits, source: str) -> Template:
    """A source compiled once (compiling costs far more than rendering); keyed by the source
    itself, so a template edited and saved is compiled afresh."""
    return _environment(style, limits).from_string(source)


def syntax_problem(field: str, source: str, style: Style = TEXT) -> TemplateProblem | None:
    """The problem with ``source``'s syntax, if it has one (parsing only, in this process:
    parsing is linear in the source, which the caller bounds)."""
    try:
        environment(style).parse(source)
    except TemplateSyntaxError as exc:
        return TemplateProblem(field, f"template syntax error on line {exc.lineno}: {exc.message}")
    return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TemplateSyntaxError):
        return f"template syntax error on line {exc.lineno}: {exc.message}"
    if isinstance(exc, MemoryError):
        return "the template needs too much memory"
    if isinstance(exc, RecursionError):
        return "the template calls itself too deeply"
    if isinstance(exc, TemplateError) and exc.message:
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def render_here(
    sources: Mapping[str, str],
    values: Mapping[str, Any],
    *,
    style: Style = TEXT,
    limits: Limits = DEFAULT_LIMITS,
) -> dict[str, str]:
    """Render each source with ``values`` in this process, within the budgets but without the
    wall clock or the memory cap: what the renderer process runs. Raises
    :class:`TemplateProblem` naming the source for any failure."""
    budget = _Budget(limits)
    token = _budget.set(budget)
    out: dict[str, str] = {}
    written = 0
    try:
        for name, source in sources.items():
            try:
                pieces: list[str] = []
                for piece in _compiled(style, limits, source).generate(dict(values)):
                    written += len(piece)
                    if written > limits.output:
                        raise _TooMuch(
                            f"the output would be too long (more than {limits.output:,} characters)"
                        )
                    pieces.append(piece)
                out[name] = "".join(pieces)
            except Exception as exc:  # everything a template can cause is its author's problem
                raise TemplateProblem(name, _describe(exc)) from None
    finally:
        _budget.reset(token)
    return out


# --- the renderer process -----------------------------------------------------------------

_HEADER = struct.Struct("!Q")
_READY = b"asb-templating-ready\n"


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError("the other end closed the pipe")
    return data


def serve(memory_bytes: int) -> None:
    """The renderer process's loop: read a job from stdin, answer on stdout, until stdin ends
    (its parent stopped). Jobs and answers are pickled; both ends are this module."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on every platform
        pass
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the answer pipe
    stdout.write(_READY)
    stdout.flush()
    while True:
        try:
            header = _read_exactly(stdin, _HEADER.size)
        except EOFError:
            return
        sources, values, style, limits = pickle.loads(
            _read_exactly(stdin, _HEADER.unpack(header)[0])
        )
        try:
            answer: tuple[Any, ...] = (
                "ok",
                render_here(sources, values, style=style, limits=limits),
            )
        except TemplateProblem as problem:
            answer = ("problem", problem.field, problem.message)
        except MemoryError:
            answer = ("problem", next(iter(sources), "template"), _describe(MemoryError()))
        _send(stdout, answer)


class _Renderer:
    """One renderer process, used by one render at a time."""

    def __init__(self, memory_bytes: int) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from asb_shared.templating import serve; serve({memory_bytes})",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self.stdin: IO[bytes] = self.process.stdin
        self.stdout = self.process.stdout
        self._wait_for(_READY, deadline=time.monotonic() + 30)

    def _read(self, size: int, deadline: float) -> bytes:
        fd = self.stdout.fileno()
        data = b""
        while len(data) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, size - len(data))
            if not chunk:
                raise EOFError("the renderer stopped")
            data += chunk
        return data

    def _wait_for(self, expected: bytes, deadline: float) -> None:
        if self._read(len(expected), deadline) != expected:
            raise EOFError("the renderer did not start")

    def ask(self, job: tuple[Any, ...], seconds: float) -> tuple[Any, ...]:
        _send(self.stdin, job)
        deadline = time.monotonic() + seconds
        size = _HEADER.unpack(self._read(_HEADER.size, deadline))[0]
        answer: tuple[Any, ...] = pickle.loads(self._read(size, deadline))
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.stdin, self.stdout):
            stream.close()


@dataclass
class RendererPool:
    """Renderer processes, started when first needed and kept for the next render; at most
    ``size`` renders at once (the rest wait their turn, off the event loop)."""

    size: int = 2
    _idle: list[_Renderer] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _executor: ThreadPoolExecutor | None = None

    def _take(self, memory_bytes: int) -> _Renderer:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Renderer(memory_bytes)

    def _give_back(self, renderer: _Renderer) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(renderer)
                return
        renderer.stop()

    def run(
        self, sources: Mapping[str, str], values: Mapping[str, Any], style: Style, limits: Limits
    ) -> dict[str, str]:
        """Render in a renderer process and wait for it at most ``limits.seconds`` (blocking)."""
        renderer = self._take(limits.memory_bytes)
        try:
            answer = renderer.ask((dict(sources), dict(values), style, limits), limits.seconds)
        except TimeoutError:
            renderer.stop()
            raise TemplateProblem(
                next(iter(sources), "template"),
                f"the template takes too long to render (more than {limits.seconds:g} s)",
            ) from None
        except (EOFError, OSError, pickle.UnpicklingError):
            renderer.stop()
            raise TemplateProblem(
                next(iter(sources), "template"),
                "the template stopped its renderer (too much memory or work)",
            ) from None
        self._give_back(renderer)
        if answer[0] == "problem":
            raise TemplateProblem(answer[1], answer[2])
        rendered: dict[str, str] = answer[1]
        return rendered

    async def render(
        self, sources: Mapping[str, str], values: Mapping[str, Any], style: Style, limits: Limits
    ) -> dict[str, str]:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="template")
            executor = self._executor
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, self.run, sources, values, style, limits)

    def close(self) -> None:
        """Stop the idle renderers (a busy one stops when its render ends or times out)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for renderer in idle:
            renderer.stop()


_POOL = RendererPool()


async def render(
    sources: Mapping[str, str],
    values: Mapping[str, Any],
    *,
    style: Style = TEXT,
    limits: Limits = DEFAULT_LIMITS,
) -> dict[str, str]:
    """Render each of ``sources`` with ``values`` in a renderer process, within the budgets,
    the memory cap and the wall clock; the event loop stays free. Raises
    :class:`TemplateProblem` naming the source for any failure."""
    return await _POOL.render(sources, values, style, limits)
