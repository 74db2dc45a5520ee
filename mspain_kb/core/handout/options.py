"""What the person printing a handout can choose, with the defaults a clinic starts from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

FONT_SIZES = (16, 18, 22)  # points; large print starts at 16
DEFAULT_FONT_SIZE = 16
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class HandoutOptions:
    """`font_size` is the body text size in points (one of FONT_SIZES). Promotional passages
    are left out unless `include_promotional`; the glossary holds the key terms that fit on
    one page unless `all_terms`. The clinic's name and phone are printed under the title
    when given. `date` is the date printed (today unless given)."""

    font_size: int = DEFAULT_FONT_SIZE
    include_promotional: bool = False
    all_terms: bool = False
    clinic_name: str = ""
    clinic_phone: str = ""
    date: datetime.date = field(default_factory=datetime.date.today)

    def __post_init__(self) -> None:
        if self.font_size not in FONT_SIZES:
            sizes = ", ".join(str(size) for size in FONT_SIZES)
            raise ValueError(f"the font size must be one of {sizes} (not {self.font_size})")
        object.__setattr__(self, "clinic_name", " ".join(self.clinic_name.split()))
        object.__setattr__(self, "clinic_phone", " ".join(self.clinic_phone.split()))

    def printed_date(self) -> str:
        """The date as people write it ("30 November 2026"), whatever the system's locale."""
        return f"{self.date.day} {_MONTHS[self.date.month - 1]} {self.date.year}"

    def clinic_line(self) -> str:
        """ "Name, phone 0123 456" (either part alone if only one is set), or ""."""
        if self.clinic_name and self.clinic_phone:
            return f"{self.clinic_name}, phone {self.clinic_phone}"
        if self.clinic_phone:
            return f"Phone {self.clinic_phone}"
        return self.clinic_name
