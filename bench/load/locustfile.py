"""Load test for Mutuality: people finding groups and asking for support, peers and
staff using their pages, and an API client, all at once.

Run by bench/load/run_load.py (or bench/bench_90_load.py in `make bench`) against
the demo data on loopback; the API token comes in MUTUALITY_LOAD_TOKEN. Staff
accounts sign in with the demo authenticator key (privacy/demo.py); each staff
user has an account of its own, since a code is accepted once only."""

from __future__ import annotations

import itertools
import os
import random
import time

from django_otp.oath import TOTP
from locust import HttpUser, between, task

PASSWORD = "peer-support-demo"  # noqa: S105 (the public demo password, docs/demo-data.md)
DEMO_TOTP_KEY = bytes.fromhex("6d757475616c6974792d64656d6f2d6b65792131")  # privacy/demo.py, demo accounts only
STAFF = itertools.cycle(["coordinator", "worker", "supervisor", "facilitator", "trainer"])
PLACES = ["EX2", "EX4", "PL1", "TQ1", "TR1", "M1", "B1", "LS1"]
WORDS = ["tea", "walk", "art", "hearing voices", "carers", "online", ""]


def _csrf(user: HttpUser) -> str:
    return user.client.cookies.get("csrftoken", "")


def sign_in(user: HttpUser, email: str, *, second_factor: bool) -> None:
    user.client.get("/accounts/login/", name="/accounts/login/")
    response = user.client.post(
        "/accounts/login/",
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(user)},
        headers={"Referer": f"{user.host}/accounts/login/"},
        name="/accounts/login/ (sign in)",
    )
    if not second_factor:
        return
    for _attempt in range(3):
        if "/two-factor/verify/" not in response.url:
            return
        code = f"{TOTP(DEMO_TOTP_KEY).token():06d}"
        response = user.client.post(
            response.url,
            {"otp_token": code, "csrfmiddlewaretoken": _csrf(user)},
            headers={"Referer": response.url},
            name="/two-factor/verify/",
        )
        if "/two-factor/verify/" in response.url:  # this window's code was used already: wait for the next
            time.sleep(31 - time.time() % 30)


class Visitor(HttpUser):
    """Someone without an account looking for a group or asking for a peer worker."""

    weight = 4
    wait_time = between(1, 3)

    @task(4)
    def directory_search(self):
        query = {"place": random.choice(PLACES), "within": "25"}
        if random.random() < 0.5:
            query["q"] = random.choice(WORDS)
        self.client.get("/groups/", params=query, name="/groups/?place")

    @task(2)
    def landing(self):
        self.client.get("/", name="/")

    @task(1)
    def referral_form(self):
        self.client.get("/refer/", name="/refer/")


class Peer(HttpUser):
    """The demo peer, signed in with a password (no second factor for peers)."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        sign_in(self, "peer@demo.mutuality.test", second_factor=False)

    @task(3)
    def home(self):
        self.client.get("/", name="/ (signed in)")

    @task(2)
    def me(self):
        self.client.get("/me/", name="/me/")

    @task(1)
    def groups(self):
        self.client.get("/groups/", params={"place": random.choice(PLACES)}, name="/groups/?place")


class Staff(HttpUser):
    """Staff pages after signing in with a password and an authenticator code."""

    fixed_count = 5
    wait_time = between(1, 3)

    def on_start(self):
        self.role = next(STAFF)
        sign_in(self, f"{self.role}@demo.mutuality.test", second_factor=True)

    @task(3)
    def home(self):
        self.client.get("/", name="/ (staff)")

    @task(2)
    def me(self):
        self.client.get("/me/", name="/me/ (staff)")

    @task(2)
    def coordinating(self):
        if self.role == "coordinator":  # the people list and referral queue are the coordinator's
            self.client.get("/people/", name="/people/")
            self.client.get("/referrals/", name="/referrals/")


class ApiClient(HttpUser):
    """A coordinator's API token used by another system (say a data warehouse)."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers["Authorization"] = f"Token {os.environ['MUTUALITY_LOAD_TOKEN']}"
        first = self.client.get("/api/people/", name="/api/people/?page").json()
        self.pages = max(1, -(-first["count"] // max(1, len(first["results"]))))

    @task(3)
    def people(self):
        self.client.get("/api/people/", params={"page": random.randint(1, self.pages)}, name="/api/people/?page")

    @task(2)
    def groups(self):
        self.client.get("/api/groups/", name="/api/groups/")

    @task(1)
    def referrals(self):
        self.client.get("/api/referrals/", name="/api/referrals/")

    @task(1)
    def sessions(self):
        self.client.get("/api/sessions/", name="/api/sessions/")


__all__ = ["Visitor", "Peer", "Staff", "ApiClient"]
