"""SMS through Amazon SNS, with India's DLT registration ids as message attributes."""

from __future__ import annotations

import json
from typing import Any

from chalicelib import observe
from chalicelib.settings import Settings


class SnsSmsSender:
    """Sends transactional SMS. India's TRAI DLT rules require the registered entity id
    and the template id with every message; template ids come from settings (a JSON
    map template-name -> id), so a new DLT registration needs no code change."""

    def __init__(self, sns: Any, settings: Settings) -> None:
        self._sns = sns
        self._settings = settings
        self._templates: dict[str, str] = json.loads(settings.dlt_template_ids) if settings.dlt_template_ids else {}

    def send(self, to: str, text: str, template: str) -> str:
        attrs = {
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
            "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": self._settings.sms_sender_id},
            "AWS.MM.SMS.EntityId": {"DataType": "String", "StringValue": self._settings.dlt_entity_id},
            "AWS.MM.SMS.TemplateId": {
                "DataType": "String",
                "StringValue": self._templates.get(template, f"{self._settings.dlt_entity_id}-{template}"),
            },
        }
        try:
            response = self._sns.publish(PhoneNumber=to, Message=text, MessageAttributes=attrs)
        except Exception:
            observe.metric("SmsFailed")
            raise
        observe.metric("SmsSent")
        return str(response["MessageId"])
