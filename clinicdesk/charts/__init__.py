"""Charts drawn with matplotlib, no Qt: plot functions take an Axes first."""
