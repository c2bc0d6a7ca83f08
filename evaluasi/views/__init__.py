"""Views of the evaluasi app: public (questionnaire, results) and staff pages."""
