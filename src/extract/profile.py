"""Layout profiles: a small TOML file that overrides what the table stage infers.

    # profile.toml
    identifier = "Rec no"                  # label of the identifier column
    inherit = ["owner", "response"]        # column keys that may inherit a merged cell
    paragraphs = "single"                  # plain cells: "two-spaces" (default) or "single"
    [labels]                               # header label -> column key
    "What we will do" = "response"

Every field is optional; what a profile leaves out is inferred as usual. A profile
that does not fit the document is an error naming the mismatch.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from extract.errors import ProfileError

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

#: The largest profile file read: a real one is a few hundred bytes, and TOML's parser is slow
#: (quadratic, deeply recursive) on hostile input that a bound on size keeps small.
MAX_PROFILE_BYTES = 4096


class Profile(BaseModel):
    """A layout profile: what the table and stitch stages take as given instead of inferring it."""

    # Built on first validation: most runs use no profile, and building a model costs start-up time.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    identifier: str | None = None
    """The header label of the identifier column."""
    inherit: tuple[str, ...] | None = None
    """Column keys that may inherit a vertically merged cell from the row above."""
    paragraphs: Literal["two-spaces", "single"] = "two-spaces"
    """In a cell without block tags: two or more spaces separate paragraphs, or the cell is one paragraph."""
    labels: dict[str, str] = {}
    """Header label -> column key."""

    @property
    def split_gaps(self) -> bool:
        """Whether two or more spaces separate paragraphs in a cell without block tags."""
        return self.paragraphs == "two-spaces"

    @field_validator("labels")
    @classmethod
    def _keys_are_snake_case(cls, value: dict[str, str]) -> dict[str, str]:
        for label, key in value.items():
            if not _SNAKE_CASE.fullmatch(key):
                raise ValueError(f"label {label!r} maps to {key!r}, which is not a snake_case key")
        return value

    @classmethod
    def resolve(cls, profile: Profile | dict[str, object] | str | os.PathLike[str] | None) -> Profile:
        """A Profile from None (infer everything), a dict, a TOML file's path, or a Profile."""
        if profile is None:
            return _INFER_ALL
        if isinstance(profile, Profile):
            return profile
        import tomllib  # only a profile file needs it

        name = "<profile>"
        if not isinstance(profile, (dict, str, os.PathLike)):
            raise ProfileError(f"a profile is a Profile, a dict or a TOML file's path, got {type(profile).__name__}",
                               file=name)
        try:
            if not isinstance(profile, dict):
                name = str(profile)
                with Path(profile).open("rb") as stream:
                    data = stream.read(MAX_PROFILE_BYTES + 1)
                if len(data) > MAX_PROFILE_BYTES:
                    raise ProfileError(f"the profile is over {MAX_PROFILE_BYTES:,} bytes: not a layout profile",
                                       file=name)
                profile = tomllib.loads(data.decode("utf-8"))
            return cls.model_validate(profile)
        except ProfileError:
            raise
        except OSError as exc:
            raise ProfileError(f"cannot read the profile: {exc.strerror or exc}", file=name) from None
        except UnicodeDecodeError as exc:
            raise ProfileError(f"the profile is not UTF-8 text (byte offset {exc.start})", file=name) from None
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(f"the profile is not valid TOML: {exc}", file=name) from None
        except RecursionError:
            raise ProfileError("the profile is not a layout profile: its values are nested too deeply",
                               file=name) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ProfileError(f"the profile's {where or 'content'}: {first['msg']}", file=name) from None
        except ValueError as exc:  # TOML that tomllib cannot turn into values (a 5,000-digit integer)
            detail = " ".join(str(exc).split())[:120]
            raise ProfileError(f"the profile is not valid TOML: {detail}", file=name) from None


#: The empty profile: every field at its default, which needs no validation (and so no model build).
_INFER_ALL = Profile.model_construct()
