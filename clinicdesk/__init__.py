"""ClinicDesk: patient relationships for small private clinics, offline on one SQLite file."""

__version__ = "0.1.0"
