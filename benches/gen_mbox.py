#!/usr/bin/env python3
"""Writes a large synthetic mailbox for the mailbox-parsing benchmark (see BENCHMARKS.md).

Usage: benches/gen_mbox.py OUT.mbox [SIZE_MB]   (default 1024)

Deterministic (fixed seed): the same size gives the same file. The messages vary the way
real mail does: plain UTF-8, quoted-printable French, HTML alternatives, replies with
quoted text, mboxrd-escaped ">From " lines, and base64 attachments (CSV and binary).
Prints the number of messages written, which `dossier parse` must report back.
"""
import base64
import random
import sys

rng = random.Random(20240604)
WORDS_EN = ("the shipment of GPUs was moved to another site after the invoice of "
            "December was issued and the board approved a transfer of units worth "
            "million dollars in the quarter").split()
WORDS_FR = ("la livraison des cartes a été réaffectée après la facture de décembre et "
            "le conseil a approuvé un transfert de unités pour un montant de millions "
            "d'euros au trimestre").split()
NAMES = ["Claire Martin", "Ben Okafor", "Hélène Duval", "Dana Whitfield", "Sam Ito",
         "Jérôme Prévost", "Priya Raman", "Marc Delorme"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A pool of attachment payloads, reused, so generation is fast.
BLOBS = [rng.randbytes(rng.choice([2_000, 20_000, 80_000, 300_000])) for _ in range(40)]


def sentence(words):
    n = rng.randint(8, 24)
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + f" {rng.randint(1, 99_999):,}."


def paragraph(words, lines):
    return "\n".join(sentence(words) for _ in range(lines))


def addr(name):
    local = name.lower().replace(" ", ".").encode("ascii", "ignore").decode()
    return f"{local}@example.org"


def wrap76(data):
    return "\n".join(data[i:i + 76] for i in range(0, len(data), 76))


def message(i):
    sender, rcpt = rng.sample(NAMES, 2)
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    date = f"{day} {month} 2024 {rng.randint(0, 23):02}:{rng.randint(0, 59):02}:00 +0200"
    sep = f"From {addr(sender)} Tue {month} {day:2} 10:00:00 2024"
    head = (f"From: {sender} <{addr(sender)}>\nTo: {rcpt} <{addr(rcpt)}>\n"
            f"Subject: Report {i}\nDate: Tue, {date}\nMessage-ID: <m{i}@example.org>\n"
            "MIME-Version: 1.0\n")
    kind = rng.random()
    if kind < 0.35:
        body = paragraph(WORDS_EN, rng.randint(3, 30))
        if rng.random() < 0.3:
            body += "\n>From the archive, an escaped line.\n"
        return sep, head + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    if kind < 0.55:
        text = paragraph(WORDS_FR, rng.randint(3, 30))
        qp = "".join(c if ord(c) < 128 else "".join(f"={b:02X}" for b in c.encode()) for c in text)
        return sep, (head + "Content-Type: text/plain; charset=utf-8\n"
                     "Content-Transfer-Encoding: quoted-printable\n\n" + qp + "\n")
    if kind < 0.70:
        own = paragraph(WORDS_EN, rng.randint(1, 5))
        quoted = "\n".join("> " + line for line in paragraph(WORDS_EN, rng.randint(5, 20)).split("\n"))
        body = f"{own}\n\nOn Tue, {month} {day}, 2024 at 9:12 AM {rcpt} <{addr(rcpt)}> wrote:\n{quoted}\n"
        return sep, head + "Content-Type: text/plain; charset=utf-8\n\n" + body
    if kind < 0.80:
        text = paragraph(WORDS_EN, rng.randint(3, 15))
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"
        return sep, (head + 'Content-Type: multipart/alternative; boundary="alt"\n\n'
                     "--alt\nContent-Type: text/plain; charset=utf-8\n\n" + text +
                     "\n--alt\nContent-Type: text/html; charset=utf-8\n\n" + html + "\n--alt--\n")
    blob = rng.choice(BLOBS)
    csv = "date,site,units\n" + "".join(
        f"2023-12-{d:02},Reno,{rng.randint(100, 9000)}\n" for d in range(1, 29))
    return sep, (head + 'Content-Type: multipart/mixed; boundary="mix"\n\n'
                 "--mix\nContent-Type: text/plain; charset=utf-8\n\n" + paragraph(WORDS_EN, 4) +
                 '\n--mix\nContent-Type: text/csv; name="units.csv"\n'
                 "Content-Transfer-Encoding: base64\n\n" + wrap76(base64.b64encode(csv.encode()).decode()) +
                 '\n--mix\nContent-Type: application/octet-stream; name="scan.bin"\n'
                 'Content-Disposition: attachment; filename="scan.bin"\n'
                 "Content-Transfer-Encoding: base64\n\n" + wrap76(base64.b64encode(blob).decode()) +
                 "\n--mix--\n")


def main():
    out = sys.argv[1]
    limit = int(sys.argv[2] if len(sys.argv) > 2 else 1024) << 20
    written = count = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while written < limit:
            sep, msg = message(count)
            chunk = f"{sep}\n{msg}\n"
            f.write(chunk)
            written += len(chunk.encode())
            count += 1
    print(f"{count} messages, {written} bytes -> {out}")


if __name__ == "__main__":
    main()
