"""The Textual shell over the core: screens, widgets and the app."""
