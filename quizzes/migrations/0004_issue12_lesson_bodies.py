"""Lesson bodies to version 2 (issue 12): list entries become objects, the lead-in leaves the paragraph.

Version 1: ``{"kind", "text", "items": ["..."]}`` blocks, sub-sections one
level deep, and each list's lead-in repeated at the end of the paragraph
before it. Version 2 (quizzes/content/bodies.py): entries ``{"text",
"blocks"}`` (nested lists), label rows, tables, sub-sections at any depth,
the lead-in only on its list, and no closing sentence promising a list that
is not there (the seed's "... dystrophic calcinosis cutis may include:"; the
article's text keeps it). Otherwise nothing is lost either way: going back,
nested entries, label rows and table rows become list entries, deeper
sub-sections become sub-sections, and lead-ins return to their paragraphs.

The conversion is written out here, not imported, so that this migration
keeps doing exactly this whatever the app's code becomes.
"""

import re

from django.db import migrations

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def _is_version_1(body):
    def old(blocks):
        for block in blocks or []:
            if not isinstance(block, dict):
                continue
            if block.get("kind") == "paragraph" and "items" in block:
                return True
            if block.get("kind") == "list" and any(isinstance(i, str) for i in block.get("items") or []):
                return True
        return False

    subs = body.get("subsections") or []
    return old(body.get("blocks")) or any(
        isinstance(sub, dict) and (old(sub.get("blocks")) or "subsections" not in sub) for sub in subs
    )


def _forward_blocks(blocks):
    out = []
    for block in blocks or []:
        if not isinstance(block, dict):
            continue
        text = block.get("text") or ""
        if block.get("kind") != "list":
            out.append({"kind": "paragraph", "text": text})
            continue
        items = [{"text": item} for item in block.get("items") or [] if isinstance(item, str) and item]
        previous = out[-1] if out else None
        if text and previous and previous["kind"] == "paragraph" and previous["text"].endswith(text):
            rest = previous["text"][: -len(text)].strip()
            if rest:
                previous["text"] = rest
            else:
                out.pop()
        out.append({"kind": "list", "text": text, "ordered": False, "items": items})
    while out and out[-1]["kind"] == "paragraph" and out[-1]["text"].endswith(":"):
        last = SENTENCE_END.split(out[-1]["text"])[-1]
        rest = out[-1]["text"][: -len(last)].strip()
        if rest:
            out[-1]["text"] = rest
        else:
            out.pop()
    return out


def forward_body(body):
    if not isinstance(body, dict) or not _is_version_1(body):
        return body
    return {
        "blocks": _forward_blocks(body.get("blocks")),
        "subsections": [
            {"heading": sub.get("heading", ""), "blocks": _forward_blocks(sub.get("blocks")), "subsections": []}
            for sub in body.get("subsections") or []
            if isinstance(sub, dict)
        ],
    }


def _entries(items):
    found = []
    for item in items or []:
        found.append(item.get("text", ""))
        for nested in item.get("blocks") or []:
            found += _entries(nested.get("items"))
    return [entry for entry in found if entry]


def _backward_blocks(blocks):
    out = []
    for block in blocks or []:
        kind, text = block.get("kind"), block.get("text") or ""
        if kind == "paragraph":
            out.append({"kind": "paragraph", "text": text, "items": []})
            continue
        if kind == "list":
            items = _entries(block.get("items"))
        elif kind == "rows":
            items = [f"{row.get('label', '')}: {row.get('text', '')}" for row in block.get("rows") or []]
        else:
            header = block.get("header") or []
            items = [
                "; ".join(f"{name}: {cell}" if name else cell for name, cell in zip(header, row, strict=False))
                for row in block.get("cells") or []
            ]
        if text:
            previous = out[-1] if out else None
            if previous and previous["kind"] == "paragraph":
                previous["text"] = f"{previous['text']} {text}"
            else:
                out.append({"kind": "paragraph", "text": text, "items": []})
        out.append({"kind": "list", "text": text, "items": items})
    return out


def _flat_subsections(subsections):
    found = []
    for sub in subsections or []:
        found.append({"heading": sub.get("heading", ""), "blocks": _backward_blocks(sub.get("blocks"))})
        found += _flat_subsections(sub.get("subsections"))
    return found


def backward_body(body):
    if not isinstance(body, dict) or _is_version_1(body):
        return body
    return {"blocks": _backward_blocks(body.get("blocks")), "subsections": _flat_subsections(body.get("subsections"))}


def _convert(apps, change):
    Lesson = apps.get_model("quizzes", "Lesson")
    changed = []
    for lesson in Lesson.objects.only("pk", "body").iterator(chunk_size=500):
        body = change(lesson.body)
        if body != lesson.body:
            lesson.body = body
            changed.append(lesson)
    Lesson.objects.bulk_update(changed, ["body"], batch_size=500)


def forward(apps, schema_editor):
    _convert(apps, forward_body)


def backward(apps, schema_editor):
    _convert(apps, backward_body)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0003_quiz_dates_draft_kinds_unpublished"),
    ]

    operations = [migrations.RunPython(forward, backward)]
