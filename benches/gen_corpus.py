#!/usr/bin/env python3
"""Generate a synthetic mixed corpus for the indexing benchmarks (not committed).

Emails (mbox files of 1,000 messages, plus loose .eml files) and articles (JSONL files of
1,000 records), half French, half English, written from templates that carry amounts,
quantities, dates and organisations so that extraction has real work to do. Deterministic
(fixed seed): the same command always writes the same bytes.

    python3 benches/gen_corpus.py --docs 200000 --out /tmp/dossier-bench

Writes OUT/.manifest.json with the counts the benchmark checks its answers against.
"""

import argparse
import json
import os
import random
from datetime import datetime, timedelta, timezone

ORGS = ["Tesla", "Nvidia", "xAI", "SpaceX", "Airbus", "TotalEnergies", "BNP Paribas",
        "Microsoft", "OpenAI", "Mistral AI", "Renault", "Orange", "Siemens", "Amazon"]
ITEMS_FR = ["puces H100", "serveurs", "GPU", "batteries", "satellites", "licences"]
ITEMS_EN = ["H100 chips", "servers", "GPUs", "batteries", "satellites", "licences"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
FILLER_FR = ("le la les des une un pour avec dans sur selon rapport contrat livraison "
             "budget réunion équipe direction marché fournisseur données centre calcul "
             "projet accord client usine délai retard commande facture audit conseil "
             "détournées destinées vérifier confirmer annoncer prévoir estimer").split()
FILLER_EN = ("the a of to for with in on according report contract delivery budget meeting "
             "team board market supplier data centre compute project deal customer plant "
             "delay order invoice audit council diverted intended verify confirm announce "
             "plan estimate shipment").split()


def amount(rng, lang):
    n = rng.choice([1, 2, 3, 4, 5, 10, 12, 20, 35, 85, 150, 500])
    if lang == "fr":
        unit = rng.choice(["milliards de dollars", "millions d'euros", "millions de dollars"])
        return f"{n} {unit}"
    unit = rng.choice(["billion", "million"])
    return rng.choice([f"${n} {unit}", f"{n} {unit} euros", f"€{n} {unit}"])


def sentence(rng, lang, year):
    org, other = rng.sample(ORGS, 2)
    m = rng.randrange(12)
    qty = rng.choice([500, 1200, 12000, 35000, 85000, 100000])
    if lang == "fr":
        item = rng.choice(ITEMS_FR)
        t = rng.choice([
            f"{org} a dépensé {amount(rng, lang)} en {MONTHS_FR[m]} {year}.",
            f"Selon {other}, {qty:,} {item} destinées à {org} ont été livrées à {other}.".replace(f"{qty:,}", f"{qty:,}".replace(",", " ")),
            f"{org} prévoit d'investir {amount(rng, lang)} d'ici la fin de l'année.",
            f"Le {rng.randint(1, 28)} {MONTHS_FR[m]} {year}, {org} a confirmé la commande.",
            f"La part de {org} atteint {rng.randint(2, 60)} % du marché.",
        ])
        filler = FILLER_FR
    else:
        item = rng.choice(ITEMS_EN)
        t = rng.choice([
            f"{org} spent {amount(rng, lang)} in {MONTHS_EN[m]} {year}.",
            f"According to {other}, {qty:,} {item} meant for {org} were shipped to {other}.",
            f"{org} plans to invest {amount(rng, lang)} by the end of the year.",
            f"On {MONTHS_EN[m]} {rng.randint(1, 28)}, {year}, {org} confirmed the order.",
            f"{org}'s share reached {rng.randint(2, 60)}% of the market.",
        ])
        filler = FILLER_EN
    words = " ".join(rng.choice(filler) for _ in range(rng.randint(12, 30)))
    return f"{t} {words.capitalize()}."


def body(rng, lang, year, sentences):
    return " ".join(sentence(rng, lang, year) for _ in range(sentences))


def email(rng, i, lang, when):
    sender = f"{rng.choice(['claire', 'ann', 'marc', 'li', 'sam', 'desk'])}{i % 97}@news{i % 7}.example"
    subject = ("Re: " if i % 3 == 0 else "") + (
        f"Point sur {rng.choice(ITEMS_FR)} {rng.choice(ORGS)}" if lang == "fr"
        else f"Update on {rng.choice(ITEMS_EN)} for {rng.choice(ORGS)}")
    text = body(rng, lang, when.year, rng.randint(2, 6))
    if i % 3 == 0:
        q = body(rng, lang, when.year, 2)
        header = (f"Le {when.day} {MONTHS_FR[when.month - 1]} {when.year}, desk@news.example a écrit :"
                  if lang == "fr" else f"On {MONTHS_EN[when.month - 1]} {when.day}, {when.year}, desk@news.example wrote:")
        text += "\n\n" + header + "\n" + "\n".join("> " + line for line in q.split(". "))
    headers = [
        f"From: {sender.split('@')[0].capitalize()} <{sender}>",
        f"To: desk@news.example",
        f"Subject: {subject}",
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
        f"Message-ID: <m{i}@bench.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    return "\n".join(headers) + "\n\n" + text + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--out", default="/tmp/dossier-bench")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "mail"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "eml"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "news"), exist_ok=True)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    counts = {"documents": 0, "emails": 0, "articles": 0, "fr": 0, "en": 0, "bytes": 0}
    mbox, news = None, None
    for i in range(a.docs):
        lang = "fr" if i % 2 == 0 else "en"
        when = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        if i % 5 < 3:  # 60 % emails
            raw = email(rng, i, lang, when)
            if i % 50 == 0:
                path = os.path.join(a.out, "eml", f"{i:07d}.eml")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(raw)
            else:
                if mbox is None or counts["emails"] % 1000 == 0:
                    if mbox:
                        mbox.close()
                    mbox = open(os.path.join(a.out, "mail", f"box{i:07d}.mbox"), "w", encoding="utf-8")
                # mboxrd: escape body lines that look like separators.
                escaped = "\n".join((">" + l) if l.startswith("From ") else l for l in raw.split("\n"))
                mbox.write(f"From bench@example {when.strftime('%a %b %d %H:%M:%S %Y')}\n{escaped}\n")
            counts["emails"] += 1
        else:
            rec = {
                "id": f"a{i}",
                "title": (f"{rng.choice(ORGS)} et les {rng.choice(ITEMS_FR)}" if lang == "fr"
                          else f"{rng.choice(ORGS)} and the {rng.choice(ITEMS_EN)}"),
                "text": body(rng, lang, when.year, rng.randint(3, 8)),
                "date": when.strftime("%Y-%m-%d"),
                "lang": lang,
            }
            raw = json.dumps(rec, ensure_ascii=False)
            if news is None or counts["articles"] % 1000 == 0:
                if news:
                    news.close()
                news = open(os.path.join(a.out, "news", f"news{i:07d}.jsonl"), "w", encoding="utf-8")
            news.write(raw + "\n")
            counts["articles"] += 1
        counts["documents"] += 1
        counts[lang] += 1
        counts["bytes"] += len(raw.encode("utf-8"))
    for f in (mbox, news):
        if f:
            f.close()
    with open(os.path.join(a.out, ".manifest.json"), "w") as f:
        json.dump(counts, f, indent=1)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
