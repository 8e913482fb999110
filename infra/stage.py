"""What a deployment chooses, and what only a deployed stage has: the Parameters, the signing
key's secret, the functions' environment from both, the event-source mappings' failure
handling, the public domain (URL shape), the API's throttling and the WAF.

`infra/build.py` applies these to Chalice's template; the local stack has none of them
(`infra/local.py` builds the merge template's resources only).
"""

from __future__ import annotations

import copy
from typing import Any

from chalicelib.domain.messages import PUBLIC_HOST_MAX
from chalicelib.settings import SMS_TEMPLATES
from infra.scan import skip

# The API Gateway stage. Every route already starts with /v1/ (or is a page at the root), so
# the stage is not part of the public URL: the custom domain maps its root to this stage
# (`ApiBasePathMapping`, no base path) and https://<PublicDomainName>/v1/health is API.md's
# /v1/health. The execute-api URL (…/prod/v1/health) is for smoke tests only.
API_STAGE = "prod"
# SAM names the stage it creates for `RestAPI` this way.
API_STAGE_RESOURCE = f"RestAPI{API_STAGE}Stage"

_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# CloudWatch Logs accepts only these retention periods.
RETENTION_DAYS = [
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
]

PARAMETERS: dict[str, dict[str, Any]] = {
    "PublicDomainName": {
        "Type": "String",
        "Description": "The public host name (e.g. cmhelpline.mp.gov.in): the API, the pages and every SMS "
        "link answer at https://<it>/. Its DNS points to the ApiDomainTarget output.",
        "AllowedPattern": "^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$",
        # Every SMS link shows it: the SMS budgets are counted at this length (domain.messages).
        "MaxLength": PUBLIC_HOST_MAX,
    },
    "CertificateArn": {
        "Type": "String",
        "Description": "ACM certificate for PublicDomainName, in this region (regional endpoint).",
        "AllowedPattern": "^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+$",
    },
    "SigningSecretArn": {
        "Type": "String",
        "Default": "",
        "Description": "ARN of an existing Secrets Manager secret holding the token signing key (at least "
        "32 characters); empty: the stack creates one (SigningSecret).",
        "AllowedPattern": "^(|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+)$",
    },
    "SmsSenderId": {
        "Type": "String",
        "Description": "The six-letter DLT header (sender id) registered for the helpline's SMS.",
        "AllowedPattern": "^[A-Z]{6}$",
    },
    "DltEntityId": {
        "Type": "String",
        "Description": "The DLT principal entity id.",
        "AllowedPattern": "^\\d{12,20}$",
    },
    "DltTemplateIds": {
        "Type": "String",
        "Description": "JSON object: SMS template name -> DLT template id, for every one of "
        + ", ".join(SMS_TEMPLATES),
        "AllowedPattern": "^\\{.+\\}$",
    },
    "ConnectInstanceId": {
        "Type": "String",
        "Description": "Amazon Connect instance that places officers' and survey calls.",
        "AllowedPattern": _UUID,
    },
    "ConnectContactFlowId": {
        "Type": "String",
        "Description": "The Connect contact flow the outbound calls run "
        "(reads the script, takes the survey's keypress).",
        "AllowedPattern": _UUID,
    },
    "ConnectSourcePhone": {
        "Type": "String",
        "Description": "The Connect instance's claimed +91 number the calls come from.",
        "AllowedPattern": "^\\+91\\d{10}$",
    },
    "ConnectCcpUrl": {
        "Type": "String",
        "Description": "The Connect instance's Contact Control Panel, embedded in the call-centre console "
        "(https://<instance alias>.my.connect.aws/ccp-v2/).",
        "AllowedPattern": "^https://[a-z0-9][a-z0-9-]{0,61}\\.my\\.connect\\.aws/ccp-v2/$",
    },
    "WhatsAppPhoneNumberId": {
        "Type": "String",
        "Description": "The WhatsApp Business phone number id (Meta's app dashboard, WhatsApp > API setup) "
        "of the helpline's WhatsApp number: the webhook answers its messages only, replies go from it.",
        "AllowedPattern": "^\\d{5,20}$",
    },
    "WhatsAppSecretArn": {
        "Type": "String",
        "Description": "ARN of the Secrets Manager secret holding the WhatsApp Business Platform's JSON "
        '{"app_secret", "verify_token", "access_token"} (docs/operations.md): the app secret checks each '
        "webhook's signature, the verify token answers the platform's verification, the system user's "
        "access token sends the replies.",
        "AllowedPattern": "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+$",
    },
    "SatisfactionSurvey": {
        "Type": "String",
        "Default": "",
        "AllowedValues": ["", "connect"],
        "Description": "'connect': an automated press-1/press-2 survey call before the call centre's callback.",
    },
    "AlarmEmail": {
        "Type": "String",
        "Description": "Where the alarms go (the operations team's mailbox); confirm the subscription mail.",
        "AllowedPattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    },
    "LogRetentionDays": {
        "Type": "Number",
        "Default": 180,
        "AllowedValues": RETENTION_DAYS,
        "Description": "Days every log group keeps its logs (CERT-In's directions: 180 days).",
    },
    "SmsSpendAlarmUsd": {
        "Type": "Number",
        "Default": 500,
        "MinValue": 1,
        "Description": "Alarm when SNS SMS month-to-date spend passes this many USD "
        "(set about 80% of the account's SMS spend limit).",
    },
    "ApiRateLimit": {
        "Type": "Number",
        "Default": 200,
        "MinValue": 1,
        "Description": "API stage throttling: steady requests per second.",
    },
    "ApiBurstLimit": {
        "Type": "Number",
        "Default": 400,
        "MinValue": 1,
        "Description": "API stage throttling: burst.",
    },
    "TraceReservoir": {
        "Type": "Number",
        "Default": 1,
        "MinValue": 0,
        "Description": "X-Ray sampling of the API stage (ApiTraceSampling): requests traced each second before "
        "the fixed rate applies, for the stage as a whole.",
    },
    "TraceFixedRate": {
        "Type": "Number",
        "Default": 0.05,
        "MinValue": 0,
        "MaxValue": 1,
        "Description": "X-Ray sampling of the API stage: the share (0 to 1) of the requests beyond the reservoir "
        "that are traced. 1 traces every request.",
    },
    "SignInRateLimit": {
        "Type": "Number",
        "Default": 300,
        "MinValue": 100,
        "Description": "WAF: requests per 5 minutes from one address to the OTP, login and page sign-in paths "
        "(carriers put many phones behind one address: keep it generous).",
    },
    "RequestRateLimit": {
        "Type": "Number",
        "Default": 3000,
        "MinValue": 100,
        "Description": "WAF: requests per 5 minutes from one address to any path.",
    },
}

CONDITIONS: dict[str, Any] = {
    "CreateSigningSecret": {"Fn::Equals": [{"Ref": "SigningSecretArn"}, ""]},
}

SIGNING_SECRET = {"Fn::If": ["CreateSigningSecret", {"Ref": "SigningSecret"}, {"Ref": "SigningSecretArn"}]}

# Environment variable -> its value from the Parameters (the resources' ids come from the
# merge template's Outputs, infra/template.py).
PARAMETER_ENVIRONMENT: dict[str, Any] = {
    "PUBLIC_BASE_URL": {"Fn::Sub": "https://${PublicDomainName}"},
    "SIGNING_SECRET_ARN": SIGNING_SECRET,
    "SMS_SENDER_ID": {"Ref": "SmsSenderId"},
    "DLT_ENTITY_ID": {"Ref": "DltEntityId"},
    "DLT_TEMPLATE_IDS": {"Ref": "DltTemplateIds"},
    "CONNECT_INSTANCE_ID": {"Ref": "ConnectInstanceId"},
    "CONNECT_CONTACT_FLOW_ID": {"Ref": "ConnectContactFlowId"},
    "CONNECT_SOURCE_PHONE": {"Ref": "ConnectSourcePhone"},
    "CONNECT_CCP_URL": {"Ref": "ConnectCcpUrl"},
    "SATISFACTION_SURVEY": {"Ref": "SatisfactionSurvey"},
    "WHATSAPP_PHONE_NUMBER_ID": {"Ref": "WhatsAppPhoneNumberId"},
    "WHATSAPP_SECRET_ARN": {"Ref": "WhatsAppSecretArn"},
}

# Stream mappings: a poison record is isolated (bisect), retried a few times, and after an
# hour at most handed to the failure queue, leaving 23 of the stream's 24 hours to replay it
# (infra/replay.py). Splitting a batch does not count as a retry.
STREAM_FAILURE_QUEUE = "StreamFailureQueue"
STREAM_MAPPING = {
    "MaximumRetryAttempts": 3,
    "BisectBatchOnFunctionError": True,
    "MaximumRecordAgeInSeconds": 3600,
    "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": [STREAM_FAILURE_QUEUE, "Arn"]}}},
}
# Queue mappings: a handler returns the ids of the messages that failed; the others are done.
QUEUE_MAPPING = {"FunctionResponseTypes": ["ReportBatchItemFailures"]}


def configure_event_sources(resources: dict[str, Any]) -> None:
    for res in resources.values():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        for event in res["Properties"].get("Events", {}).values():
            extra = {"DynamoDB": STREAM_MAPPING, "SQS": QUEUE_MAPPING}.get(event["Type"])
            if extra:
                event["Properties"].update(copy.deepcopy(extra))


# Why the functions are as they are, where the scan (infra/scan.py) would have them otherwise.
_EVERY_FUNCTION = {
    "CKV_AWS_117": "Not in a VPC: it calls only AWS's public endpoints (DynamoDB, SQS, SNS, Step Functions, "
    "Secrets Manager, Cognito, Connect) and Meta's Graph API, over HTTPS, and nothing of ours lives in a VPC; "
    "a VPC would add NAT gateways or endpoints for each of them and isolate nothing.",
    "CKV_AWS_115": "No reserved concurrency: the functions share the account's pool, where a reservation would cap "
    "this one in a surge (camps, CM reviews) and take from the others; its ThrottlesAlarm reports a pool run out.",
    "CKV_AWS_173": "No secret is in its environment (ids, ARNs and Parameters only; the signing key and the WhatsApp "
    "secrets are read from Secrets Manager by ARN, and tests/integration/test_infra.py checks it), and Lambda "
    "encrypts the environment at rest with its AWS managed key.",
}
_NO_DLQ = {
    "SQS": "It polls an SQS queue: a message that fails every receive goes to that queue's dead-letter queue "
    "(its RedrivePolicy); a function's DLQ is for asynchronous invocations, which this is not.",
    "DynamoDB": "It reads the complaints stream: a batch that fails every retry goes to StreamFailureQueue (the "
    "mapping's OnFailure destination); a function's DLQ is for asynchronous invocations, which this is not.",
    "Schedule": "Scheduled: the event holds nothing but the time, and the job reads the clock and the tables, so a "
    "dead-letter queue would keep nothing worth replaying; a failed run is reported by its ErrorsAlarm, and is run "
    "again by invoking the function (or by its next schedule).",
    "": "Invoked synchronously (API Gateway, Amazon Connect): a failure is answered to the caller, who sees it; "
    "a function's DLQ is for asynchronous invocations, which this is not.",
}


def explain_functions(resources: dict[str, Any]) -> None:
    """Each function's reasons for the scan's Lambda checks (VPC, reserved concurrency, its environment's key,
    a DLQ), the DLQ reason from how it is invoked; a scheduled one's also for cfn-lint-serverless's
    ES1007/ES4000, an on-failure destination and the EventBridge target's DLQ."""
    for res in resources.values():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        for check_id, reason in _EVERY_FUNCTION.items():
            skip(res, check_id, reason)
        kinds = {e["Type"] for e in res["Properties"].get("Events", {}).values()}
        if len(kinds) > 1 or not kinds <= set(_NO_DLQ):
            raise ValueError(f"no DLQ reason for a function invoked by {sorted(kinds)}")
        kind = next(iter(kinds), "")
        skip(res, "CKV_AWS_116", _NO_DLQ[kind])
        if kind == "Schedule":
            skip(res, "ES1007", _NO_DLQ[kind])
            skip(res, "ES4000", _NO_DLQ[kind])


def explain_api(resources: dict[str, Any]) -> None:
    """The API stage's reasons for the scan: no cache, and no access log of its own."""
    api = resources["RestAPI"]
    skip(
        api,
        "CKV_AWS_120",
        "No stage cache: the answers are per person (sessions, a citizen's complaints, an officer's queue) and change "
        "with each action; a cache keyed by path would serve one person's answer to another.",
    )
    skip(
        api,
        "ES2000",
        "No access log of the stage: API Gateway writes one only through the region's account-wide CloudWatch role "
        "(AWS::ApiGateway::Account), which a stack should not own. Every request is logged by the WAF instead "
        "(WebACLLogging into WafLogGroup, kept LogRetentionDays; authorization, cookie and the path redacted), and "
        "the stage's metrics are on (MethodSettings).",
    )


def signing_secret() -> dict[str, Any]:
    return {
        "SigningSecret": {
            "Type": "AWS::SecretsManager::Secret",
            "Condition": "CreateSigningSecret",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Metadata": {
                "checkov": {
                    "skip": [
                        {
                            "id": "CKV2_AWS_57",
                            "comment": "Rotated by the operator (docs/operations.md): the previous version stays "
                            "accepted, so no rotation Lambda is needed.",
                        },
                        {
                            "id": "CKV_AWS_149",
                            "comment": "The AWS managed key: only this account's functions read it, by the policy.",
                        },
                    ]
                }
            },
            "Properties": {
                "Name": {"Fn::Sub": "${AWS::StackName}-signing-key"},
                "Description": "CM Helpline 181: the key that signs citizens' and officers' link tokens "
                "and OTP hashes.",
                "GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True},
            },
        }
    }


def public_domain() -> dict[str, Any]:
    """The custom domain whose root is the API stage: API.md's paths are the public paths."""
    return {
        "ApiDomain": {
            "Type": "AWS::ApiGateway::DomainName",
            "Properties": {
                "DomainName": {"Ref": "PublicDomainName"},
                "RegionalCertificateArn": {"Ref": "CertificateArn"},
                "EndpointConfiguration": {"Types": ["REGIONAL"]},
                "SecurityPolicy": "TLS_1_2",
            },
        },
        "ApiBasePathMapping": {
            "Type": "AWS::ApiGateway::BasePathMapping",
            "DependsOn": [API_STAGE_RESOURCE],
            # No BasePath: the domain's root is the stage's root.
            "Properties": {"DomainName": {"Ref": "ApiDomain"}, "RestApiId": {"Ref": "RestAPI"}, "Stage": API_STAGE},
        },
    }


def throttle_api(resources: dict[str, Any]) -> None:
    props = resources["RestAPI"]["Properties"]
    props["MethodSettings"] = [
        {
            "ResourcePath": "/*",
            "HttpMethod": "*",
            "ThrottlingRateLimit": {"Ref": "ApiRateLimit"},
            "ThrottlingBurstLimit": {"Ref": "ApiBurstLimit"},
            "MetricsEnabled": True,
        }
    ]


# The sign-in paths a rate-based rule guards, as they appear in a request's URI (through the
# custom domain, or after /prod/ on the execute-api URL).
SIGN_IN_PATHS = ("/v1/otp", "/v1/auth/", "/file/otp", "/file/verify", "/cce/login", "/officer/login", "/monitor/login")


def _visibility(name: str) -> dict[str, Any]:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}


def _contains(path: str) -> dict[str, Any]:
    return {
        "ByteMatchStatement": {
            "FieldToMatch": {"UriPath": {}},
            "PositionalConstraint": "CONTAINS",
            "SearchString": path,
            "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
        }
    }


def _managed(name: str, priority: int) -> dict[str, Any]:
    return {
        "Name": name,
        "Priority": priority,
        "OverrideAction": {"None": {}},
        "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": name}},
        "VisibilityConfig": _visibility(name),
    }


def web_acl(log_group: str) -> dict[str, Any]:
    """The WAF on the API stage: rate limits per address (sign-ins tighter), AWS's managed rules."""
    rules = [
        {
            "Name": "SignInRateLimit",
            "Priority": 0,
            "Action": {"Block": {}},
            "Statement": {
                "RateBasedStatement": {
                    "Limit": {"Ref": "SignInRateLimit"},
                    "AggregateKeyType": "IP",
                    "ScopeDownStatement": {"OrStatement": {"Statements": [_contains(p) for p in SIGN_IN_PATHS]}},
                }
            },
            "VisibilityConfig": _visibility("SignInRateLimit"),
        },
        {
            "Name": "RequestRateLimit",
            "Priority": 1,
            "Action": {"Block": {}},
            "Statement": {"RateBasedStatement": {"Limit": {"Ref": "RequestRateLimit"}, "AggregateKeyType": "IP"}},
            "VisibilityConfig": _visibility("RequestRateLimit"),
        },
        _managed("AWSManagedRulesAmazonIpReputationList", 2),
        _managed("AWSManagedRulesCommonRuleSet", 3),
        _managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
    ]
    waf_logs = {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + log_group}
    return {
        "WebACL": {
            "Type": "AWS::WAFv2::WebACL",
            "Properties": {
                "Name": {"Fn::Sub": "${AWS::StackName}-api"},
                "Scope": "REGIONAL",
                "DefaultAction": {"Allow": {}},
                "Rules": rules,
                "VisibilityConfig": _visibility("cmh181-api"),
            },
        },
        "WebACLAssociation": {
            "Type": "AWS::WAFv2::WebACLAssociation",
            "DependsOn": [API_STAGE_RESOURCE],
            "Properties": {
                "ResourceArn": {
                    "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/"
                    + API_STAGE
                },
                "WebACLArn": {"Fn::GetAtt": ["WebACL", "Arn"]},
            },
        },
        "WebACLLogging": {
            "Type": "AWS::WAFv2::LoggingConfiguration",
            "DependsOn": ["WafLogGroup"],
            "Properties": {
                "ResourceArn": {"Fn::GetAtt": ["WebACL", "Arn"]},
                "LogDestinationConfigs": [waf_logs],
                # Tokens never reach the WAF's log (an SMS link carries its token in the path).
                "RedactedFields": [
                    {"SingleHeader": {"Name": "authorization"}},
                    {"SingleHeader": {"Name": "cookie"}},
                    {"UriPath": {}},
                ],
            },
        },
    }
