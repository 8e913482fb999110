"""The header the WhatsApp Business Platform signs each webhook POST in (`chalicelib.domain.whatsapp`).

Here on its own, so that the API's description of the webhook names it without loading the
platform's domain."""

SIGNATURE_HEADER = "X-Hub-Signature-256"
