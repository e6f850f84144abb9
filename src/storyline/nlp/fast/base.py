"""The base of every drop-in: a wrapped spaCy component whose annotating is done here."""
from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["DropIn"]


class DropIn:
    """A wrapped spaCy component: annotating is done here, everything else (attributes, error
    handler, serialisation) is the wrapped component's, so a saved pipeline is spaCy's own."""

    def __init__(self, name: str, wrapped) -> None:
        self.name = name
        self.wrapped = wrapped
        self._rebuild()

    def __getstate__(self) -> dict:        # derived tables may hold closures: rebuilt after unpickling
        return {"name": self.name, "wrapped": self.wrapped}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["name"], state["wrapped"])

    def __getattr__(self, name: str):
        # anything not defined here (labels, cfg, lookups, patterns, add ...) is the wrapped component's
        if name == "wrapped" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.wrapped, name)

    def _rebuild(self) -> None:
        """Derive what the drop-in needs from the wrapped component (again after it changed)."""

    def _stale(self) -> bool:
        """Whether the wrapped component changed since :meth:`_rebuild` (e.g. rules added)."""
        return False

    def _annotate(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if self._stale():
            self._rebuild()
        try:
            return self._annotate(doc)
        except Exception as e:  # noqa: BLE001  (handed to spaCy's error handler, as spaCy's pipes do)
            return self.wrapped.get_error_handler()(self.name, self, [doc], e)

    def pipe(self, docs, *, batch_size: int = 128):
        """:meth:`Pipe.pipe`: each doc in turn, errors to the component's error handler."""
        error_handler = self.wrapped.get_error_handler()
        for doc in docs:
            try:
                yield self(doc)
            except Exception as e:  # noqa: BLE001
                error_handler(self.name, self, [doc], e)

    # serialisation and initialisation: the wrapped component's, then the derived tables again
    def to_disk(self, path, *, exclude=()) -> None:
        return self.wrapped.to_disk(path, exclude=exclude)

    def to_bytes(self, *, exclude=()) -> bytes:
        return self.wrapped.to_bytes(exclude=exclude)

    def from_disk(self, path, *, exclude=()):
        self.wrapped.from_disk(path, exclude=exclude)
        self._rebuild()
        return self

    def from_bytes(self, bytes_data: bytes, *, exclude=()):
        self.wrapped.from_bytes(bytes_data, exclude=exclude)
        self._rebuild()
        return self

    def initialize(self, *args, **kwargs):
        result = self.wrapped.initialize(*args, **kwargs)
        self._rebuild()
        return result
