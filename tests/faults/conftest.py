from tests.ui.conftest import launch

__all__ = ["launch"]
