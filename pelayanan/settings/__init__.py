"""Settings, one module per purpose: base (shared), dev, test, production."""
