"""What may change in a signed record after a signature, and nothing more.

pyHanko's default policy lets any later revision rewrite the document
information dictionary (``/Info``) and the XMP metadata: a forger could
change the Title to "Record withdrawn" and the supervisor's signature would
still read as intact with "permitted form filling" after it. A record's
reader cannot tell such a change from the record itself, so this policy
permits, after a signature, only:

- a later signature (or a document time-stamp) in its own signature field,
  with its appearance;
- validation data (the ``/DSS`` dictionary);
- the book-keeping that a PDF signer writes with every revision: the
  modification date and the producer, in ``/Info`` and in the XMP, and
  nothing else of either;
- the file structure that carries these (cross-reference and object streams,
  the catalogue's ``/Version`` and ``/Extensions``).

Any other change, an annotation, a new page content, a changed Title,
Subject, Keywords or ``dc:`` entry, is reported as a change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import HistoricalResolver
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    ReferenceUpdate,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    XrefStreamRule,
)

# Written by every signer on every revision; they say when and by what
# program, not what the record says.
_INFO_BOOKKEEPING = frozenset({"/ModDate", "/Producer"})
_XMP_BOOKKEEPING = frozenset(
    {
        "{http://ns.adobe.com/xap/1.0/}ModifyDate",
        "{http://ns.adobe.com/xap/1.0/}MetadataDate",
        "{http://ns.adobe.com/pdf/1.3/}Producer",
        "{adobe:ns:meta/}xmptk",
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about",
    }
)
_XMP_LIMIT = 1 << 20  # an XMP packet of a record is a few kilobytes


class RecordChanged(SuspiciousModification):
    """A change this policy refuses, said in words a reader understands."""


def _info(resolver: HistoricalResolver) -> dict[str, Any]:
    # Resolve through the revision itself: the trailer's values as such are
    # read from the newest revision.
    ref: generic.Reference | None = resolver.trailer_view.get_value_as_reference(
        "/Info", optional=True
    )
    if ref is None:
        return {}
    info: object = resolver(ref)
    if not isinstance(info, dict):
        raise SuspiciousModification("/Info is not a dictionary")
    return {str(k): v for k, v in info.items() if k not in _INFO_BOOKKEEPING}


class InfoBookkeepingRule(DocInfoRule):
    """``/Info`` may change only in its modification date and producer."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        if _info(old) != _info(new):
            raise RecordChanged("its document information (/Info) was changed, e.g. the Title")
        yield from super().apply(old, new)


def _xmp_properties(resolver: HistoricalResolver) -> Counter[tuple[str, str]]:
    """Every property the XMP states, book-keeping left out, as (name, value) pairs."""
    ref: generic.Reference | None = resolver.root.get_value_as_reference("/Metadata", optional=True)
    if ref is None:
        return Counter()
    stream: object = resolver(ref)
    if not isinstance(stream, generic.StreamObject):
        raise SuspiciousModification("/Metadata is not a stream")
    data = stream.read_data(DecodePurpose.XMP_METADATA)
    if len(data) > _XMP_LIMIT:
        raise SuspiciousModification("the XMP metadata is implausibly large")
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise SuspiciousModification("the XMP metadata declares entities")
    try:
        # No DTD (refused above), so no entity expansion; expat resolves nothing else.
        root = ElementTree.fromstring(data)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise SuspiciousModification(f"the XMP metadata is not well-formed ({exc})") from exc
    found: Counter[tuple[str, str]] = Counter()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name not in _XMP_BOOKKEEPING:
                found[(str(name), str(value))] += 1
        if element.tag not in _XMP_BOOKKEEPING and (element.text or "").strip():
            found[(str(element.tag), (element.text or "").strip())] += 1
    return found


class XmpBookkeepingRule(MetadataUpdateRule):
    """The XMP may be rewritten only in its dates and producer."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        if _xmp_properties(old) != _xmp_properties(new):
            raise RecordChanged("its XMP metadata was changed, e.g. the title")
        yield from super().apply(old, new)


_XMP_RULE = XmpBookkeepingRule()  # type: ignore[no-untyped-call]

STRICT_DIFF_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(),  # type: ignore[no-untyped-call]
        InfoBookkeepingRule().as_qualified(ModificationLevel.LTA_UPDATES),
        XrefStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        ObjectStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        DSSCompareRule().as_qualified(ModificationLevel.LTA_UPDATES),
        _XMP_RULE.as_qualified(ModificationLevel.LTA_UPDATES),
    ],
    # No GenericFieldModificationRule: a record has no form fields other
    # than its signature fields, so a changed text field is a change.
    form_rule=FormUpdatingRule(
        field_rules=[
            SigFieldCreationRule(),  # type: ignore[no-untyped-call]
            SigFieldModificationRule(),
        ]
    ),
)
