"""The message catalogue, one module per area, each a dict of key -> {language: text}.

`clinicdesk.core.i18n` looks every key up in all of them (keys are unique across areas,
a test checks it); the window's own widget strings are Qt Linguist's (`.ts`/`.qm`).
"""
