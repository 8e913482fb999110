"""A complete environment of a deployed stage, as the packaged template gives it (values made up)."""

from __future__ import annotations

import json

from chalicelib.settings import SMS_TEMPLATES

ACCOUNT = "123456789012"
SECRET_ARN = f"arn:aws:secretsmanager:ap-south-1:{ACCOUNT}:secret:cmh181-signing-key-AbCdEf"


def deployed_env(**changes: str | None) -> dict[str, str]:
    """The environment of STAGE=prod; a change of None removes that variable."""
    env = {
        "STAGE": "prod",
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_REGION": "ap-south-1",
        "SIGNING_SECRET_ARN": SECRET_ARN,
        "PUBLIC_BASE_URL": "https://cmhelpline.mp.gov.in",
        "ESCALATION_STATE_MACHINE_ARN": f"arn:aws:states:ap-south-1:{ACCOUNT}:stateMachine:cmh181-escalation",
        "USER_POOL_ID": "ap-south-1_AbCdEfGhI",
        "USER_POOL_CLIENT_ID": "4tq1example2client3id",
        "NOTIFY_QUEUE_URL": f"https://sqs.ap-south-1.amazonaws.com/{ACCOUNT}/cmh181-notify",
        "MAINTENANCE_QUEUE_URL": f"https://sqs.ap-south-1.amazonaws.com/{ACCOUNT}/cmh181-maintenance",
        "SMS_SENDER_ID": "MPCMHL",
        "DLT_ENTITY_ID": "1201159100000012345",
        "DLT_TEMPLATE_IDS": json.dumps({t: f"1207{i:015d}" for i, t in enumerate(SMS_TEMPLATES)}),
        "VOICE_BACKEND": "connect",
        "CONNECT_INSTANCE_ID": "11111111-2222-3333-4444-555555555555",
        "CONNECT_CONTACT_FLOW_ID": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        "CONNECT_SOURCE_PHONE": "+917552555181",
        "CONNECT_CCP_URL": "https://mp-cmh181.my.connect.aws/ccp-v2/",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env
