"""STROM Reader: an offline handbook reader on preventing and combating human trafficking."""

__version__ = "0.1.0"
APP_NAME = "STROM Reader"
APP_ID = "strom-reader"
