"""detect-secrets' provider plugins as a second net behind our explicit rules.

detect-secrets (Yelp) was chosen over the alternatives on PyPI because it installs offline
from the registry as pure Python, is widely used, and has a plugin per provider (Twilio,
SendGrid, Mailchimp, npm, PyPI, GitLab, Discord, Telegram, Square, Azure, IBM, Artifactory...)
that we would otherwise have to write and keep up. ``ggshield`` needs GitGuardian's API,
``trufflehog3`` and ``whispers`` scan files rather than strings, and ``presidio``/``scrubadub``
target personal data and need language models. detect-secrets alone does not fit our list:
its GitHub rule misses ``github_pat_`` (and reports only the ``ghp`` prefix as the value), its
OpenAI rule knows only legacy keys, its Stripe rule misses test and webhook keys, and it has
nothing for Anthropic, Railway, Authorization headers or whole PEM blocks; it reports values,
not spans, so it cannot keep structure. Hence: our rules first (``rules.py``), then these
plugins on what is left. Its entropy plugins are left out: they flag git SHAs and request ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detect_secrets.plugins.artifactory import ArtifactoryDetector
from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.cloudant import CloudantDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.ibm_cloud_iam import IbmCloudIamDetector
from detect_secrets.plugins.ibm_cos_hmac import IbmCosHmacDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.softlayer import SoftlayerDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector

from pipeline.context.secrets.rules import MASK_PREFIX

_PLUGINS: tuple[type[BasePlugin], ...] = (
    ArtifactoryDetector,
    AWSKeyDetector,
    AzureStorageKeyDetector,
    BasicAuthDetector,
    CloudantDetector,
    DiscordBotTokenDetector,
    GitHubTokenDetector,
    GitLabTokenDetector,
    IbmCloudIamDetector,
    IbmCosHmacDetector,
    JwtTokenDetector,
    MailchimpDetector,
    NpmDetector,
    OpenAIDetector,
    PypiTokenDetector,
    SendGridDetector,
    SlackDetector,
    SoftlayerDetector,
    SquareOAuthDetector,
    StripeDetector,
    TelegramBotTokenDetector,
    TwilioKeyDetector,
)
_KINDS = {
    "AWS Access Key": "aws_access_key_id",
    "Basic Auth Credentials": "password",
    "JSON Web Token": "jwt",
    "OpenAI Token": "openai_key",
    "Stripe Access Key": "stripe_key",
    "NPM tokens": "npm_token",
    "SendGrid API Key": "sendgrid_key",
    "Twilio API Key": "twilio_key",
}
# Every provider token these plugins know is at least this long; shorter lines are skipped.
_CANDIDATE = re.compile(r"[\w+/=.:-]{16,}")
# Some plugins report a capture group rather than the whole token (GitHub reports "ghp").
MIN_VALUE_LENGTH = 12


class LibraryDetector:
    """Finds provider secrets with detect-secrets' regex plugins; reports kinds and values."""

    def __init__(self) -> None:
        self._plugins = [(plugin(), _kind(str(plugin.secret_type))) for plugin in _PLUGINS]

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """``(kind, value)`` for each secret the plugins see in ``text``, line by line."""
        for line in text.split("\n"):
            if not _CANDIDATE.search(line):
                continue
            for plugin, kind in self._plugins:
                for value in plugin.analyze_string(line):
                    if len(value) >= MIN_VALUE_LENGTH and MASK_PREFIX not in value:
                        yield kind, value


def _kind(secret_type: str) -> str:
    if secret_type in _KINDS:
        return _KINDS[secret_type]
    return re.sub(r"[^a-z0-9]+", "_", secret_type.lower()).strip("_")
