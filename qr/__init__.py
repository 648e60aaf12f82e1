"""Card references, QR codes and print files. Pure: no Flask, no database."""
