"""newsdesk: who said what, about whom, where and when."""

from __future__ import annotations

__version__ = "0.1.0"
