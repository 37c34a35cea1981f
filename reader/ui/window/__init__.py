"""The parts of the main window, by what they do; reader.ui.main_window puts them together."""
