"""The security tests' figures (matrix size, hostile inputs tried) in the terminal summary."""

ANGKA: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if ANGKA:
        terminalreporter.write_sep("-", "security tests: figures")
        for nama, teks in sorted(ANGKA.items()):
            terminalreporter.write_line(f"{nama}: {teks}")
