#!/usr/bin/env python3
"""The newcomer's deposits (issue 14), against a portal started by the README's first command.

Reads the demo logins and API access from the quick start's banner, builds one UBL invoice from the demo supplier to the
demo commune (from the CEN's Peppol BIS 3 example in tests/data), has the published CLI convert it to CII and Factur-X,
deposits the three through the JSON API (/api/v1) and again, renumbered, through the Chorus-compatible API (/cpro), and
fails unless all six flows reach IN_INTEGRE. Also runs the searches (structures, invoices) that page with a capped count.

Usage: newcomer_deposits.py BASE_URL BANNER_LOG TESTDATA_DIR CLI_DLL WORK_DIR
Standard library only: the CI machine needs nothing more than Python 3.
"""
import base64
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, LOG, TESTDATA, CLI, WORK = sys.argv[1:6]
SYNTAXES = {"ubl": "IN_DP_E1_UBL_INVOICE", "cii": "IN_DP_E1_CII_16B", "facturx": "IN_DP_E2_CII_FACTURX"}


def fail(message):
    print(f"newcomer: FAILED: {message}", flush=True)
    sys.exit(1)


def call(method, path, body=None, headers=None, form=None):
    data = None
    headers = dict(headers or {})
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def banner():
    text = open(LOG, encoding="utf-8", errors="replace").read()
    password = re.search(r"Demo logins \(password ([^)]+)\)", text)
    access = re.search(r"Fournitures Dupont SARL: client_id (\S+) / client_secret (\S+); technical account (\S+) / (\S+)", text)
    if not password or not access or "compta.dupont@portique.demo" not in text:
        fail("the banner does not show the demo logins and the Dupont API access")
    return password.group(1), access.groups()


def ubl(template, supplier, recipient, number):
    # The seller and buyer identified by SIRET (scheme 0009), as the portal matches parties to structures; its own number.
    xml = template.replace('schemeID="0184">DK12345678', f'schemeID="0009">{supplier}')
    xml = xml.replace('schemeID="0184">DK87654321', f'schemeID="0009">{recipient}')
    return xml.replace("<cbc:ID>12345</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>", 1).encode()


def invoices(template, supplier, recipient, prefix):
    """One invoice per syntax, numbered prefix-ubl etc.; CII and Factur-X written by the published CLI from the UBL."""
    files = {}
    for kind in SYNTAXES:
        source = f"{WORK}/{prefix}-{kind}.xml"
        # An invoice number has at most 20 characters (BT-1 as Chorus Pro takes it).
        open(source, "wb").write(ubl(template, supplier, recipient, f"{prefix}-{kind.upper()}"))
        if kind == "ubl":
            files[kind] = source
            continue
        target = f"{WORK}/{prefix}-{kind}.{'pdf' if kind == 'facturx' else 'xml'}"
        done = subprocess.run(["dotnet", CLI, "invoice", "convert", "--to", kind, source, "-o", target], capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"the published CLI did not convert to {kind}: {done.stdout}{done.stderr}")
        files[kind] = target
    done = subprocess.run(["dotnet", CLI, "invoice", "validate", *files.values()], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"the published CLI finds the invoices to deposit invalid:\n{done.stdout}{done.stderr}")
    return files


def wait(report, number):
    """The flow's final state and, when it is not integrated, what its report says."""
    deadline = time.time() + 120
    while time.time() < deadline:
        state, errors = report(number)
        if state in ("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE"):
            return state, errors
        time.sleep(0.5)
    return "still not integrated after 120 s", ""


def main():
    password, (client_id, client_secret, tech_login, tech_password) = banner()
    template = open(f"{TESTDATA}/examples/en16931/ubl/BIS3_Invoice_positive.XML", encoding="utf-8").read()

    # JSON API: the supplier's user signs in (bearer token), finds its structure and the commune in the directory.
    status, token = call("POST", "/api/v1/account/login", {"email": "compta.dupont@portique.demo", "password": password})
    if status != 200:
        fail(f"/api/v1/account/login answered {status}: {token}")
    api = {"Authorization": f"Bearer {token['accessToken']}"}
    status, mine = call("GET", "/api/v1/structures/mine", headers=api)
    dupont = next((s for s in mine or [] if s["name"] == "Fournitures Dupont SARL"), None) if status == 200 else None
    status, found = call("GET", "/api/v1/structures?" + urllib.parse.urlencode({"name": "Commune de Villeneuve"}), headers=api)
    commune = (found or {}).get("items", [None])[0] if status == 200 else None
    if not dupont or not commune:
        fail(f"the demo structures were not found (structures/mine, directory search): {mine} {found}")

    def api_report(number):
        code, body = call("GET", f"/api/v1/structures/{dupont['id']}/invoices/flows/{number}", headers=api)
        return (body["etatCourantDepotFlux"], body["erreurs"]) if code == 200 else (f"HTTP {code}", body)

    results = []
    for kind, path in invoices(template, dupont["identifier"], commune["identifier"], "NC-API").items():
        content = base64.b64encode(open(path, "rb").read()).decode()
        code, body = call("POST", f"/api/v1/structures/{dupont['id']}/invoices/flows", {
            "fichierFlux": content, "nomFichier": path.rsplit("/", 1)[1], "syntaxeFlux": SYNTAXES[kind]}, api)
        if code != 201:
            fail(f"JSON API deposit of the {kind} invoice answered {code}: {body}")
        results.append((f"/api/v1 {kind}", body["numeroFluxDepot"], api_report))

    # Chorus-compatible API: the demo API client's token, then the technical account in the cpro-account header.
    status, oauth = call("POST", "/api/oauth/token", form={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret})
    if status != 200:
        fail(f"/api/oauth/token answered {status}: {oauth}")
    cpro = {"Authorization": f"Bearer {oauth['access_token']}",
            "cpro-account": base64.b64encode(f"{tech_login}:{tech_password}".encode()).decode()}

    def cpro_report(number):
        code, body = call("POST", "/cpro/transverses/v1/consulterCRDetaille", {"numeroFluxDepot": number}, cpro)
        if code != 200 or not isinstance(body, dict):
            return f"HTTP {code}", body
        return body.get("etatCourantDepotFlux"), body.get("listeErreurDP")

    for kind, path in invoices(template, dupont["identifier"], commune["identifier"], "NC-CPRO").items():
        content = base64.b64encode(open(path, "rb").read()).decode()
        code, body = call("POST", "/cpro/factures/v1/deposer/flux", {
            "fichierFlux": content, "nomFichier": path.rsplit("/", 1)[1], "syntaxeFlux": SYNTAXES[kind], "avecSignature": False}, cpro)
        if code != 200 or not isinstance(body, dict) or body.get("codeRetour") != 0:
            fail(f"/cpro deposer/flux of the {kind} invoice answered {code}: {body}")
        results.append((f"/cpro {kind}", body["numeroFluxDepot"], cpro_report))

    failed = False
    for label, number, report in results:
        state, errors = wait(report, number)
        print(f"newcomer: {label:<16} {number} {state}", flush=True)
        if state != "IN_INTEGRE":
            print(f"newcomer:   {errors}", flush=True)
            failed = True
    if failed:
        fail("every deposit must reach IN_INTEGRE")

    # The searches that count up to a cap and page: the supplier's sent invoices (JSON API and /cpro).
    code, sent = call("GET", f"/api/v1/structures/{dupont['id']}/invoices/sent", headers=api)
    if code != 200 or sent["total"] != 6:
        fail(f"the supplier's sent invoices: HTTP {code}, {sent}")
    code, listed = call("POST", "/cpro/factures/v1/rechercher/fournisseur", {}, cpro)
    if code != 200 or not isinstance(listed, dict) or listed.get("codeRetour") != 0:
        fail(f"/cpro rechercher/fournisseur answered {code}: {listed}")
    print("newcomer: 6 deposits IN_INTEGRE (UBL, CII, Factur-X through /api/v1 and /cpro)", flush=True)


main()
