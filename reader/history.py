"""Back and forward navigation over section ids, as in a web browser."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class History:
    limit: int = 200
    _back: list[str] = field(default_factory=list)
    _forward: list[str] = field(default_factory=list)
    current: str | None = None

    def visit(self, section_id: str) -> None:
        """Record a new page; going somewhere new clears the forward list."""
        if section_id == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self.limit]
        self._forward.clear()
        self.current = section_id

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> str | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> str | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    def entries(self) -> list[str]:
        """Back entries and the current page, oldest first (what is saved between runs)."""
        return [*self._back, *([self.current] if self.current else [])]

    @classmethod
    def restore(cls, entries: list[str]) -> History:
        history = cls()
        for entry in entries:
            history.visit(entry)
        return history
