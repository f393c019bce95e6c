"""Splitting a person's name for carriers that want first and last name apart."""

from __future__ import annotations

# Lower-case name particles: a name that starts with one has no first name ("van Dijk").
PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "in",
        "'t",
        "op",
        "aan",
        "la",
        "le",
        "du",
        "von",
        "zu",
        "vom",
        "zum",
        "di",
        "da",
        "del",
        "dos",
        "des",
        "van't",
        "d'",
    }
)


def split_person_name(full_name: str) -> tuple[str, str]:
    """('Jan', 'van der Berg') from 'Jan van der Berg'; the last name is never empty."""
    parts = full_name.split()
    if not parts:
        return "", ""
    if len(parts) == 1 or parts[0].lower() in PARTICLES:
        return "", " ".join(parts)
    return parts[0], " ".join(parts[1:])
