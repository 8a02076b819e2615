"""The editor's few visual touches: section cards, audience tags, quiet guidance.

Colours come from the palette where they can (so the dark theme works); the
audience tags use fixed soft colours with dark text, readable on either.
"""

EDITOR_STYLE = """
SectionPanel {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
QListWidget#outline::item { padding: 3px 6px; }
QLabel#guidance { color: palette(placeholder-text); }
QLabel[audience] {
    border-radius: 8px;
    padding: 1px 8px;
    color: #1d2733;
    font-size: 9pt;
}
QLabel[audience="child-record"] { background: #d6e6fb; }
QLabel[audience="supervision-file"] { background: #d9efd9; }
QLabel[audience="private"] { background: #f6e3bd; }
QFrame#save-problem {
    background: #fbe3e1;
    color: #5a1510;
    border: 1px solid #d9968f;
    border-radius: 4px;
}
QFrame#save-problem QLabel { color: #5a1510; }
QLabel#signed-banner {
    background: #e4e8ee;
    color: #1d2733;
    padding: 6px 10px;
}
QLabel[warning="true"] { color: #b3261e; font-weight: bold; }
QLabel#save-indicator { color: palette(placeholder-text); padding-right: 6px; }
QFrame#case-card {
    border: 1px solid palette(midlight);
    border-radius: 4px;
}
"""
