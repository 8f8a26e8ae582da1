"""Settings read from the environment, each declared once with its default and what it means (README lists them)."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    env: str
    default: float
    help: str

    def value(self) -> float:
        """The environment's value when it is a positive number, else the default."""
        try:
            number = float(os.environ.get(self.env, ""))
        except ValueError:
            return self.default
        return number if number > 0 else self.default


SESSION_IDLE_MINUTES = Setting("TRACKING_SESSION_IDLE_MINUTES", 30, "a session unused this long ends (minutes)")
SESSION_MAX_HOURS = Setting("TRACKING_SESSION_MAX_HOURS", 12, "a session ends this long after sign-in, used or not (hours)")
SIGNIN_MAX_FAILURES = Setting("TRACKING_SIGNIN_MAX_FAILURES", 5, "wrong passwords for one user name before it is locked")
SIGNIN_LOCK_MINUTES = Setting("TRACKING_SIGNIN_LOCK_MINUTES", 15,
                              "the failures are counted over, and the lock lasts, this many minutes")

SIGNIN_MAX_PER_ADDRESS = Setting("TRACKING_SIGNIN_MAX_PER_ADDRESS", 20,
                                 "failed or refused sign-ins from one client address (any names) before that address "
                                 "is refused for the lock window")
SIGNIN_CONCURRENT_CHECKS = Setting("TRACKING_SIGNIN_CONCURRENT_CHECKS", 4,
                                   "password checks run at once (argon2 takes 64 MiB each; the rest wait their turn)")

SETTINGS = (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, SIGNIN_MAX_FAILURES, SIGNIN_LOCK_MINUTES, SIGNIN_MAX_PER_ADDRESS,
            SIGNIN_CONCURRENT_CHECKS)
