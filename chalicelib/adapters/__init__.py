"""Adapters: the only code that talks to AWS (DynamoDB, SNS, SQS, Step Functions, Connect, Cognito)."""
