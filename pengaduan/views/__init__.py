"""Views of the complaints app: public (filing, tracking, statistics) and staff pages."""
