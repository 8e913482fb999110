"""X-Ray through aws-xray-sdk: patch AWS clients once; disabled locally by AWS_XRAY_SDK_ENABLED=false."""

from __future__ import annotations

_installed = False


def install() -> None:
    """Patch boto3/botocore so every AWS call is a subsegment of the Lambda's trace.

    The SDK reads AWS_XRAY_SDK_ENABLED itself; locally and in tests it is "false",
    and patching then records nothing and sends nothing.
    """
    global _installed
    if _installed:
        return
    from aws_xray_sdk.core import patch

    patch(["boto3", "botocore"])
    _installed = True
