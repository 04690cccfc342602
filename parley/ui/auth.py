"""Sign-in with Streamlit's st.login (OpenID Connect) when it is configured, and each user's roles.

Configured means an [auth] section in Streamlit's secrets. Roles are listed there too, by
e-mail address:

    [parley.roles]
    editors = ["ana@example.org"]
    reviewers = ["ben@example.org"]

Without [auth], Parley runs as one local user with every role (parley.access.LOCAL_USER).
"""

from __future__ import annotations

import streamlit as st

from parley.access import ANONYMOUS, LOCAL_USER, Roles, User
from parley.text import markdown_safe


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def sign_in_configured() -> bool:
    return bool(_secrets().get("auth"))


def current_user() -> User:
    secrets = _secrets()
    if not secrets.get("auth"):
        return LOCAL_USER
    if not st.user.is_logged_in:
        return ANONYMOUS
    roles = Roles.from_config(secrets.get("parley", {}).get("roles"))
    email = str(st.user.get("email") or st.user.get("sub") or "")
    return roles.user(email, str(st.user.get("name") or email))


def account(user: User) -> None:
    """The sidebar's sign-in line: who is signed in and as what, or a button to sign in."""
    if user.local:
        return
    if user.signed_in:
        roles = ", ".join(r for r in ("editor", "reviewer") if r in user.roles) or "reader"
        st.caption(f"Signed in as {markdown_safe(user.email)} ({roles})")
        st.button("Sign out", key="sign-out", on_click=st.logout, icon=":material/logout:")
    else:
        st.button(
            "Sign in",
            key="sign-in",
            on_click=st.login,
            icon=":material/login:",
            help="Analysts sign in to code and review; reading needs no sign-in.",
        )
