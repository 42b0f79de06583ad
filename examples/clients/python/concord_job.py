#!/usr/bin/env python3
"""Run a job on a Concord node through its operator API, with Python's standard library only.

Submits a job file, polls until the job ends, prints its metrics and exports one component's model to a file.
The node is checked as the party it claims to be: its certificate must chain to the federation CA and name
urn:concord:party:ID. The caller authenticates with the node's operator token (operator.token in the party's
home, or a token an admin issued) or with an operator certificate and key.

    python3 concord_job.py --node https://127.0.0.1:9443 --party 9999 --ca certs/ca.crt \\
        --token-file parties/9999/operator.token --job job.yaml --model lr_0 --out lr_0.model.zip
"""

import argparse
import http.client
import json
import ssl
import sys
import time
import urllib.parse

TERMINAL = {"success", "failed", "canceled"}


class ApiError(Exception):
    """A refusal, as the node's problem details say it, or a node that is not the party it should be."""


class Node:
    def __init__(self, url, party, ca, token=None, cert=None, key=None):
        address = urllib.parse.urlsplit(url)
        if address.scheme != "https" or not address.hostname:
            raise ApiError(f"--node {url}: give the node's https:// address")
        self.host, self.port, self.party = address.hostname, address.port or 443, party
        self.context = ssl.create_default_context(cafile=ca)
        # The party's identity is in its certificate's URI, not its host name: checked after each handshake below.
        self.context.check_hostname = False
        if cert:
            self.context.load_cert_chain(cert, key)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method, path, body=None):
        """Returns the answer's bytes; a refusal raises ApiError with the problem's detail."""
        connection = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=60)
        try:
            connection.connect()
            claimed = [value for kind, value in connection.sock.getpeercert().get("subjectAltName", ()) if kind == "URI"]
            if f"urn:concord:party:{self.party}" not in claimed:
                raise ApiError(f"{self.host}:{self.port} is not party {self.party}'s node (its certificate names {claimed})")
            headers = dict(self.headers)
            payload = None
            if body is not None:
                payload = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.status >= 400:
                detail = data.decode(errors="replace")
                if response.getheader("Content-Type", "").startswith("application/problem+json"):
                    detail = json.loads(data).get("detail") or detail
                raise ApiError(f"{method} {path} ({response.status}): {detail}")
            return data
        finally:
            connection.close()

    def json(self, method, path, body=None):
        return json.loads(self.call(method, path, body))


def run(node, job_path, model_component, out, poll_seconds):
    with open(job_path, encoding="utf-8") as job_file:
        job_id = node.json("POST", "/api/v1/jobs", {"jobFile": job_file.read(), "source": job_path})["jobId"]
    print(f"submitted {job_id}")
    while True:
        job = node.json("GET", f"/api/v1/jobs/{urllib.parse.quote(job_id)}")["job"]
        if job["state"] in TERMINAL:
            break
        time.sleep(poll_seconds)
    print(f"{job_id}: {job['state']}")
    if job["state"] != "success":
        raise ApiError(f"job {job_id} ended {job['state']}: {job.get('error') or 'no error recorded'}")
    for metric in node.json("GET", f"/api/v1/jobs/{urllib.parse.quote(job_id)}/metrics"):
        task = metric["task"]
        print(f"metric {task['component']} party {task['party']} {metric['name']}: {json.dumps(metric['value'])}")
    model_id = f"{job_id}_{model_component}"
    archive = node.call("GET", f"/api/v1/models/{urllib.parse.quote(model_id)}/export")
    with open(out, "wb") as file:
        file.write(archive)
    print(f"exported {model_id} to {out} ({len(archive)} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node", required=True, help="the node's address, e.g. https://127.0.0.1:9443")
    parser.add_argument("--party", required=True, type=int, help="the party id the node's certificate must name")
    parser.add_argument("--ca", required=True, help="the federation CA certificate (PEM)")
    parser.add_argument("--token-file", help="a file holding the operator token (the node's operator.token)")
    parser.add_argument("--cert", help="an operator certificate (PEM), instead of a token")
    parser.add_argument("--key", help="the operator certificate's key (PEM)")
    parser.add_argument("--job", required=True, help="the job file to submit")
    parser.add_argument("--model", required=True, help="the component whose model to export, e.g. lr_0")
    parser.add_argument("--out", required=True, help="where to write the model export (a zip)")
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between status polls")
    args = parser.parse_args()
    if bool(args.token_file) == bool(args.cert):
        parser.error("give either --token-file or --cert and --key")
    try:
        token = None
        if args.token_file:
            with open(args.token_file, encoding="utf-8") as file:
                token = file.read().strip()
        node = Node(args.node, args.party, args.ca, token=token, cert=args.cert, key=args.key)
        run(node, args.job, args.model, args.out, args.poll)
    except (ApiError, OSError, ssl.SSLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
