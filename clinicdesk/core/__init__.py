"""The Qt-free core: the clinic file, its data access, the demo clinic and (later) the engine.

Nothing under this package imports PySide6 or matplotlib; a test enforces it.
"""
