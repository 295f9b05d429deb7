"""The Qt user interface: the only place widgets live."""
