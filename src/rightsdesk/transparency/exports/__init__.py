"""Exports of decisions to outside databases: the EU DSA Transparency Database and Lumen."""
