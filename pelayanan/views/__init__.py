"""Views of the core app: public pages, accounts, and the staff workspace."""
