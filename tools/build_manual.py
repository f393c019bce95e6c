"""Build the owner's manual: docs/manual/<lang>/*.md → resources/manual/<lang>/.

`python tools/build_manual.py` (or `make manual`) writes, per language, `index.html` (the
chapters in file-name order as one page, with its table of contents), `toc.json` (the headings
the app's Help → Manual window lists) and `images/` (the screenshots the chapters show, scaled
down). Up to date when nothing it reads changed (`manual.json` keeps their fingerprint).

It refuses a manual the app could not link into: a heading without an explicit `{#id}`, an id
twice, a link to an id that is not there, or a picture that does not exist. docs/manual/README.md
holds the writing rules; tests/test_manual.py the checks across languages and the app's links.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs" / "manual"
OUT = ROOT / "resources" / "manual"
LANGUAGES = ("en", "nl")
# Wide enough to read the app's own text in a screenshot, narrow enough for the manual window.
MAX_IMAGE_WIDTH = 780
TITLES = {"en": "ShipDesk manual", "nl": "Handleiding ShipDesk"}
CONTENTS = {"en": "Contents", "nl": "Inhoud"}

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([a-z0-9]+(?:-[a-z0-9]+)*)\})?\s*$")
FENCE = re.compile(r"^(```|~~~)")
LINK_TARGET = re.compile(r"\]\(#([^)\s]*)\)")
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
UNDERLINE = re.compile(r"^(=+|-+)\s*$")  # a heading written with a line under it
RESERVED_IDS = {"contents"}  # the page's own table of contents

# What a browser shows; the app's window (a QTextBrowser) takes the subset it knows.
STYLE = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; line-height: 1.45;
       max-width: 58em; margin: 1.5em auto; padding: 0 1em; color: #1d1d1f; }
h1 { border-bottom: 1px solid #d0d0d0; padding-bottom: .2em; margin-top: 2em; }
h2 { margin-top: 1.6em; }
img { max-width: 100%; border: 1px solid #d0d0d0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top; }
blockquote { background: #f3f6fa; border-left: 4px solid #5b8bd0; margin: 1em 0;
             padding: .4em 1em; }
code { background: #f2f2f2; }
nav#contents ul { list-style: none; padding-left: 1.2em; }
"""


class ManualError(Exception):
    """The sources hold something the app could not link into or show."""


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str
    source: str  # "en/02-connections.md:14", for messages


@dataclass
class Language:
    """One language's chapters as the build reads them."""

    code: str
    chapters: list[Path]
    headings: list[Heading] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (target id, where)
    images: list[tuple[Path, str]] = field(default_factory=list)  # (file, where)

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.headings]


def read_language(code: str, source: Path = SOURCE) -> Language:
    """The chapters of one language, with their headings, links and pictures (unchecked)."""
    folder = source / code
    language = Language(code, sorted(folder.glob("*.md")))
    for chapter in language.chapters:
        in_fence = False
        previous = ""
        for number, line in enumerate(chapter.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{code}/{chapter.name}:{number}"
            if FENCE.match(line):
                in_fence = not in_fence
            if in_fence:
                continue
            heading = HEADING.match(line)
            if heading:
                level, title, anchor = heading.groups()
                language.headings.append(Heading(len(level), anchor or "", title, where))
            elif UNDERLINE.match(line) and previous.strip() and not previous.startswith("|"):
                # Markdown makes the line above a heading, which could carry no id.
                language.headings.append(Heading(1 if line[0] == "=" else 2, "", previous, where))
            language.links += [(target, where) for target in LINK_TARGET.findall(line)]
            for image in PICTURE.findall(line):
                language.images.append(((folder / image).resolve(), where))
            previous = line
    return language


def problems(language: Language) -> list[str]:
    """What keeps one language's manual from being built, one line each."""
    found = []
    if not language.chapters:
        found.append(f"{language.code}: no chapters in docs/manual/{language.code}/")
    seen: set[str] = set()
    for heading in language.headings:
        if not heading.id:
            found.append(f"{heading.source}: heading “{heading.title}” has no {{#id}}")
        elif heading.id in seen:
            found.append(f"{heading.source}: the id #{heading.id} is used twice")
        elif heading.id in RESERVED_IDS:
            found.append(f"{heading.source}: the id #{heading.id} is the page's own")
        seen.add(heading.id)
    for target, where in language.links:
        if target not in seen:
            found.append(f"{where}: the link to #{target} goes to no heading")
    for image, where in language.images:
        if not image.is_file():
            found.append(f"{where}: the picture {image} does not exist")
    return found


class _Pictures(Treeprocessor):
    """Points each picture at images/<name>, and notes the file to copy there."""

    def __init__(self, md: markdown.Markdown, folder: Path, wanted: dict[str, Path]) -> None:
        super().__init__(md)
        self.folder = folder
        self.wanted = wanted

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            path = (self.folder / image.get("src", "")).resolve()
            name = path.name
            if self.wanted.setdefault(name, path) != path:
                raise ManualError(f"two pictures are called {name}: {self.wanted[name]}, {path}")
            image.set("src", f"images/{name}")


class _PictureExtension(Extension):
    def __init__(self, folder: Path, wanted: dict[str, Path]) -> None:
        super().__init__()
        self.folder = folder
        self.wanted = wanted

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Pictures(md, self.folder, self.wanted), "shipdesk_pics", 0)


def to_html(language: Language, source: Path) -> tuple[str, list[dict], dict[str, Path]]:
    """The page's body, its table of contents and the pictures it shows."""
    pictures: dict[str, Path] = {}
    converter = markdown.Markdown(
        extensions=[
            "attr_list",  # {#id} on headings
            "tables",
            "sane_lists",
            "fenced_code",
            "toc",
            _PictureExtension(source / language.code, pictures),
        ],
        extension_configs={"toc": {"toc_depth": "1-3"}},
    )
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in language.chapters)
    body = converter.convert(text)
    toc = [_toc_entry(token) for token in converter.toc_tokens]  # type: ignore[attr-defined]
    return body, toc, pictures


def _toc_entry(token: dict) -> dict:
    return {
        "id": token["id"],
        "title": html.unescape(token["name"]),
        "children": [_toc_entry(child) for child in token["children"]],
    }


def _contents(toc: list[dict]) -> str:
    if not toc:
        return ""
    items = "".join(
        f'<li><a href="#{e["id"]}">{html.escape(e["title"])}</a>{_contents(e["children"])}</li>'
        for e in toc
    )
    return f"<ul>{items}</ul>"


def page(code: str, body: str, toc: list[dict]) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{code}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{TITLES[code]}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<p class="title"><b>{TITLES[code]}</b></p>\n'
        f'<nav id="contents"><h2>{CONTENTS[code]}</h2>{_contents(toc)}</nav>\n'
        f"{body}\n</body>\n</html>\n"
    )


def save_picture(source: Path, target: Path) -> None:
    """The screenshot at most MAX_IMAGE_WIDTH wide, in 256 colours (a screen's flat colours
    lose nothing visible; a fifth of the bytes), as a PNG: the one bitmap format Qt reads
    without a plugin, so the frozen app shows it too. Pillow is here already, for reportlab."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(source).convert("RGB")
    except (OSError, UnidentifiedImageError) as error:
        raise ManualError(f"{source} is not a picture: {error}") from error
    if image.width > MAX_IMAGE_WIDTH:
        height = round(image.height * MAX_IMAGE_WIDTH / image.width)
        image = image.resize((MAX_IMAGE_WIDTH, height), Image.Resampling.LANCZOS)
    image = image.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(target, "PNG", optimize=True)


def fingerprint(source: Path = SOURCE) -> str:
    """Of everything the build reads: the chapters, the pictures they show and this script."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for code in LANGUAGES:
        language = read_language(code, source)
        for path in language.chapters + sorted({image for image, _ in language.images}):
            digest.update(path.name.encode())
            digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()


def build(out: Path = OUT, source: Path = SOURCE) -> dict[str, dict]:
    """Builds every language into `out`; returns what it wrote per language."""
    languages = [read_language(code, source) for code in LANGUAGES]
    found = [line for language in languages for line in problems(language)]
    if found:
        raise ManualError("\n".join(found))
    written = {}
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    for language in languages:
        folder = staging / language.code
        (folder / "images").mkdir(parents=True)
        body, toc, pictures = to_html(language, source)
        (folder / "index.html").write_text(page(language.code, body, toc), encoding="utf-8")
        (folder / "toc.json").write_text(json.dumps(toc, ensure_ascii=False, indent=1), "utf-8")
        for name, path in sorted(pictures.items()):
            save_picture(path, folder / "images" / name)
        written[language.code] = {"ids": language.ids, "pictures": sorted(pictures)}
    (staging / "manual.json").write_text(
        json.dumps({"fingerprint": fingerprint(source), "languages": written}, indent=1), "utf-8"
    )
    # Replaced whole, so the app never reads half a manual.
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return written


def up_to_date(out: Path = OUT, source: Path = SOURCE) -> bool:
    try:
        built = json.loads((out / "manual.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    pages = all((out / code / "index.html").is_file() for code in LANGUAGES)
    return pages and built.get("fingerprint") == fingerprint(source)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    if up_to_date():
        print(f"manual: up to date in {OUT.relative_to(ROOT)}")
        return 0
    try:
        written = build()
    except ManualError as error:
        print(f"manual: not built:\n{error}", file=sys.stderr)
        return 1
    for code, what in written.items():
        print(f"manual: {code}: {len(what['ids'])} sections, {len(what['pictures'])} pictures")
    print(f"manual: {size_of(OUT) / 1e6:.1f} MB in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
