"""Service standards: the 14-component registry, versions, consultation, maklumat, PDFs."""
