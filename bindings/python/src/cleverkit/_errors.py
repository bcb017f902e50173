"""``str()`` of every ``CleverError`` is the core's sentence; ``repr()`` keeps the fields.

UniFFI's generated exceptions carry a field dump as their message (``detail='…',
request_id='…'``) and their ``repr()`` wraps ``str()``. The sentence is written once, in the
Rust core: ``error_message`` (exported by the FFI) returns it for any variant.
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["install"]


def install(module: ModuleType) -> None:
    """Hooks ``str()`` and ``repr()`` of the generated ``CleverError`` of ``module``."""
    base = module.CleverError

    def sentence(error: BaseException) -> str:
        text: str = module.error_message(error)
        return text

    def fields(error: BaseException) -> str:
        # The generated message is the variant's fields, `detail='…', request_id='…'`.
        return f"CleverError.{type(error).__name__}({Exception.__str__(error)})"

    base.__str__ = sentence
    for variant in base.__subclasses__():
        variant.__repr__ = fields
