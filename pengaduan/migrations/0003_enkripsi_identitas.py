"""Encrypt the complainants' identities already stored (UU 27/2022 Pasal 35): every non-empty
value of nama, alamat, email, telepon and nik becomes a Fernet token under the current
DJANGO_PII_KEY. Raw SQL, because the field decrypts what it reads. Idempotent: a value that
already opens with a configured key is left as it is. Reversible (decrypts back)."""

from django.db import migrations

KOLOM = ("nama", "alamat", "email", "telepon", "nik")
PER_BATCH = 500


def _ubah(apps, schema_editor, fungsi):
    from pelayanan import kripto

    model = apps.get_model("pengaduan", "IdentitasPengadu")
    q = schema_editor.quote_name
    tabel, pk = q(model._meta.db_table), q(model._meta.pk.column)
    kolom = ", ".join(q(k) for k in KOLOM)
    setel = ", ".join(f"{q(k)} = %s" for k in KOLOM)
    terakhir = None
    with schema_editor.connection.cursor() as cursor:
        while True:
            # Keyset pages: never write to the table while a SELECT on it is still open.
            syarat = f"WHERE {pk} > %s " if terakhir is not None else ""
            cursor.execute(
                f"SELECT {pk}, {kolom} FROM {tabel} {syarat}ORDER BY {pk} LIMIT {PER_BATCH}",  # noqa: S608
                [terakhir] if terakhir is not None else [],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            for pk_nilai, *nilai in rows:
                baru = [fungsi(kripto, v or "") for v in nilai]
                if baru != [v or "" for v in nilai]:
                    cursor.execute(
                        f"UPDATE {tabel} SET {setel} WHERE {pk} = %s",  # noqa: S608 (quoted names)
                        [*baru, pk_nilai],
                    )
            terakhir = rows[-1][0]

def _enkripsi(kripto, nilai: str) -> str:
    if nilai == "":
        return ""
    try:
        kripto.dekripsi(nilai)
    except kripto.TokenTidakSah:
        return kripto.enkripsi(nilai)
    return nilai  # already a token


def _dekripsi(kripto, nilai: str) -> str:
    try:
        return kripto.dekripsi(nilai)
    except kripto.TokenTidakSah:
        return nilai  # never encrypted


def maju(apps, schema_editor):
    _ubah(apps, schema_editor, _enkripsi)


def mundur(apps, schema_editor):
    _ubah(apps, schema_editor, _dekripsi)


class Migration(migrations.Migration):
    dependencies = [("pengaduan", "0002_data_pribadi")]

    operations = [migrations.RunPython(maju, mundur)]
